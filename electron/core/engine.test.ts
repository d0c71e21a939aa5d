import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChannelName, EventName, Input, Output } from '../../shared/contract';
import { dispatch } from '../../shared/contract/dispatch';
import { createEngine, type Engine, type EngineDeps } from './engine';
import { silentLogger } from './log';
import { MemorySecretStore } from './secrets/memory-secret-store';
import { OsSecretStore } from './secrets/os-secret-store';
import { tempDir } from './store/test-support';

const PROJECT = 'd1923022-5199-4bb3-a513-c47b3a656bc5';
/** a Live workspace's fake key secret (the simulator's demo key is another fake value) */
const SECRET = 'fake-live-secret-1111';

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function start(overrides: Partial<EngineDeps> & { dir?: string } = {}) {
  const dir =
    overrides.dir ??
    (() => {
      const t = tempDir('hd-engine-');
      cleanups.push(t.cleanup);
      return t.dir;
    })();
  const engine = await createEngine({
    dataDir: dir,
    secretStore: new MemorySecretStore(),
    shell: 'test',
    logger: silentLogger,
    ...overrides,
  });
  const events: Array<[EventName, unknown]> = [];
  engine.subscribe((event, payload) => events.push([event, payload]));
  cleanups.push(() => engine.close());
  return { engine, dir, events, call: caller(engine) };
}

