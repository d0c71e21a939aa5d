/**
 * The web preferences of every window we create. Kept as data so a test can pin each one:
 * an isolated, sandboxed renderer with no Node, no <webview>, web security on (DESIGN.md
 * "Security rules"). The preload is the only bridge and exposes only `window.desk`.
 */
export function deskWebPreferences(preloadPath: string, devTools: boolean) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  } as const;
}
