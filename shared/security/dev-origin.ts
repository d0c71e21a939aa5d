/**
 * `--dev-origin URL` (npm run dev): the browser shell lets exactly one loopback origin — Vite's dev
 * server, which proxies /rpc, /events and /session to it — call it, and that page runs under the
 * development CSP. Pure, so the refusals are unit-tested: only the browser shell, never a
 * production build, never the Electron shell (its renderer is served by app:// and must keep the
 * production CSP), only `http://127.0.0.1:PORT` or `http://localhost:PORT` with nothing after it.
 */
export type DevOriginDecision = { ok: true; origin: string } | { ok: false; reason: string };

export function decideDevOrigin(request: {
  value: string;
  shell: 'browser' | 'electron';
  /** NODE_ENV === 'production', or a packaged app */
  production: boolean;
}): DevOriginDecision {
  if (request.shell === 'electron')
    return {
      ok: false,
      reason: '--dev-origin is for the browser shell (npm run dev); the desktop app refuses it.',
    };
  if (request.production)
    return { ok: false, reason: '--dev-origin is refused in a production build (NODE_ENV=production).' };
  const match = /^http:\/\/(127\.0\.0\.1|localhost):(\d{1,5})$/.exec(request.value);
  const port = Number(match?.[2]);
  if (!match || !Number.isInteger(port) || port < 1 || port > 65535)
    return {
      ok: false,
      reason: `--dev-origin must be http://127.0.0.1:PORT or http://localhost:PORT (got ${JSON.stringify(request.value.slice(0, 100))}).`,
    };
  return { ok: true, origin: `http://${match[1]}:${port}` };
}