const caller =
  (engine: Engine) =>
  async <C extends ChannelName>(channel: C, input: Input<C>): Promise<Output<C>> => {
    const result = await dispatch(engine.handlers, channel, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value as Output<C>;
  };

const rows = (count: number, action: 'import' | 'text-enable' = 'import') =>
  Array.from({ length: count }, (_, i) => ({
    phoneNumber: `+1202555${String(100 + i).padStart(4, '0')}`,
    action,
    servicePlanId: '07d6c2621f364b68856fe4938b7bb78f',
    ...(action === 'text-enable' ? { loaType: 'blanket' as const } : {}),
  }));

describe('engine: storage and workspaces', () => {
  it('opens the Sandbox encrypted by default and says so in app.status', async () => {
    const { call } = await start();
    const status = await call('app.status', {});
    expect(status.workspace).toEqual({ id: 'sandbox', name: 'Sandbox', kind: 'sandbox' });
    expect(status.storage).toMatchObject({ encrypted: true, available: true });
  });

  it('without a keychain: Sandbox unencrypted with a reason, Live refused, preparation still works', async () => {
    const { call } = await start({ secretStore: new MemorySecretStore({ failing: true }) });
    expect((await call('app.status', {})).storage).toMatchObject({
      encrypted: false,
      reason: expect.stringMatching(/unencrypted/),
    });
    const live = await call('workspaces.create', { name: 'Acme', projectId: PROJECT });
    await expect(call('workspaces.switch', { id: live.id })).rejects.toMatchObject({
      code: 'KEYCHAIN_UNAVAILABLE',
    });
    expect((await call('app.status', {})).workspace.id).toBe('sandbox');
    const preview = await call('plan.preview', { rows: rows(6) });
    expect(preview).toMatchObject({ acceptedRows: 6, totalCalls: 2 });
    await expect(call('credentials.set', { workspaceId: live.id, keySecret: SECRET })).rejects.toMatchObject({
      code: 'KEYCHAIN_UNAVAILABLE',
    });
  });

  it('creates, edits, switches (switching the database) and deletes Live workspaces', async () => {
    const { call, events, dir } = await start();
    await call('plan.commit', { rows: rows(3), intentId: 'sandbox-batch', label: 'Sandbox rehearsal' });
    const live = await call('workspaces.create', {
      name: 'Acme',
      projectId: PROJECT,
      keyId: 'key-1',
      importOrderLimit: 20,
    });
    expect(live).toMatchObject({ kind: 'live', active: false, importOrderLimit: 20, authMode: 'oauth' });
    const edited = await call('workspaces.update', {
      id: live.id,
      patch: { defaults: { regionCode: 'CA' }, name: 'Acme Corp' },
    });
    expect(edited).toMatchObject({ name: 'Acme Corp', defaults: { regionCode: 'CA' } });
    await expect(
      call('workspaces.update', { id: 'sandbox', patch: { projectId: PROJECT } }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });

    const eventsBeforeSwitch = events.length;
    expect((await call('workspaces.switch', { id: live.id })).active).toBe(true);
    expect((await call('jobs.list', {})).total).toBe(0); // another database
    expect(statSync(join(dir, 'workspaces', live.id, 'desk.db')).isFile()).toBe(true);
    await call('workspaces.switch', { id: 'sandbox' });
    expect((await call('jobs.list', {})).total).toBe(1);

    const list = await call('workspaces.list', { limit: 1 });
    expect(list.items.map((w) => w.id)).toEqual(['sandbox']);
    const rest = await call('workspaces.list', { limit: 1, cursor: list.nextCursor ?? undefined });
    expect(rest).toMatchObject({ items: [{ id: live.id }], nextCursor: null, total: 2 });

    await call('workspaces.switch', { id: live.id });
    expect(await call('workspaces.delete', { id: live.id })).toEqual({ id: live.id, activeId: 'sandbox' });
    expect(readdirSync(join(dir, 'workspaces'))).toEqual(['sandbox']);
    await expect(call('workspaces.delete', { id: 'sandbox' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(call('workspaces.get', { id: live.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(events.some(([e]) => e === 'workspaces.changed')).toBe(true);
    // The bus coalesces app.statusChanged (~10/s, latest reason wins): the switches' 'workspace' may be
    // folded with the simulator's own changes into a trailing delivery, so wait for a change of any reason.
    await vi.waitFor(() =>
      expect(events.slice(eventsBeforeSwitch).some(([e]) => e === 'app.statusChanged')).toBe(true),
    );
  });

  it('remembers the active workspace across restarts', async () => {
    const t = tempDir('hd-engine-');
    cleanups.push(t.cleanup);
    const secretStore = new MemorySecretStore();
    const first = await createEngine({ dataDir: t.dir, secretStore, shell: 'test', logger: silentLogger });
    const live = await caller(first)('workspaces.create', { name: 'Acme', projectId: PROJECT });
    await caller(first)('workspaces.switch', { id: live.id });
    await first.close();
    const second = await createEngine({ dataDir: t.dir, secretStore, shell: 'test', logger: silentLogger });
    cleanups.push(() => second.close());
    expect((await caller(second)('app.status', {})).workspace.id).toBe(live.id);
  });

  it('refuses a second engine on the same data directory while the first runs', async () => {
    const { dir, engine } = await start();
    await expect(
      createEngine({
        dataDir: dir,
        secretStore: new MemorySecretStore(),
        shell: 'test',
        logger: silentLogger,
      }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await engine.close();
    const again = await createEngine({
      dataDir: dir,
      secretStore: new MemorySecretStore(),
      shell: 'test',
      logger: silentLogger,
    });
    await again.close();
  });

  it('keeps the engine up when the Sandbox key is gone, and says why', async () => {
    const secretStore = new MemorySecretStore();
    const { dir, engine } = await start({ secretStore });
    await engine.close();
    await secretStore.delete('workspace/sandbox/db-key');
    const { call } = await start({ dir, secretStore });
    expect((await call('app.status', {})).storage).toMatchObject({
      available: false,
      reason: expect.stringMatching(/missing from the OS keychain/),
    });
    await expect(call('jobs.list', {})).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
  });
});

describe('engine: credentials', () => {
  it('stores secrets in the keychain only and tells the renderer only whether they exist', async () => {
    const secretStore = new MemorySecretStore();
    const tested: unknown[] = [];
    const { call, dir, events } = await start({
      secretStore,
      testConnection: async (workspace, secret) => {
        tested.push([workspace.projectId, secret.keyId, secret.keySecret === SECRET]);
        return { ok: true, detail: 'Authenticated.' };
      },
    });
    const live = await call('workspaces.create', { name: 'Acme', projectId: PROJECT });
    expect(await call('credentials.status', { workspaceId: live.id })).toMatchObject({
      keySecret: false,
      callbackSecret: false,
    });
    const responses: unknown[] = [];
    responses.push(
      await call('credentials.set', {
        workspaceId: live.id,
        keyId: 'key-1',
        keySecret: SECRET,
        callbackSecret: 'fake-hmac-secret-0000',
      }),
    );
    expect(responses[0]).toEqual({
      workspaceId: live.id,
      keyId: 'key-1',
      keySecret: true,
      callbackSecret: true,
      keychainAvailable: true,
    });
    expect(await secretStore.get(`workspace/${live.id}/key-secret`)).toBe(SECRET);
    responses.push(await call('credentials.test', { workspaceId: live.id }));
    expect(responses[1]).toMatchObject({ ok: true, detail: 'Authenticated.' });
    expect(tested).toEqual([[PROJECT, 'key-1', true]]);
    await call('workspaces.switch', { id: live.id });
    responses.push(await call('sync.start', {}));
    responses.push(await call('workspaces.get', { id: live.id }), await call('app.status', {}));
    responses.push(await call('credentials.delete', { workspaceId: live.id, which: 'keySecret' }));
    expect(responses.at(-1)).toMatchObject({ keySecret: false, callbackSecret: true });
    await expect(call('sync.start', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(
      call('credentials.set', { workspaceId: 'sandbox', keySecret: SECRET }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });

    // the secret appears in nothing the renderer received, and in no file of the data directory
    expect(JSON.stringify([responses, events])).not.toContain(SECRET);
    for (const file of walk(dir)) expect(readFileSync(file).includes(Buffer.from(SECRET)), file).toBe(false);
  });

  it('says plainly when nothing is stored', async () => {
    const { call } = await start({ simulator: false });
    const live = await call('workspaces.create', { name: 'Acme', projectId: PROJECT });
    expect(await call('credentials.test', { workspaceId: live.id })).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/key ID/),
    });
    await call('workspaces.update', { id: live.id, patch: { keyId: 'key-1' } });
    expect(await call('credentials.test', { workspaceId: live.id })).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/No key secret/),
    });
  });
});

describe('engine: plan, jobs, sync, audit', () => {
  it('previews, commits once per intent, lists and shows jobs with history, retries and cancels', async () => {
    const { call, engine, events } = await start();
    await call('sync.pause', {}); // the Sandbox sends by default: these jobs must stay where the test puts them
    const preview = await call('plan.preview', {
      rows: [...rows(11), { phoneNumber: '+11234567890', action: 'import', servicePlanId: 'p' }],
    });
    expect(preview).toMatchObject({ acceptedRows: 11, rejectedRows: 1, totalCalls: 3 });
    expect(preview.callsByOperation).toMatchObject({ importNumbersOrder: 2, importNumber: 1 });
    expect((await call('jobs.list', {})).total).toBe(0); // preview queues nothing

    const committed = await call('plan.commit', { rows: rows(11), intentId: 'batch-1', label: 'March' });
    expect(committed).toMatchObject({ batchId: 'batch-1', created: true, jobCount: 3 });
    expect(await call('plan.commit', { rows: rows(11), intentId: 'batch-1', label: 'March' })).toMatchObject({
      created: false,
      jobCount: 3,
    });

    const page1 = await call('jobs.list', { limit: 2 });
    expect(page1.total).toBe(3);
    expect(page1.counts.pending).toBe(3);
    expect(page1.items.map((j) => [j.key, j.numberCount])).toEqual([
      ['batch-1-o1', 5],
      ['batch-1-o2', 5],
    ]);
    const page2 = await call('jobs.list', { limit: 2, cursor: page1.nextCursor ?? undefined });
    expect(page2.items.map((j) => j.task)).toEqual(['importNumber']);
    expect(page2.nextCursor).toBeNull();

    // a worker (the sync engine's part) makes it dead; the user sees it, retries, cancels
    const { queue } = engine.internals.workspaces.active();
    const job = page1.items[0];
    if (!job) throw new Error('no job');
    const lease = queue.claim();
    if (!lease) throw new Error('no lease');
    queue.recordIntent(lease, 'POST hostingOrders:importNumbers (5 numbers)');
    queue.fail(lease, { message: 'servicePlanId is invalid', status: 400 });
    const detail = await call('jobs.get', { id: job.id });
    expect(detail).toMatchObject({
      state: 'failed',
      lastError: { status: 400 },
      phoneNumbers: rows(5).map((r) => r.phoneNumber),
    });
    expect(detail.history.map((h) => h.phase)).toEqual(['intent', 'response']);
    expect((await call('jobs.list', { states: ['failed'] })).items.map((j) => j.id)).toEqual([job.id]);
    expect((await call('jobs.retry', { id: job.id })).state).toBe('pending');
    expect((await call('jobs.cancel', { id: job.id })).state).toBe('cancelled');
    await expect(call('jobs.get', { id: 999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call('jobs.cancel', { id: job.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    const changed = events.filter(([e]) => e === 'jobs.changed');
    expect(changed.length).toBeGreaterThan(0);
    expect(changed[0]?.[1]).toMatchObject({ ids: expect.arrayContaining([job.id]) });
  });

  // Defect 4 (issue 9): a limit above the setting was accepted; the job then failed after one attempt.
  it('refuses an import-order limit above the workspace setting, naming the field', async () => {
    const { call } = await start();
    const input = { rows: rows(6), intentId: 'over', label: 'x', importOrderLimit: 6 };
    const refusal = {
      code: 'VALIDATION',
      details: [{ path: 'importOrderLimit', message: expect.stringMatching(/5/) }],
    };
    await expect(call('plan.commit', input)).rejects.toMatchObject(refusal);
    await expect(call('plan.preview', { rows: rows(6), importOrderLimit: 6 })).rejects.toMatchObject(refusal);
    expect((await call('jobs.list', {})).total).toBe(0);
    // at or below the setting it is the caller's choice
    expect(await call('plan.commit', { ...input, importOrderLimit: 3 })).toMatchObject({ jobCount: 2 });
  });

  it('refuses to commit a batch in which no row can be sent', async () => {
    const { call } = await start();
    await expect(
      call('plan.commit', {
        rows: [{ phoneNumber: 'nope', action: 'import', servicePlanId: 'p' }],
        intentId: 'x',
        label: 'x',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('sync.start/pause flip a persisted flag and emit sync.state', async () => {
    const secretStore = new MemorySecretStore();
    const { call, events, dir, engine } = await start({ secretStore });
    expect(await call('sync.pause', {})).toMatchObject({ workspaceId: 'sandbox', running: false });
    expect(await call('sync.start', {})).toMatchObject({ running: true, rateLimitedUntil: null });
    await until(() => events.some(([e, p]) => e === 'sync.state' && (p as { running: boolean }).running));
    await engine.close();
    const restarted = await start({ dir, secretStore });
    expect(await restarted.call('sync.status', {})).toMatchObject({ running: true });
    expect(await restarted.call('sync.pause', {})).toMatchObject({ running: false });
  });

  it('a fresh Sandbox sends at once; a fresh Live workspace waits for its first start; a choice made stays', async () => {
    const secretStore = new MemorySecretStore();
    const { call, dir, engine } = await start({ secretStore });
    // the Sandbox is simulated: a newcomer's first plan moves without looking for Start
    const sandbox = await call('sync.status', {});
    expect(sandbox).toMatchObject({ workspaceId: 'sandbox', running: true, changedAt: null });
    await until(async () => (await call('sync.status', {})).status === 'online');

    // sending to Sinch deserves one explicit start: never started, and the state says so
    const live = await call('workspaces.create', { name: 'Acme', projectId: PROJECT });
    await call('credentials.set', { workspaceId: live.id, keyId: 'key-1', keySecret: SECRET });
    await call('workspaces.switch', { id: live.id });
    const waiting = await call('sync.status', {});
    expect(waiting).toMatchObject({ workspaceId: live.id, running: false, changedAt: null });
    expect(waiting.detail).toMatch(/not started yet/i);
    expect(waiting.detail).toMatch(/Live workspace/);
    const started = await call('sync.start', {});
    expect(started).toMatchObject({ running: true, changedAt: expect.any(String) });

    // once set, the persisted switch wins over the default, across restarts
    await call('workspaces.switch', { id: 'sandbox' });
    const paused = await call('sync.pause', {});
    expect(paused.detail).toMatch(/paused by you/i);
    await engine.close();
    const restarted = await start({ dir, secretStore });
    expect(await restarted.call('sync.status', {})).toMatchObject({ running: false, status: 'paused' });
    await restarted.call('workspaces.switch', { id: live.id });
    expect(await restarted.call('sync.status', {})).toMatchObject({ running: true });
  });

  it('answers audit queries for calls recorded through the client hook', async () => {
    // no simulator: its callback configuration call would be audited too
    const { call, engine } = await start({ simulator: false });
    const { audit } = engine.internals.workspaces.active();
    audit.recordAudit({
      operation: 'ImportNumber',
      method: 'POST',
      path: '/v1/projects/p/importedNumbers',
      status: 200,
      durationMs: 30,
      requestBytes: 120,
      attempt: 1,
      job: 'b-i1',
    });
    audit.recordAudit({
      operation: 'GetImportedNumber',
      method: 'GET',
      path: '/v1/projects/p/importedNumbers/%2B12025550100',
      status: 'network-error',
      errorCode: 'ECONNRESET',
      durationMs: 5,
      requestBytes: 0,
      attempt: 2,
    });
    const all = await call('audit.query', {});
    expect(all.total).toBe(2);
    expect(all.items[0]).toMatchObject({
      method: 'GET',
      status: null,
      errorCode: 'ECONNRESET',
      workspaceId: 'sandbox',
    });
    expect((await call('audit.query', { status: '2xx' })).items.map((r) => r.job)).toEqual(['b-i1']);
    expect((await call('audit.query', { since: new Date(Date.now() + 60_000).toISOString() })).total).toBe(0);
  });
});

describe('engine: real OS keychain', () => {
  it('stores the database key in the OS keychain and reopens with it', async (ctx) => {
    const store = new OsSecretStore('hosting-desk-test');
    const probe = await store.probe();
    if (!probe.available) ctx.skip(`no usable OS keychain here: ${probe.detail}`);
    const { call, dir, engine } = await start({ secretStore: store });
    expect((await call('app.status', {})).storage).toMatchObject({ encrypted: true });
    await engine.close();
    const again = await start({ dir, secretStore: store });
    expect((await again.call('app.status', {})).storage).toMatchObject({ encrypted: true, available: true });
    await store.delete('workspace/sandbox/db-key');
  });
});

/** Wait for a condition that events make true (the event bus delivers coalesced, ~100 ms later). */
async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}
