#!/usr/bin/env node
/**
 * The licence list the About section of Settings shows: every package the app ships at run time
 * (package-lock.json entries that are not dev-only — the runtime dependencies and everything they
 * pull in), with its version and the licence its package.json declares (npm copies that field into
 * the lockfile). Written to renderer/src/features/settings/licences.json, which the renderer
 * imports; scripts/licences.test.ts fails when the committed file no longer matches the lockfile,
 * so the list cannot drift from what is installed.
 *
 *   node scripts/licences.mjs          # rewrite the JSON
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const LICENCES_FILE = join(root, 'renderer/src/features/settings/licences.json');

/** @param {{ packages: Record<string, { version?: string; license?: string; dev?: boolean; devOptional?: boolean }> }} lock */
export function runtimeLicences(lock) {
  const seen = new Map();
  for (const [path, entry] of Object.entries(lock.packages)) {
    // "" is this app itself; dev-only packages never reach a user's machine.
    if (path === '' || entry.dev || entry.devOptional || !path.includes('node_modules/')) continue;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const key = `${name}@${entry.version}`;
    if (!seen.has(key))
      seen.set(key, { name, version: entry.version ?? '', licence: entry.license ?? 'not stated' });
  }
  return [...seen.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
  );
}

export function readLock() {
  return JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const list = runtimeLicences(readLock());
  writeFileSync(LICENCES_FILE, `${JSON.stringify(list, null, 2)}\n`);
  console.log(`licences: ${list.length} runtime packages → ${LICENCES_FILE}`);
}
