import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The browser shell's boundary checks as pure functions (DESIGN.md, "Security rules"): who may talk
 * to the loopback server. Model: Jupyter's token-protected local server.
 */

/** 256 bits from the OS CSPRNG, URL-safe: the per-launch token and every session id. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/**
 * Constant-time equality. Both sides are hashed first so that neither the length of the expected
 * value nor the position of the first differing byte leaks through timing.
 */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined || given.length === 0 || expected.length === 0) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The names this server answers to. Anything else in `Host` is a DNS-rebinding attempt. */
export const allowedHosts = (port: number): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];

export const isAllowedHost = (host: string | undefined, port: number): boolean =>
  host !== undefined && allowedHosts(port).includes(host.toLowerCase());

export const isAllowedOrigin = (origin: string | undefined, port: number): boolean =>
  origin !== undefined && allowedHosts(port).some((h) => origin.toLowerCase() === `http://${h}`);

export type Verdict = { allowed: true } | { allowed: false; status: 403; reason: string };

/**
 * Host is checked on every request (static files included: a rebinding page must not even read our
 * HTML). Every POST must carry our own Origin — browsers always send it on POST, so its absence
 * means a non-browser client or an old browser, both refused (CSRF, with SameSite=Strict).
 * Other requests may omit Origin, but if one is present it must be ours, and a browser that says
 * the request is cross-site (`Sec-Fetch-Site`) is refused whatever the Origin says.
 */
export function checkCaller(request: {
  method: string;
  host: string | undefined;
  origin: string | undefined;
  fetchSite: string | undefined;
  port: number;
  /** npm run dev: Vite's origin, whose proxy calls us (shared/security/dev-origin.ts) */
  devOrigin?: string | undefined;
}): Verdict {
  const { method, host, origin, fetchSite, port, devOrigin } = request;
  if (!isAllowedHost(host, port)) return { allowed: false, status: 403, reason: 'foreign Host' };
  if (fetchSite === 'cross-site') return { allowed: false, status: 403, reason: 'cross-site request' };
  if (method === 'POST' && origin === undefined)
    return { allowed: false, status: 403, reason: 'missing Origin' };
  if (
    origin !== undefined &&
    !isAllowedOrigin(origin, port) &&
    !(devOrigin !== undefined && origin === devOrigin)
  )
    return { allowed: false, status: 403, reason: 'foreign Origin' };
  return { allowed: true };
}

/** One cookie's value from a `Cookie` header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Cookies are not isolated by port: two Hosting Desks on 127.0.0.1 would overwrite each other's
 * cookie if they shared a name. So the name carries the port.
 */
export const sessionCookieName = (port: number): string => `hosting_desk_session_${port}`;

export const sessionCookie = (port: number, value: string): string =>
  `${sessionCookieName(port)}=${value}; HttpOnly; SameSite=Strict; Path=/`;

/** `Authorization: Bearer <token>` → the token. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
