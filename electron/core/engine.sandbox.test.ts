import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChannelName, EventName, Input, Output } from '../../shared/contract';
import { dispatch } from '../../shared/contract/dispatch';
import { DEMO_PROJECT, startSimulator } from '../sandbox';
import { createEngine, type Engine, type EngineDeps } from './engine';
import { silentLogger } from './log';
import { MemorySecretStore } from './secrets/memory-secret-store';
import { signCallbackBody } from './sinch';
import { tempDir } from './store/test-support';
import { manualClock } from './sync';
import { GATE_LIST_THRESHOLD } from './sync/tasks';

/**
 * The engine with its embedded Sandbox: the simulator in-process, sync through the real simulator on
 * one manual timeline (no sleeps: time moves only when the test moves it), callbacks on loopback.
 */

const PLAN = '07d6c2621f364b68856fe4938b7bb78f';
const LIVE_SECRET = 'fake-live-secret-3333';
const WRONG_SECRET = 'fake-wrong-secret-4444';
const CALLBACK_SECRET_NAME = 'workspace/sandbox/callback-secret';

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

type Harness = Awaited<ReturnType<typeof start>>;

async function start(overrides: Partial<EngineDeps> = {}) {
  const t = overrides.dataDir ? { dir: overrides.dataDir } : tempDir('hd-engine-sbx-');
  if ('cleanup' in t) cleanups.push(t.cleanup);
  const clock = manualClock(Date.UTC(2026, 0, 5, 9));
  const secretStore = overrides.secretStore ?? new MemorySecretStore();
  const engine = await createEngine({
    secretStore,
    shell: 'test',
    logger: silentLogger,
    clock: { now: () => new Date(clock.now()) },
    syncClock: clock,
    simulator: { clock: 'manual', seed: 5 },
    // the test moves time; the client must never wait on its own budget
    sinchClient: {
      budget: { ratePerSec: 1_000_000, burst: 1_000_000 },
      retry: { maxAttempts: 1 },
      timeoutMs: 5_000,
    },
    ...overrides,
    dataDir: t.dir,
  });
  cleanups.push(() => engine.close());
  const events: Array<[EventName, unknown]> = [];
  engine.subscribe((event, payload) => events.push([event, payload]));
  /** every contract answer, for the secret scan */
  const seen: unknown[] = [];
  const call = async <C extends ChannelName>(channel: C, input: Input<C>): Promise<Output<C>> => {
    const result = await dispatch(engine.handlers, channel, input);
    seen.push(result);
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value as Output<C>;
  };
  return { engine, dir: t.dir, clock, secretStore, events, seen, call };
}

const sim = (h: { engine: Engine }) => {
  const host = h.engine.internals.simulator();
  if (!host) throw new Error('the Sandbox simulator is not running');
  return host;
};

/** Move the simulator's and the engine's clocks together, then let sync finish what is due. */
async function advance(h: Harness, ms: number) {
  sim(h).simulator.control.advance(ms);
  h.clock.advance(ms);
  await h.engine.internals.sync()?.idle();
}

const unfinished = (h: Harness) =>
  h.engine.internals.workspaces
    .active()
    .db.prepare(`SELECT count(*) FROM jobs WHERE state IN ('pending', 'running', 'waiting_remote')`)
    .pluck()
    .get() as number;

const importRows = (count: number, first = 100) =>
  Array.from({ length: count }, (_, i) => ({
    phoneNumber: `+1202555${String(first + i).padStart(4, '0')}`,
    action: 'import' as const,
    servicePlanId: PLAN,
  }));

