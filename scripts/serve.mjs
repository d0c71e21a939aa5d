#!/usr/bin/env node
// `npm run serve [-- --port N --data-dir DIR --no-open]`: the browser shell (electron/web).
//
// 1. Build the renderer if out/renderer/index.html is missing or older than any renderer/shared
//    source — only the renderer bundle, with the renderer section of electron.vite.config.ts, so a
//    fresh clone after `npm ci` works and a broken main/preload build cannot block the web shell.
// 2. Run electron/web/cli.ts in this same process through tsx's loader (no second Node start-up).
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const started = performance.now();

function newestMtime(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    if (/\.test\.tsx?$/.test(entry) || entry === 'README.md') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function rendererIsStale() {
  let built;
  try {
    built = statSync(join(root, 'out/renderer/index.html')).mtimeMs;
  } catch {
    return true;
  }
  const sources = Math.max(
    newestMtime(join(root, 'renderer')),
    newestMtime(join(root, 'shared')),
    newestMtime(join(root, 'electron.vite.config.ts')),
  );
  return sources > built;
}

// Under npm run dev (--dev-origin) Vite serves the renderer from source: no build.
const devMode = process.argv.some((a) => a === '--dev-origin' || a.startsWith('--dev-origin='));
if (!devMode && rendererIsStale()) {
  console.error('Building the renderer (out/renderer)…');
  process.env.NODE_ENV_ELECTRON_VITE = 'production';
  const { resolveConfig } = await import('electron-vite');
  const { build } = await import('vite');
  const resolved = await resolveConfig({ root, logLevel: 'warn' }, 'build', 'production');
  const renderer = resolved.config?.renderer;
  if (!renderer) {
    console.error('electron.vite.config.ts has no renderer section.');
    process.exit(1);
  }
  await build({ ...renderer, logLevel: 'warn' });
  console.error(`Renderer built in ${Math.round(performance.now() - started)} ms.`);
}

const { register } = await import('tsx/esm/api');
register();
if (process.env.HOSTING_DESK_SERVE_TIMING) {
  console.error(`serve: loader ready after ${Math.round(performance.now() - started)} ms`);
}
await import('../electron/web/cli.ts');
