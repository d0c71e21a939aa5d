import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  MessageChannelMain,
  Notification,
  net,
  protocol,
  session,
  shell,
  utilityProcess,
} from 'electron';
import { orderRoutePath } from '../../shared/contract/open-route';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { IPC_CALL, IPC_CONNECTION, IPC_EVENT } from '../preload/ipc-names';
import { APP_ENTRY_URL, APP_SCHEME, resolveAppFile } from './app-protocol';
import { type ChildLike, EngineSupervisor, isReadyAfterRestart } from './engine-supervisor';
import { handleDeskCall } from './ipc-adapter';
import { startOrderNotifications } from './notifications';
import { openRoute } from './open-route';
import { utilityChild } from './utility-child';
import {
  decideDownload,
  decideNavigation,
  decidePermission,
  devOriginRefusal,
  mayAttachWebview,
  mayOpenExternal,
} from './security';
import { deskWebPreferences } from './window-options';
import { defaultDataDir } from '../core/data-dir';

/**
 * The Electron shell: thin glue only. Every decision lives in a pure, tested module of this folder
 * (app-protocol, security, ipc-adapter, restart-policy, engine-supervisor, window-options); each
 * Electron hook below just calls one of them. The engine runs in a utilityProcess (electron/core/host.ts).
 */
const here = import.meta.dirname; // out/main
const paths = {
  renderer: join(here, '../renderer'),
  preload: join(here, '../preload/index.cjs'),
  engineHost: join(here, 'engine-host.js'),
};

// npm run dev is the browser shell's: the desktop app never relaxes its CSP for a dev server.
const devOriginRefused = devOriginRefusal(process.argv);
if (devOriginRefused) {
  console.error(devOriginRefused);
  app.exit(2);
}

// Isolated profiles for tests and for running two copies side by side (must precede the lock).
if (process.env.HOSTING_DESK_USER_DATA_DIR) app.setPath('userData', process.env.HOSTING_DESK_USER_DATA_DIR);
// The same per-user data dir as the browser shell, so either shell shows the same workspaces.
const dataDir = defaultDataDir(process.platform, process.env, homedir());

protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
]);

const ourWebContents = new Set<number>();
let mainWindow: BrowserWindow | null = null;

/** The one way anything leaves the app for the OS: allow-listed URLs only (security.ts). */
function openExternalIfAllowed(url: string): void {
  if (mayOpenExternal(url)) void shell.openExternal(url);
}

function spawnEngine(): ChildLike {
  const child = utilityProcess.fork(paths.engineHost, ['--data-dir', dataDir, '--shell', 'electron'], {
    serviceName: 'Hosting Desk engine',
    stdio: 'inherit',
    env: { ...process.env }, // carries HOSTING_DESK_SQLITE_BINDING from scripts/start.mjs
  });
  const { port1, port2 } = new MessageChannelMain();
  return utilityChild(child, port1, port2);
}

const supervisor = new EngineSupervisor({ spawn: spawnEngine });
supervisor.onStateChange((state) => {
  if (state.state === 'restarting') console.error(`engine exited (code ${state.exitCode}); restarting`);
  if (state.state === 'given-up') dialog.showErrorBox('Hosting Desk engine stopped', state.message);
  if (isReadyAfterRestart(state))
    for (const window of BrowserWindow.getAllWindows())
      if (ourWebContents.has(window.webContents.id))
        window.webContents.send(IPC_CONNECTION, 'engine-restarted');
});
supervisor.subscribe((event, payload) => {
  for (const window of BrowserWindow.getAllWindows()) {
    if (ourWebContents.has(window.webContents.id)) window.webContents.send(IPC_EVENT, event, payload);
  }
});

function createWindow(): BrowserWindow {
  const webPreferences = deskWebPreferences(paths.preload, !app.isPackaged);
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Hosting Desk',
    autoHideMenuBar: true,
    webPreferences,
  });
  // Electron cannot report a window's preferences afterwards; the _electron e2e test reads them here.
  if (process.env.HOSTING_DESK_E2E === '1')
    Object.assign(globalThis, { hostingDeskWebPreferences: webPreferences });
  const id = window.webContents.id;
  ourWebContents.add(id);
  window.on('closed', () => {
    ourWebContents.delete(id);
    if (mainWindow === window) mainWindow = null;
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

function installSecurityHooks(): void {
  // App-wide, so it also covers any webContents we did not create ourselves.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      event.preventDefault();
      if (decideNavigation(event.url).openExternally) openExternalIfAllowed(event.url);
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => {
      if (!mayAttachWebview()) event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      if (decideNavigation(url).openExternally) openExternalIfAllowed(url);
      return { action: 'deny' };
    });
  });
  // Exports arrive as blob-URL downloads from our page; decideDownload lets only those through, via the save dialog.
  session.defaultSession.on('will-download', (event, item) => {
    const decision = decideDownload(item.getURL(), item.getFilename());
    if (!decision.allow) return event.preventDefault();
    item.setSaveDialogOptions(decision.dialog);
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(decidePermission(permission, details.requestingUrl)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, origin) =>
    decidePermission(permission, origin),
  );
}

function serveRenderer(): void {
  const securityHeaders = {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  protocol.handle(APP_SCHEME, async (request) => {
    const decision = resolveAppFile(request.url, paths.renderer, request.method);
    if (!decision.ok)
      return new Response(decision.reason, { status: decision.status, headers: securityHeaders });
    try {
      const file = await net.fetch(pathToFileURL(decision.file).toString());
      const headers = new Headers(file.headers);
      for (const [name, value] of Object.entries(securityHeaders)) headers.set(name, value);
      return new Response(file.body, { status: file.status, headers });
    } catch {
      return new Response('not found', { status: 404, headers: securityHeaders });
    }
  });
}

function installIpc(): void {
  ipcMain.handle(IPC_CALL, (event, channel: unknown, input: unknown) =>
    handleDeskCall(
      {
        webContentsId: event.sender.id,
        frameUrl: event.senderFrame?.url ?? null,
        isTopFrame: event.senderFrame ? event.senderFrame.parent === null : false,
      },
      channel,
      input,
      { ourWebContents, call: (name, raw) => supervisor.call(name, raw) },
    ),
  );
}

if (!app.requestSingleInstanceLock()) {
  // A second launch hands over to the first (which focuses its window) and leaves.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    void supervisor.stop().finally(() => app.quit());
  });
  void app.whenReady().then(() => {
    installSecurityHooks();
    serveRenderer();
    installIpc();
    supervisor.start();
    mainWindow = createWindow();
    // order notifications come from main in this shell (the decision and memory: notifications.ts)
    const notifications = startOrderNotifications({
      engine: supervisor,
      Notification,
      onOpen: (n) => {
        if (!mainWindow) return;
        mainWindow.show();
        mainWindow.focus();
        openRoute(mainWindow.webContents, orderRoutePath(n.orderId), ourWebContents);
      },
    });
    supervisor.onStateChange((state) => {
      if (isReadyAfterRestart(state)) void notifications.notifier.check();
    });
    app.on('will-quit', () => notifications.stop());
  });
}
