import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronNativePaths, findElectronBinary } from './start.mjs';

const dir = '/p/node_modules/electron';
const io = (files: Record<string, string>, env: Record<string, string | undefined> = {}) => ({
  electronDir: dir,
  env,
  exists: (p: string) => Object.hasOwn(files, p),
  readFile: (p: string) => files[p] ?? '',
});

describe('findElectronBinary (never triggers the lazy download)', () => {
  it.each([
    ['no electron package', {}, {}, { found: false, reason: 'the electron package is not installed' }],
    [
      'package without a downloaded binary (our CI)',
      { [`${dir}/package.json`]: '{}' },
      {},
      { found: false, reason: 'node_modules/electron has no downloaded binary (no path.txt)' },
    ],
    [
      'path.txt but the binary was deleted',
      { [`${dir}/package.json`]: '{}', [`${dir}/path.txt`]: 'electron' },
      {},
      { found: false, reason: `${dir}/dist/electron is missing` },
    ],
    [
      'a downloaded binary',
      { [`${dir}/package.json`]: '{}', [`${dir}/path.txt`]: 'electron\n', [`${dir}/dist/electron`]: '' },
      {},
      { found: true, path: `${dir}/dist/electron` },
    ],
    [
      'ELECTRON_OVERRIDE_DIST_PATH with a binary',
      { [`${dir}/package.json`]: '{}', '/opt/e/electron': '' },
      { ELECTRON_OVERRIDE_DIST_PATH: '/opt/e' },
      { found: true, path: '/opt/e/electron' },
    ],
    [
      'ELECTRON_OVERRIDE_DIST_PATH pointing nowhere',
      { [`${dir}/package.json`]: '{}' },
      { ELECTRON_OVERRIDE_DIST_PATH: '/opt/none' },
      { found: false, reason: 'ELECTRON_OVERRIDE_DIST_PATH has no electron (/opt/none/electron)' },
    ],
  ])('%s', (_what, files, env, expected) => {
    expect(findElectronBinary(io(files, env))).toEqual(expected);
  });
});

describe('electronNativePaths', () => {
  it('keeps the Electron build of the addon outside node_modules, per Electron version', () => {
    expect(electronNativePaths('/p', '45.5.0')).toEqual({
      dir: '/p/.electron-native/45.5.0',
      moduleDir: '/p/.electron-native/45.5.0/node_modules/better-sqlite3-multiple-ciphers',
      binding:
        '/p/.electron-native/45.5.0/node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node',
    });
  });
});

describe('importing scripts/start.mjs', () => {
  it('has no side effects (it only runs when executed)', () => {
    const result = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `await import(${JSON.stringify(resolve(import.meta.dirname, 'start.mjs'))}); console.log('imported')`,
      ],
      { encoding: 'utf8', timeout: 10_000 },
    );
    expect(result.stdout.trim()).toBe('imported');
    expect(result.stderr).toBe('');
  });
});
