import { closeSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelName, Input, Output } from '../../shared/contract';
import { dispatch } from '../../shared/contract/dispatch';
import { createEngine } from './engine';
import { silentLogger } from './log';
import { MemorySecretStore } from './secrets/memory-secret-store';
import { tempDir } from './store/test-support';
import { databaseFile } from './workspaces/registry';

/**
 * Issue 10, finding 9 through the engine: a Live workspace whose database is damaged does not
 * silently fall back to the Sandbox at start; it stays the saved choice and app.status says why.
 */
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

async function start(dir: string, secretStore: MemorySecretStore) {
  const engine = await createEngine({
    dataDir: dir,
    secretStore,
    shell: 'test',
    logger: silentLogger,
    simulator: false,
  });
  cleanups.push(() => engine.close());
  const call = async <C extends ChannelName>(channel: C, input: Input<C>): Promise<Output<C>> => {
    const result = await dispatch(engine.handlers, channel, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value as Output<C>;
  };
  return { engine, call };
}

describe('a damaged Live database at start (issue 10, finding 9)', () => {
  it('stays the saved choice, says why in app.status, keeps a copy aside; the Sandbox is one switch away', async () => {
    const t = tempDir('hd-trouble-engine-');
    cleanups.push(t.cleanup);
    const secretStore = new MemorySecretStore();
    const first = await start(t.dir, secretStore);
    const live = await first.call('workspaces.create', {
      name: 'Acme',
      projectId: 'd1923022-5199-4bb3-a513-c47b3a656bc5',
    });
    await first.call('workspaces.switch', { id: live.id });
    await first.engine.close();

    const file = databaseFile(t.dir, live.id);
    const size = readFileSync(file).length;
    const fd = openSync(file, 'r+');
    for (let offset = 0; offset < size; offset += 1024) writeSync(fd, Buffer.alloc(64, 0x5a), 0, 64, offset);
    closeSync(fd);

    const second = await start(t.dir, secretStore);
    const status = await second.call('app.status', {});
    expect(status.workspace).toMatchObject({ id: live.id, kind: 'live' });
    expect(status.storage).toMatchObject({ available: false });
    expect(status.storage?.reason).toMatch(/Acme/);
    expect(status.storage?.reason).toMatch(/restore/i);
    await expect(second.call('jobs.list', {})).rejects.toMatchObject({ message: status.storage?.reason });
    const saved = JSON.parse(readFileSync(join(t.dir, 'workspaces.json'), 'utf8'));
    expect(saved.activeId).toBe(live.id);
    expect(readdirSync(dirname(file)).filter((f) => f.includes('.damaged-')).length).toBeLessThanOrEqual(1);

    await second.call('workspaces.switch', { id: 'sandbox' });
    expect((await second.call('app.status', {})).storage).toMatchObject({ available: true });
  });
});
