/**
 * OAuth2 access-token cache with a SHARED single-flight refresh (REFERENCE.md §2.2): every caller
 * that finds the token missing or close to expiry awaits the same in-flight request, so N concurrent
 * calls cost one token fetch.
 */
export type FetchedToken = { token: string; expiresInMs: number };

export class TokenSource {
  private current: { token: string; expiresAt: number; lifetimeMs: number } | undefined;
  private inflight: Promise<string> | undefined;

  constructor(
    private readonly fetchToken: () => Promise<FetchedToken>,
    private readonly now: () => number,
    /** Refresh when less than this is left (capped at half the token's lifetime). */
    private readonly refreshBeforeMs = 60_000,
  ) {}

  get(): Promise<string> {
    const c = this.current;
    if (c && c.expiresAt - this.now() > Math.min(this.refreshBeforeMs, c.lifetimeMs / 2)) {
      return Promise.resolve(c.token);
    }
    if (!this.inflight) {
      const flight = this.fetchToken().then((t) => {
        this.current = { token: t.token, expiresAt: this.now() + t.expiresInMs, lifetimeMs: t.expiresInMs };
        return t.token;
      });
      this.inflight = flight;
      // Cleared whatever the outcome, so a failed fetch is retried by the next caller.
      flight.then(
        () => this.clear(flight),
        () => this.clear(flight),
      );
    }
    return this.inflight;
  }

  /** Forget `token` after the server said it expired; a newer token is kept. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  private clear(flight: Promise<string>) {
    if (this.inflight === flight) this.inflight = undefined;
  }
}