/** No contract answer or event may carry any secret the engine holds (demo key, callback HMAC, Live keys). */
async function expectNoSecrets(h: Harness, extra: string[] = []) {
  const callbackSecret = await h.secretStore.get(CALLBACK_SECRET_NAME).catch(() => null);
  const secrets = [DEMO_PROJECT.keySecret, LIVE_SECRET, WRONG_SECRET, ...extra];
  if (callbackSecret) secrets.push(callbackSecret);
  const text = JSON.stringify([h.seen, h.events]);
  for (const secret of secrets) expect(text.includes(secret), 'a secret crossed the contract').toBe(false);
}

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('engine + embedded Sandbox', () => {
  it('opens the Sandbox with the simulator running and says so', async () => {
    const h = await start();
    const status = await h.call('app.status', {});
    expect(status.workspace.kind).toBe('sandbox');
    expect(status.simulator).toMatchObject({ state: 'running', baseUrl: sim(h).simulator.baseUrl });
    expect(status.simulator.detail).toMatch(/simulated Sinch/);
    // it really answers: the control surface is on the same port
    const { controlSecret } = sim(h).simulator;
    expect(controlSecret).toMatch(/^[A-Za-z0-9_-]{43}$/); // the engine holds the per-start secret
    expect((await fetch(`${sim(h).simulator.controlUrl}/state`)).status).toBe(401);
    const state = await fetch(`${sim(h).simulator.controlUrl}/state`, {
      headers: { authorization: `Bearer ${controlSecret}` },
    });
    expect(state.status).toBe(200);
    // the Sandbox's key and callback secret are kept as credentials (keychain here), not in the DB
    expect(await h.secretStore.get('workspace/sandbox/key-secret')).toBe(DEMO_PROJECT.keySecret);
    expect(await h.secretStore.get(CALLBACK_SECRET_NAME)).toMatch(/^[0-9a-f]{64}$/);
    // the Sandbox sends from the start (queue/sync-flag.ts); nobody chose yet
    expect(await h.call('sync.status', {})).toMatchObject({ running: true, changedAt: null });
    expect((await h.call('workspaces.get', { id: 'sandbox' })).authMode).toBe('oauth');
    await expectNoSecrets(h);
    // closing the engine stops the simulator
    const { controlUrl } = sim(h).simulator;
    await h.engine.close();
    await expect(fetch(`${controlUrl}/state`)).rejects.toThrow();
  });

  it('a qualification approved or rejected in the Sandbox controls is seen at once, the clock standing still', async () => {
    // nobody decides by themselves: only the controls below can
    const h = await start({
      simulator: { clock: 'manual', seed: 5, settings: { qualificationReviewBusinessDays: null } },
    });
    // more than GATE_LIST_THRESHOLD undecided: the wait reads Sinch's pending list, which the sync
    // loop keeps for a while; the control must make it read again, not just run the job early
    const phones = Array.from(
      { length: GATE_LIST_THRESHOLD + 1 },
      (_, i) => `+120255504${String(i).padStart(2, '0')}`,
    );
    const [yes, no] = phones as [string, string];
    const queued = await h.call('qualification.qualify', { intentId: 'controls', numbers: phones });
    await h.engine.internals.sync()?.idle();
    const waiting = queued.jobs[1]?.id as number;
    expect((await h.call('jobs.get', { id: waiting })).state).toBe('waiting_remote');
    const stateOf = async (phone: string) => (await h.call('numbers.get', { phone })).state;
    expect(await stateOf(yes)).toBe('qualifying');

    await h.call('sandbox.approveQualification', { phoneNumber: yes });
    await h.engine.internals.sync()?.idle();
    expect(await stateOf(yes)).toBe('eligible');
    await h.call('sandbox.rejectQualification', { phoneNumber: no });
    await h.engine.internals.sync()?.idle();
    expect(await stateOf(no)).toBe('not-eligible');
    // the other numbers are still under review: the job goes on waiting for them
    expect((await h.call('jobs.get', { id: waiting })).state).toBe('waiting_remote');
    expect(await stateOf(phones[2] as string)).toBe('qualifying');
  });

  it('syncs a committed plan to the end through the real simulator, with verified callbacks', async () => {
    // Sinch's review decides at once here; the explicit review is in the workflow tests
    const h = await start({
      simulator: { clock: 'manual', seed: 5, settings: { qualificationReviewBusinessDays: 0 } },
    });
    const textEnable = ['+12025550900', '+12025550901'].map((phoneNumber) => ({
      phoneNumber,
      action: 'text-enable' as const,
      servicePlanId: PLAN,
      loaType: 'blanket' as const,
    }));
    // planner: one import order of 5 + two single imports (limit 5); qualify + text-enable order
    const rows = [...importRows(7), ...textEnable];
    await h.call('sync.pause', {}); // the Sandbox would send at once: hold the batch to see it wait
    const committed = await h.call('plan.commit', { rows, intentId: 'march', label: 'March' });
    expect(committed.created).toBe(true);
    // progress per batch: every job waits before sync starts
    const before = await h.call('jobs.batches', {});
    expect(before.total).toBe(1);
    expect(before.items[0]).toMatchObject({ id: 'march', label: 'March', numberCount: 9 });
    expect(before.items[0]?.counts.pending).toBe(committed.jobCount);
    expect(await h.call('sync.start', {})).toMatchObject({ running: true, status: 'online' });
    await h.engine.internals.sync()?.idle();
    for (let i = 0; i < 60 && unfinished(h) > 0; i++) await advance(h, 5 * 60_000);

    const jobs = await h.call('jobs.list', {});
    expect(jobs.counts.done).toBe(committed.jobCount);
    expect(unfinished(h)).toBe(0);
    const orders = await h.call('orders.list', { offset: 0, limit: 50 });
    // the read model holds every order of the batch (import orders and the text-enable order), completed
    expect(orders.items.map((o) => [o.type, o.state]).sort()).toEqual([
      ['import', 'completed'],
      ['import', 'completed'],
      ['text-enable', 'completed'],
    ]);
    // each order is named by its batch and its place in it (the job key stays a detail for support)
    expect(orders.items.map((o) => o.batch).sort((a, b) => (a?.position ?? 0) - (b?.position ?? 0))).toEqual([
      { id: 'march', label: 'March', position: 1, of: 3 },
      { id: 'march', label: 'March', position: 2, of: 3 },
      { id: 'march', label: 'March', position: 3, of: 3 },
    ]);
    expect((await h.call('jobs.batches', {})).items[0]?.counts).toMatchObject({
      done: committed.jobCount,
      pending: 0,
    });
    // counted on the simulator's side: every number landed exactly once and is imported
    const control = sim(h).simulator.control;
    for (const row of importRows(7)) {
      const accepted = control.createRequests(row.phoneNumber).filter((r) => r.outcome === 'ACCEPTED');
      expect(accepted, row.phoneNumber).toHaveLength(1);
    }
    for (const { phoneNumber } of textEnable) {
      const ops = control
        .createRequests(phoneNumber)
        .filter((r) => r.outcome === 'ACCEPTED')
        .map((r) => r.operation);
      expect(ops.sort(), phoneNumber).toEqual([
        'hostingOrders:textEnableNumbers',
        'qualifiedNumbers:addNumbers',
      ]);
    }
    // the requests carried the engine's loopback callbackUrl; the callbacks came back signed and were accepted
    await control.flushCallbacks();
    const callbacks = control.callbacks();
    expect(callbacks.length).toBeGreaterThan(0);
    expect(new Set(callbacks.map((c) => c.url))).toEqual(new Set([sim(h).receiver.url]));
    expect(callbacks.every((c) => c.state === 'DELIVERED')).toBe(true);
    expect(sim(h).receiver.counts()).toMatchObject({ accepted: callbacks.length, rejected: 0 });
    // the client's audit records went to the workspace's audit log, tagged with the job
    const audit = await h.call('audit.query', { limit: 500 });
    expect(audit.items.some((r) => r.operation === 'importNumbersOrder' && r.job === 'march-o1')).toBe(true);
    expect(audit.items.some((r) => r.operation === 'oauth.token')).toBe(true);
    await expectNoSecrets(h);
  });

  it('keeps the Sandbox callback URL across restarts, so callbacks of earlier orders still arrive', async () => {
    const t = tempDir('hd-engine-sbx-cb-');
    cleanups.push(t.cleanup);
    const first = await start({ dataDir: t.dir });
    const url = sim(first).receiver.url;
    await first.engine.close();
    const second = await start({ dataDir: t.dir });
    expect(sim(second).receiver.url).toBe(url);
    await second.engine.close();
    // another program took the port meanwhile: the Sandbox still starts, on a new port
    const squatter = createServer();
    await new Promise<void>((r) => squatter.listen(Number(new URL(url).port), '127.0.0.1', () => r()));
    cleanups.push(() => new Promise<void>((r) => squatter.close(() => r())));
    const third = await start({ dataDir: t.dir });
    expect(sim(third).receiver.url).not.toBe(url);
    expect(sim(third).receiver.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sinch\/callbacks$/);
  });

  it('keeps sending after sandbox.reset (the simulator forgot its tokens, not the key)', async () => {
    const h = await start();
    await h.call('sync.start', {});
    await h.call('plan.commit', { rows: importRows(1, 400), intentId: 'before', label: 'Before' });
    await h.engine.internals.sync()?.idle();
    await h.call('sandbox.reset', {});
    await h.call('plan.commit', { rows: importRows(1, 500), intentId: 'after', label: 'After' });
    await h.engine.internals.sync()?.idle();
    expect((await h.call('sync.status', {})).status).toBe('online');
    const after = await h.call('jobs.list', { batchId: 'after' });
    expect(after.items[0]?.state).toBe('waiting_remote');
  });

  it('refuses callbacks with a bad signature and turns good ones into polls that never go backwards', async () => {
    const h = await start();
    const [row] = importRows(1, 300);
    if (!row) throw new Error('no row');
    await h.call('plan.commit', { rows: [row], intentId: 'one', label: 'One' });
    await h.call('sync.start', {});
    await h.engine.internals.sync()?.idle();
    const job = (await h.call('jobs.list', {})).items[0];
    expect(job?.state).toBe('waiting_remote'); // imported, provisioning: polled later

    const { receiver, simulator } = sim(h);
    const body = JSON.stringify({
      resourceType: 'IMPORTED_NUMBER',
      eventType: 'PROVISIONING_TO_SMS_PLATFORM',
      eventId: 'evt-stale-1',
      timestamp: '2026-01-05T08:00:00Z',
      projectId: DEMO_PROJECT.projectId,
      resourceId: row.phoneNumber,
      status: 'FAILED', // stale and wrong: the number is still provisioning
    });
    const post = (headers: Record<string, string>) =>
      fetch(receiver.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    expect((await post({})).status).toBe(401);
    expect((await post({ 'X-Sinch-Signature': signCallbackBody('fake-other-secret', body) })).status).toBe(
      401,
    );
    expect(receiver.counts().rejected).toBe(2);

    const reads = () => simulator.control.requestStats().ImportNumberService_GetImportedNumber?.total ?? 0;
    const before = reads();
    const secret = await h.secretStore.get(CALLBACK_SECRET_NAME);
    if (!secret) throw new Error('no callback secret');
    expect((await post({ 'X-Sinch-Signature': signCallbackBody(secret, body) })).status).toBe(200);
    await h.engine.internals.sync()?.idle();
    expect(reads()).toBe(before + 1); // the hint made the sync engine read the number now, without time passing
    expect(receiver.counts().accepted).toBe(1);
    // the poll is the truth: a FAILED hint did not fail the job
    expect((await h.call('jobs.get', { id: job?.id ?? 0 })).state).toBe('waiting_remote');
    // the same event again is a duplicate: no second read
    expect((await post({ 'X-Sinch-Signature': signCallbackBody(secret, body) })).status).toBe(200);
    await h.engine.internals.sync()?.idle();
    expect(reads()).toBe(before + 1);
    await expectNoSecrets(h);
  });

  it('Sandbox controls act on the simulator and are refused on a Live workspace', async () => {
    const h = await start();
    await expect(h.call('sandbox.signLoa', { hostingOrderId: 'no-such-order' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const moved = await h.call('sandbox.advanceClock', { minutes: 90 });
    expect(Date.parse(moved.simulatedNow)).toBeGreaterThan(Date.UTC(2026, 0, 1));
    expect(await h.call('sandbox.setFaults', { preset: 'rate-limited' })).toMatchObject({
      preset: 'rate-limited',
    });
    expect(sim(h).simulator.control.faults()).toMatchObject({ rate429: 0.3 });
    expect(await h.call('sandbox.voiceCode', { phoneNumber: '+12025550999' }).catch((e) => e.code)).toBe(
      'NOT_FOUND',
    );

    const live = await h.call('workspaces.create', { name: 'Acme', projectId: DEMO_PROJECT.projectId });
    await h.call('workspaces.switch', { id: live.id });
    const refusals = await Promise.all(
      (
        [
          ['sandbox.signLoa', { hostingOrderId: 'x' }],
          ['sandbox.refuseLoa', { hostingOrderId: 'x' }],
          ['sandbox.approveQualification', { phoneNumber: '+12025550100' }],
          ['sandbox.rejectQualification', { phoneNumber: '+12025550100' }],
          ['sandbox.voiceCode', { phoneNumber: '+12025550100' }],
          ['sandbox.advanceClock', { minutes: 1 }],
          ['sandbox.setFaults', { preset: 'none' }],
          ['sandbox.reset', {}],
        ] as const
      ).map(([channel, input]) => dispatch(h.engine.handlers, channel, input)),
    );
    for (const r of refusals) expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('switching workspace stops the sync engine and the simulator; switching back starts them again', async () => {
    const h = await start();
    await h.call('sync.start', {});
    const first = sim(h);
    const oldSync = h.engine.internals.sync();
    const live = await h.call('workspaces.create', { name: 'Acme', projectId: DEMO_PROJECT.projectId });
    const eventsBeforeSwitch = h.events.length;
    await h.call('workspaces.switch', { id: live.id });

    expect(oldSync?.state().status).toBe('stopped');
    expect(h.engine.internals.simulator()).toBeNull();
    await expect(fetch(`${first.simulator.controlUrl}/state`)).rejects.toThrow();
    await expect(fetch(first.receiver.url, { method: 'POST', body: '{}' })).rejects.toThrow();
    expect((await h.call('app.status', {})).simulator.state).toBe('stopped');
    // Live without a key secret: nothing can be sent, preparation works
    expect(h.engine.internals.sync()?.state().status).toBe('paused');
    expect((await h.call('plan.preview', { rows: importRows(2) })).acceptedRows).toBe(2);
    // The bus coalesces app.statusChanged (~10/s): the switch's 'workspace' and the simulator's stop may
    // be folded into one trailing delivery, so wait for *a* status change after the switch, whatever reason.
    await vi.waitFor(() =>
      expect(h.events.slice(eventsBeforeSwitch).some(([event]) => event === 'app.statusChanged')).toBe(true),
    );

    await h.call('workspaces.switch', { id: 'sandbox' });
    const status = await h.call('app.status', {});
    expect(status.simulator).toMatchObject({ state: 'running', baseUrl: sim(h).simulator.baseUrl });
    expect(sim(h)).not.toBe(first);
    expect(await h.call('sync.status', {})).toMatchObject({ running: true, status: 'online' });
    await expectNoSecrets(h);
  });

  it('runs the Sandbox without a keychain: secrets in memory only, syncing still works', async () => {
    const h = await start({ secretStore: new MemorySecretStore({ failing: true }) });
    expect((await h.call('app.status', {})).simulator.state).toBe('running');
    await h.call('plan.commit', { rows: importRows(1, 500), intentId: 'nokc', label: 'No keychain' });
    expect(await h.call('sync.start', {})).toMatchObject({ status: 'online' });
    for (let i = 0; i < 30 && unfinished(h) > 0; i++) await advance(h, 5 * 60_000);
    expect(unfinished(h)).toBe(0);
    expect((await h.call('jobs.list', {})).counts.done).toBe(1);
    await expectNoSecrets(h);
  });

  it('reports a simulator that cannot start, and keeps preparing', async () => {
    const t = tempDir('hd-engine-sbx-');
    cleanups.push(t.cleanup);
    // a directory where the simulator's database file should be: SQLite cannot open it
    mkdirSync(join(t.dir, 'workspaces', 'sandbox', 'simulator.db'), { recursive: true });
    const h = await start({ dataDir: t.dir });
    const status = await h.call('app.status', {});
    expect(status.simulator).toMatchObject({
      state: 'failed',
      detail: expect.stringMatching(/could not start/),
    });
    expect(h.engine.internals.simulator()).toBeNull();
    expect((await h.call('plan.preview', { rows: importRows(2) })).acceptedRows).toBe(2);
    await h.call('plan.commit', { rows: importRows(1), intentId: 'x', label: 'x' });
    expect(await h.call('sync.start', {})).toMatchObject({ running: true, status: 'credentials-missing' });
    // forwarded as an event too (the bus delivers coalesced, so wait for it)
    await new Promise<void>((resolve) => {
      const seen = () =>
        h.events.some(
          ([e, p]) => e === 'sync.state' && (p as { status?: string }).status === 'credentials-missing',
        );
      if (seen()) return resolve();
      const off = h.engine.subscribe(() => {
        if (seen()) {
          off();
          resolve();
        }
      });
    });
    await expect(h.call('sandbox.advanceClock', { minutes: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('credentials.test against a Sinch (the simulator standing in)', () => {
  it('answers ok, UNAUTHENTICATED for a wrong secret, OFFLINE when unreachable; never the secret', async () => {
    const remote = await startSimulator({ clock: 'manual' });
    cleanups.push(() => remote.close());
    const h = await start({ simulator: false });
    const live = await h.call('workspaces.create', {
      name: 'Acme',
      projectId: remote.project.projectId,
      keyId: remote.project.keyId,
      baseUrl: remote.baseUrl,
      tokenUrl: remote.authUrl,
      testEndpoint: true,
    });
    await h.call('credentials.set', { workspaceId: live.id, keySecret: remote.project.keySecret });
    const ok = await h.call('credentials.test', { workspaceId: live.id });
    expect(ok).toMatchObject({ ok: true, detail: expect.stringMatching(/accepted/) });
    expect(remote.control.requestStats().QualifiedNumberService_ListQualifiedNumbers?.total).toBe(1);

    await h.call('credentials.set', { workspaceId: live.id, keySecret: WRONG_SECRET });
    expect(await h.call('credentials.test', { workspaceId: live.id })).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    });

    const dead = await closedPortUrl();
    const repointed = await h.call('workspaces.update', {
      id: live.id,
      patch: { baseUrl: dead, tokenUrl: `${dead}/oauth2/token` },
    });
    // a secret is bound to the endpoints it was entered for: entered again for the new ones
    expect(repointed.secretCleared).toBe(true);
    await h.call('credentials.set', { workspaceId: live.id, keySecret: remote.project.keySecret });
    expect(await h.call('credentials.test', { workspaceId: live.id })).toMatchObject({
      ok: false,
      code: 'OFFLINE',
    });
    await expectNoSecrets(h, [remote.project.keySecret]);
  });

  it('syncs a Live workspace with its keychain credentials, and says credentials-missing without them', async () => {
    const remote = await startSimulator({ clock: 'manual' });
    cleanups.push(() => remote.close());
    const h = await start({ simulator: false });
    const live = await h.call('workspaces.create', {
      name: 'Acme',
      projectId: remote.project.projectId,
      keyId: remote.project.keyId,
      baseUrl: remote.baseUrl,
      tokenUrl: remote.authUrl,
      testEndpoint: true,
    });
    await h.call('workspaces.switch', { id: live.id });
    await expect(h.call('sync.start', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await h.call('plan.commit', { rows: importRows(1, 700), intentId: 'live', label: 'Live' });
    await h.call('credentials.set', { workspaceId: live.id, keySecret: remote.project.keySecret });
    expect(await h.call('sync.start', {})).toMatchObject({ running: true, status: 'online' });
    await h.engine.internals.sync()?.idle();
    expect(
      remote.control.createRequests('+12025550700').filter((r) => r.outcome === 'ACCEPTED'),
    ).toHaveLength(1);
    // Live requests carry no callbackUrl: a desktop app has no public URL (DESIGN.md "Callbacks")
    remote.control.advance(60 * 60_000);
    await remote.control.flushCallbacks();
    expect(remote.control.callbacks()).toEqual([]);

    await h.call('credentials.delete', { workspaceId: live.id, which: 'keySecret' });
    expect(await h.call('sync.status', {})).toMatchObject({ running: true, status: 'credentials-missing' });
    await expectNoSecrets(h, [remote.project.keySecret]);
  });

  it('Live callbacks: the keychain secret goes to Sinch, requests carry the default URL, pasted payloads verify', async () => {
    const CALLBACK_SECRET = 'fake-callback-secret-5555';
    const received: Array<{ body: string; signature: string }> = [];
    const endpoint = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString('utf8');
      });
      req.on('end', () => {
        received.push({ body, signature: String(req.headers['x-sinch-signature'] ?? '') });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => endpoint.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise<void>((r) => endpoint.close(() => r())));
    const url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/hooks/sinch`;
    const remote = await startSimulator({ clock: 'manual' });
    cleanups.push(() => remote.close());
    const h = await start({ simulator: false });
    const live = await h.call('workspaces.create', {
      name: 'Acme',
      projectId: remote.project.projectId,
      keyId: remote.project.keyId,
      baseUrl: remote.baseUrl,
      tokenUrl: remote.authUrl,
      testEndpoint: true, // plain http:// to the loopback simulator
      defaults: { callbackUrl: url },
    });
    await h.call('workspaces.switch', { id: live.id });
    await h.call('credentials.set', {
      workspaceId: live.id,
      keySecret: remote.project.keySecret,
      callbackSecret: CALLBACK_SECRET,
    });
    await h.call('plan.commit', { rows: importRows(1, 800), intentId: 'cb', label: 'Callbacks' });
    await h.call('sync.start', {});
    await h.engine.internals.sync()?.idle();
    remote.control.advance(60 * 60_000);
    await remote.control.flushCallbacks();
    expect(new Set(remote.control.callbacks().map((c) => c.url))).toEqual(new Set([url]));
    expect(received.length).toBeGreaterThan(0);
    const [first] = received;
    if (!first) throw new Error('no callback');
    // signed with our secret: Sinch got it from the PATCH
    expect(signCallbackBody(CALLBACK_SECRET, first.body)).toBe(first.signature);
    expect(
      await h.call('credentials.verifyCallback', { body: first.body, signature: first.signature }),
    ).toMatchObject({
      valid: true,
    });
    expect(
      await h.call('credentials.verifyCallback', { body: `${first.body} `, signature: first.signature }),
    ).toMatchObject({ valid: false, detail: expect.stringMatching(/exactly as received/) });

    // a pasted, verified callback of a number that failed inside an order: its failure code is kept
    // (Sinch's order listings carry none), so the number's next step names it
    const [failing, fine] = ['+12025550810', '+12025550811'];
    remote.control.injectFailure(failing, 'campaign', 'CAMPAIGN_EXPIRED');
    await h.call('plan.commit', {
      rows: [failing, fine].map((phoneNumber) => ({
        phoneNumber,
        action: 'import' as const,
        servicePlanId: PLAN,
        campaignId: 'CAMPLIVE',
      })),
      intentId: 'cb-order',
      label: 'Callback order',
      importOrderLimit: 5,
    });
    for (let i = 0; i < 30 && (await h.call('numbers.get', { phone: failing })).state !== 'failed'; i++) {
      remote.control.advance(10 * 60_000);
      h.clock.advance(10 * 60_000);
      await h.engine.internals.sync()?.idle();
    }
    await remote.control.flushCallbacks();
    expect((await h.call('numbers.get', { phone: failing })).failure?.code ?? null).toBeNull();
    const coded = received.find((r) => r.body.includes(failing) && r.body.includes('LINK_TO_10DLC_CAMPAIGN'));
    if (!coded) throw new Error('no campaign callback for the failing number');
    expect(await h.call('credentials.verifyCallback', coded)).toMatchObject({ valid: true });
    expect((await h.call('numbers.get', { phone: failing })).failure?.code).toBe('CAMPAIGN_EXPIRED');
    // the secret (which GET callbackConfiguration returns in clear) never leaves the engine
    await expectNoSecrets(h, [remote.project.keySecret, CALLBACK_SECRET]);
  });
});
