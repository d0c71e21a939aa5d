#!/usr/bin/env node
// `npm start [-- --browser] [-- <browser-shell args>]`: launch Hosting Desk.
//
// With an Electron binary: build what is stale (electron-vite), prepare the Electron build of the
// SQLite addon in .electron-native/ (never in node_modules: a failed rebuild there deletes the Node
// build the tests use — DESIGN.md "Electron and the native module"), then run Electron with
// HOSTING_DESK_SQLITE_BINDING pointing at it.
// Without one (CI, headless Linux, no download possible): say so in one line and start the browser
// shell (scripts/serve.mjs), which prints its URL.
//
// The binary is found WITHOUT require('electron'): Electron ≥42 downloads itself on first require.
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const SQLITE_PACKAGE = 'better-sqlite3-multiple-ciphers';

/**
 * Where the Electron executable is, exactly as node_modules/electron/index.js would compute it,
 * minus its download fallback.
 * @param {{ electronDir: string, env: Record<string, string | undefined>,
 *           exists: (path: string) => boolean, readFile: (path: string) => string }} io
 * @returns {{ found: true, path: string } | { found: false, reason: string }}
 */
export function findElectronBinary({ electronDir, env, exists, readFile }) {
  if (!exists(join(electronDir, 'package.json'))) {
    return { found: false, reason: 'the electron package is not installed' };
  }
  const pathFile = join(electronDir, 'path.txt');
  const executable = exists(pathFile) ? readFile(pathFile).trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const path = join(override, executable || 'electron');
    return exists(path)
      ? { found: true, path }
      : { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${executable || 'electron'} (${path})` };
  }
  if (!executable) {
    return { found: false, reason: 'node_modules/electron has no downloaded binary (no path.txt)' };
  }
  const path = join(electronDir, 'dist', executable);
  return exists(path) ? { found: true, path } : { found: false, reason: `${path} is missing` };
}

/**
 * The separate folder that holds the Electron-ABI build of the SQLite addon, per Electron version.
 * @param {string} projectRoot @param {string} electronVersion
 */
export function electronNativePaths(projectRoot, electronVersion) {
  const dir = join(projectRoot, '.electron-native', electronVersion);
  const moduleDir = join(dir, 'node_modules', SQLITE_PACKAGE);
  return { dir, moduleDir, binding: join(moduleDir, 'build', 'Release', 'better_sqlite3.node') };
}

function newestMtime(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function buildIfStale() {
  const outputs = [
    'out/main/index.js',
    'out/main/engine-host.js',
    'out/preload/index.cjs',
    'out/renderer/index.html',
  ];
  const built = Math.min(
    ...outputs.map((p) => (existsSync(join(root, p)) ? statSync(join(root, p)).mtimeMs : 0)),
  );
  const sources = Math.max(
    ...['electron', 'shared', 'renderer', 'electron.vite.config.ts'].map((p) => newestMtime(join(root, p))),
  );
  if (built >= sources) return true;
  console.error('Building Hosting Desk (electron-vite build)…');
  const cli = join(root, 'node_modules/electron-vite/bin/electron-vite.js');
  return (
    spawnSync(process.execPath, [cli, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
      .status === 0
  );
}

/** @returns {string | null} the addon path, or null (with one line saying why) */
function prepareNativeSqlite() {
  const electronVersion = JSON.parse(
    readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
  ).version;
  const paths = electronNativePaths(root, electronVersion);
  if (existsSync(paths.binding)) return paths.binding;
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  if (nodeMajor < 22) {
    console.error(
      `Cannot prepare the SQLite addon for Electron ${electronVersion}: @electron/rebuild needs Node ≥ 22 (this is ${process.versions.node}). The app starts, but its database will not open.`,
    );
    return null;
  }
  console.error(`Preparing the SQLite addon for Electron ${electronVersion} in ${paths.dir} (once)…`);
  // Work on a private copy so the rebuild can never touch node_modules.
  rmSync(paths.dir, { recursive: true, force: true });
  mkdirSync(join(paths.dir, 'node_modules'), { recursive: true });
  const source = join(root, 'node_modules', SQLITE_PACKAGE);
  const version = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')).version;
  cpSync(source, paths.moduleDir, { recursive: true, filter: (p) => !p.startsWith(join(source, 'build')) });
  writeFileSync(
    join(paths.dir, 'package.json'),
    `${JSON.stringify({ name: 'hosting-desk-electron-native', private: true, dependencies: { [SQLITE_PACKAGE]: version } }, null, 2)}\n`,
  );
  const rebuilt = spawnSync(
    'npx',
    [
      '--yes',
      '@electron/rebuild@4',
      '--version',
      electronVersion,
      '--module-dir',
      paths.dir,
      '--only',
      SQLITE_PACKAGE,
      '--force',
    ],
    { cwd: paths.dir, stdio: 'inherit' },
  );
  if (rebuilt.status !== 0 || !existsSync(paths.binding)) {
    rmSync(paths.dir, { recursive: true, force: true });
    console.error(
      'Could not build the SQLite addon for Electron (see above). The app starts, but its database will not open.',
    );
    return null;
  }
  return paths.binding;
}

function run(command, args, env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function main() {
  const args = process.argv.slice(2);
  const forceBrowser = args.includes('--browser');
  const passThrough = args.filter((a) => a !== '--browser');
  const electron = forceBrowser
    ? { found: false, reason: '--browser was given' }
    : findElectronBinary({
        electronDir: join(root, 'node_modules/electron'),
        env: process.env,
        exists: existsSync,
        readFile: (p) => readFileSync(p, 'utf8'),
      });
  if (!electron.found) {
    console.error(
      `No Electron binary on this machine (${electron.reason}); starting the browser shell instead.`,
    );
    run(process.execPath, [join(root, 'scripts/serve.mjs'), ...passThrough], process.env);
    return;
  }
  if (!buildIfStale()) process.exit(1);
  const binding = prepareNativeSqlite();
  const env = { ...process.env };
  if (binding) env.HOSTING_DESK_SQLITE_BINDING = binding;
  run(electron.path, [root], env);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
