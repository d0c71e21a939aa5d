/**
 * The one Content-Security-Policy both shells send with the renderer (DESIGN.md, "Security rules"):
 * Electron on its app:// responses, the browser shell on every HTTP response.
 * Everything is same-origin; no inline script or style (so no UI library may inject <style> at
 * run time), no framing, no form posts, no <base> tricks.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The development CSP (npm run dev only; see dev-origin.ts): Vite's dev server injects the React
 * refresh preamble as an inline script, puts CSS in <style> tags and talks HMR over a WebSocket to
 * its own origin. Never sent by a production build or the Electron shell.
 */
export function developmentCsp(devOrigin: string): string {
  const ws = devOrigin.replace(/^http:/, 'ws:');
  return CONTENT_SECURITY_POLICY.replace(
    "script-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
  )
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("connect-src 'self'", `connect-src 'self' ${ws}`);
}
