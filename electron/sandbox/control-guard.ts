import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Who may use the simulator's `/_sandbox` control surface (issue 10, finding 7): whoever started it
 * and holds its per-start secret. The checks mirror the browser shell's (electron/web/guard.ts):
 * Host must be ours (DNS rebinding), an Origin must be ours, a cross-site fetch is refused — and on
 * top, `Authorization: Bearer <secret>`, a header no cross-origin page can send without a preflight
 * we never answer.
 */
export type ControlVerdict = { allowed: true } | { allowed: false; status: 401 | 403; reason: string };

const sameSecret = (given: string, expected: string): boolean =>
  timingSafeEqual(
    createHash('sha256').update(given).digest(),
    createHash('sha256').update(expected).digest(),
  );

export function checkControlCaller(request: {
  host: string | undefined;
  origin: string | undefined;
  fetchSite: string | undefined;
  authorization: string | undefined;
  port: number;
  secret: string | null;
}): ControlVerdict {
  const ours = [`127.0.0.1:${request.port}`, `localhost:${request.port}`];
  if (!request.host || !ours.includes(request.host.toLowerCase()))
    return { allowed: false, status: 403, reason: 'foreign Host' };
  if (request.fetchSite?.trim().toLowerCase() === 'cross-site')
    return { allowed: false, status: 403, reason: 'cross-site request' };
  if (request.origin !== undefined && !ours.some((h) => request.origin?.toLowerCase() === `http://${h}`))
    return { allowed: false, status: 403, reason: 'foreign Origin' };
  if (request.secret === null) return { allowed: true };
  const given = /^Bearer\s+(\S+)\s*$/i.exec(request.authorization ?? '')?.[1];
  if (!given || !sameSecret(given, request.secret))
    return {
      allowed: false,
      status: 401,
      reason:
        'missing or wrong control secret (Authorization: Bearer <the secret this simulator was started with>)',
    };
  return { allowed: true };
}
