/**
 * The one Content-Security-Policy both shells send with the renderer (DESIGN.md, "Security rules"):
 * Electron on its app:// responses, the browser shell on every HTTP response.
 * Everything is same-origin; no inline script or style (so no UI library may inject <style> at
 * run time), no framing, no form posts, no <base> tricks.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // the intake worker is a same-origin module (UI.md); never blob: (papaparse's own worker)
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
