/**
 * Where a Live workspace may send its key secret (issue 10, finding 1). A key secret is entered for
 * one pair of endpoints and bound to their origins; anything that would send it elsewhere is refused
 * here, in pure functions the workspaces, the credentials and the Sinch client all call.
 */

/** Where a workspace sends its requests. The Sandbox's comes from the simulator, once it runs. */
export type Endpoint = { baseUrl: string; tokenUrl?: string };

export const LIVE_ENDPOINT: Required<Endpoint> = {
  baseUrl: 'https://imported.numbers.api.sinch.com',
  tokenUrl: 'https://auth.sinch.com/oauth2/token',
};

/** A Live profile's endpoint: its overrides, else Sinch's defaults. */
export const liveEndpoint = (profile: {
  baseUrl?: string | undefined;
  tokenUrl?: string | undefined;
}): Required<Endpoint> => ({
  baseUrl: profile.baseUrl ?? LIVE_ENDPOINT.baseUrl,
  tokenUrl: profile.tokenUrl ?? LIVE_ENDPOINT.tokenUrl,
});

const parse = (url: string): URL | null => {
  try {
    return new URL(url);
  } catch {
    return null;
  }
};

/** 127.0.0.0/8, ::1 and localhost: a listener on this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  return /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Why this URL may not carry a key secret, or null when it may: `https://` anywhere; plain `http://`
 * only to loopback and only on a workspace marked as a test endpoint (a simulator on this machine).
 */
export function endpointProblem(
  field: 'base URL' | 'token URL',
  url: string,
  testEndpoint: boolean,
): string | null {
  const parsed = parse(url);
  if (!parsed) return `The ${field} "${url.slice(0, 100)}" is not a URL.`;
  if (parsed.username || parsed.password)
    return `The ${field} must not contain a user name or password: the key secret is sent separately.`;
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol !== 'http:') return `The ${field} must start with https://.`;
  if (!isLoopbackHost(parsed.hostname))
    return `The ${field} must start with https://: plain http:// would send the key secret unencrypted.`;
  if (!testEndpoint)
    return `The ${field} uses plain http:// to this machine: allowed only for a test endpoint (turn on "test endpoint"), else use https://.`;
  return null;
}

/** The first policy problem of a Live endpoint, or null. */
export function liveEndpointProblem(profile: {
  baseUrl?: string | undefined;
  tokenUrl?: string | undefined;
  testEndpoint?: boolean | undefined;
}): string | null {
  const endpoint = liveEndpoint(profile);
  const test = profile.testEndpoint === true;
  return (
    endpointProblem('base URL', endpoint.baseUrl, test) ??
    endpointProblem('token URL', endpoint.tokenUrl, test)
  );
}

/** The origins a key secret entered for this endpoint may be sent to, sorted (a stable binding). */
export function endpointOrigins(endpoint: Endpoint): string[] {
  const origins = [endpoint.baseUrl, endpoint.tokenUrl]
    .filter((u): u is string => u !== undefined)
    .map((u) => parse(u)?.origin ?? `invalid:${u}`);
  return [...new Set(origins)].sort();
}

export const sameBinding = (a: readonly string[] | undefined, b: readonly string[]): boolean =>
  a !== undefined && a.length === b.length && a.every((o, i) => o === b[i]);
