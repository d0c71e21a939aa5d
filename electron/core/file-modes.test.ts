import { chmodSync, lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../shared/contract/dispatch';
import { createRequestLog } from '../web/request-log';
import { createEngine } from './engine';
import { createFileLogger } from './log';
import { MemorySecretStore } from './secrets/memory-secret-store';
import { tempDir } from './store/test-support';

/**
 * Issue 10, finding 4: the data directory, its logs and databases are the user's alone — directories
 * 0700, files 0600 — whatever the umask (a typical 022 would give 0755/0644, and the keychain-less
 * Sandbox database is plaintext).
 */
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

function modes(root: string): Array<{ path: string; mode: string; dir: boolean }> {
  const out: Array<{ path: string; mode: string; dir: boolean }> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = lstatSync(path);
      out.push({
        path: path.slice(root.length),
        mode: (stat.mode & 0o777).toString(8),
        dir: stat.isDirectory(),
      });
      if (stat.isDirectory()) walk(path);
    }
  };
  const stat = lstatSync(root);
  out.push({ path: '/', mode: (stat.mode & 0o777).toString(8), dir: true });
  walk(root);
  return out;
}

describe('file modes (issue 10, finding 4)', () => {
  it('with umask 022: every directory 0700 and every file 0600, Sandbox unencrypted included', async () => {
    const old = process.umask(0o022);
    cleanups.push(() => process.umask(old));
    const t = tempDir('hd-modes-');
    cleanups.push(t.cleanup);
    const dataDir = join(t.dir, 'data');
    // No keychain: the Sandbox database is plaintext — the case where the mode matters most.
    const engine = await createEngine({
      dataDir,
      secretStore: new MemorySecretStore({ failing: true }),
      shell: 'test',
      simulator: { clock: 'manual', seed: 1 },
    });
    cleanups.push(() => engine.close());
    const committed = await dispatch(engine.handlers, 'plan.commit', {
      intentId: 'modes',
      label: 'modes',
      rows: [
        { phoneNumber: '+12025550100', action: 'import', servicePlanId: '07d6c2621f364b68856fe4938b7bb78f' },
      ],
    });
    expect(committed.ok).toBe(true);
    createRequestLog(dataDir).write({ method: 'GET', path: '/', status: 200, ms: 1 });
    await engine.close();

    const found = modes(dataDir);
    expect(found.some((f) => f.path.endsWith('desk.db'))).toBe(true);
    expect(found.some((f) => f.path.endsWith('engine.log'))).toBe(true);
    expect(found.some((f) => f.path.endsWith('web-requests.log'))).toBe(true);
    const wrong = found.filter((f) => f.mode !== (f.dir ? '700' : '600'));
    expect(wrong).toEqual([]);
  });

  it('tightens a data directory an older version left 0755/0644', async () => {
    const old = process.umask(0o022);
    cleanups.push(() => process.umask(old));
    const t = tempDir('hd-modes-old-');
    cleanups.push(t.cleanup);
    const dataDir = join(t.dir, 'data');
    mkdirSync(join(dataDir, 'logs'), { recursive: true, mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'logs', 'engine.log'), '', { mode: 0o644 });
    createFileLogger(dataDir).log('info', 'hello');
    const engine = await createEngine({
      dataDir,
      secretStore: new MemorySecretStore(),
      shell: 'test',
      simulator: false,
    });
    await engine.close();
    const wrong = modes(dataDir).filter((f) => f.mode !== (f.dir ? '700' : '600'));
    expect(wrong).toEqual([]);
  });
});
