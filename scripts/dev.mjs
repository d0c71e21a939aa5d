#!/usr/bin/env node
// `npm run dev [-- --data-dir DIR]`: the daily loop (UI.md). Vite serves renderer/ with hot reload
// and proxies /rpc, /events and /session to a browser shell (electron/web) on the Sandbox, started
// here with `--dev-origin` = Vite's origin so it accepts exactly that origin (and sends the
// development CSP). No Electron. Prints one URL with the shell's launch token in the fragment: the
// dev page exchanges it for the session cookie through the proxy, as the built page does.
import { spawn } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** A free loopback port for Vite (the shell must know Vite's origin before it starts). */
const freePort = () =>
  new Promise((done, fail) => {
    const probe = createNetServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });

const vitePort = Number(process.env.HOSTING_DESK_DEV_PORT ?? (await freePort()));
const devOrigin = `http://127.0.0.1:${vitePort}`;

const shell = spawn(
  process.execPath,
  ['scripts/serve.mjs', '--no-open', '--port', '0', '--dev-origin', devOrigin, ...process.argv.slice(2)],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
);
let printed = '';
const shellUrl = await new Promise((found, fail) => {
  shell.stdout.on('data', (chunk) => {
    printed += chunk.toString('utf8');
    const match = /(http:\/\/127\.0\.0\.1:\d+)\/#token=([A-Za-z0-9_-]+)/.exec(printed);
    if (match) found({ origin: match[1], token: match[2] });
  });
  shell.once('exit', (code) => fail(new Error(`the browser shell exited (${code}) before printing its URL`)));
});

process.env.NODE_ENV_ELECTRON_VITE = 'development';
const { resolveConfig } = await import('electron-vite');
const { createServer } = await import('vite');
const { developmentCsp } = await import('../shared/security/csp.ts').catch(async () => {
  // Plain node cannot import .ts: load it through tsx's loader.
  const { tsImport } = await import('tsx/esm/api');
  return tsImport('../shared/security/csp.ts', import.meta.url);
});
const resolved = await resolveConfig({ root, logLevel: 'warn' }, 'serve', 'development');
const renderer = resolved.config?.renderer;
if (!renderer) throw new Error('electron.vite.config.ts has no renderer section.');

const proxy = Object.fromEntries(
  ['/rpc', '/events', '/session'].map((path) => [path, { target: shellUrl.origin, changeOrigin: true }]),
);
const vite = await createServer({
  ...renderer,
  configFile: false,
  server: {
    host: '127.0.0.1',
    port: vitePort,
    strictPort: true,
    proxy,
    headers: { 'Content-Security-Policy': developmentCsp(devOrigin) },
  },
});
await vite.listen();
console.log(`Hosting Desk (dev) is running at ${devOrigin}/#token=${shellUrl.token}`);
console.error(
  `Renderer from Vite with hot reload; engine: browser shell at ${shellUrl.origin}. Ctrl-C stops both.`,
);

let stopping = false;
const stop = async () => {
  if (stopping) process.exit(130);
  stopping = true;
  await vite.close();
  shell.kill('SIGINT');
  shell.once('exit', () => process.exit(0));
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
