import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSinchClient } from '../sinch';
import { tempDir } from '../store/test-support';
import type { LoopState } from './loop';
import { PLAN_ID, row, type SyncFixture, syncFixture, testClient } from './test-support';

let f: SyncFixture;
let cleanupDir: (() => void) | undefined;
afterEach(async () => {
  await f?.cleanup();
  cleanupDir?.();
  cleanupDir = undefined;
});

const chunk = ['+12025550301', '+12025550302', '+12025550303'];
const attempts = (key: string) =>
  f.db.prepare('SELECT attempts FROM jobs WHERE job_key = ?').pluck().get(key);

describe('online / offline', () => {
  it('jobs wait while Sinch is unreachable, attempts are not spent, and sending resumes by itself', async () => {
    const dir = tempDir('hd-sync-sim-');
    cleanupDir = dir.cleanup;
    const dbFile = join(dir.dir, 'sim.sqlite');
    f = await syncFixture({ sim: { dbFile } });
    const port = Number(new URL(f.sim.baseUrl).port);
    f.commit(chunk.map((n) => row(n)));
    await f.closeSim();

    const states: LoopState['status'][] = [];
    const engine = f.newEngine({ onState: (s) => states.push(s.status) });
    engine.start();
    await engine.idle();
    expect(engine.state().status).toBe('offline');
    expect(f.jobStates()).toEqual({ 'b1-o1': 'pending' });
    expect(attempts('b1-o1')).toBe(0);

    // Probes back off: 1 s, 2 s, 4 s, 8 s, 16 s, 32 s … (capped at 60 s) — 5 probes in the first 60 s.
    const probes = () => f.requests.filter((r) => r === 'GET /qualifiedNumbers').length;
    for (let i = 0; i < 60; i++) {
      f.clock.advance(1_000);
      await engine.idle();
    }
    expect(probes()).toBe(5);
    expect(attempts('b1-o1')).toBe(0);
    expect(f.requests.filter((r) => r.startsWith('POST'))).toHaveLength(1);

    // Sinch is back on the same address; the next probe notices and the queue drains.
    await f.restartSim({ port, dbFile, settings: { autoSignLoaMs: 60_000 } });
    await f.runToEnd(engine);
    expect(engine.state().status).toBe('online');
    expect(f.jobStates()).toEqual({ 'b1-o1': 'done' });
    expect(attempts('b1-o1')).toBe(1);
    for (const n of chunk) expect(f.accepted(n, 'hostingOrders:importNumbers')).toBe(1);
    expect(states.filter((s, i) => s !== states[i - 1])).toEqual(['online', 'offline', 'online']);
  });

  it('credentials missing: nothing is sent, preparation is untouched', async () => {
    f = await syncFixture();
    f.commit([row(chunk[0] as string, { campaignId: '' })]);
    const engine = f.newEngine({ client: null });
    engine.start();
    await engine.idle();
    expect(engine.state().status).toBe('credentials-missing');
    expect(f.requests).toEqual([]);
    expect(f.jobStates()).toEqual({ 'b1-i1': 'pending' });
    engine.setClient(f.client);
    await f.runToEnd(engine);
    expect(f.jobStates()).toEqual({ 'b1-i1': 'done' });
  });

  it('credentials rejected (401 that is not token expiry): job released, state says so', async () => {
    f = await syncFixture();
    f.commit([row(chunk[0] as string, { campaignId: '' })]);
    const bad = createSinchClient({
      projectId: f.sim.project.projectId,
      auth: { kind: 'basic', keyId: f.sim.project.keyId, keySecret: 'fake-wrong-secret-9999' },
      baseUrl: f.sim.baseUrl,
      retry: { maxAttempts: 1 },
      now: () => f.clock.now(),
      sleep: (ms) => f.clock.sleep(ms),
    });
    const engine = f.newEngine({ client: bad });
    engine.start();
    await engine.idle();
    expect(engine.state()).toMatchObject({ status: 'credentials-rejected' });
    expect(attempts('b1-i1')).toBe(0);
    expect(f.jobStates()).toEqual({ 'b1-i1': 'pending' });
    expect(f.sim.control.createRequests()).toEqual([]);
  });

  it('user pause: in-flight work ends, nothing new is claimed until start()', async () => {
    f = await syncFixture();
    f.commit([row(chunk[0] as string, { campaignId: '' })]);
    const engine = f.newEngine();
    engine.start();
    await engine.idle();
    expect(f.jobStates()).toEqual({ 'b1-i1': 'waiting_remote' });
    engine.pause();
    expect(engine.state().status).toBe('paused');
    const sent = f.requests.length;
    for (let i = 0; i < 10; i++) await f.advance(engine, 60_000);
    expect(f.requests.length).toBe(sent);
    expect(f.jobStates()).toEqual({ 'b1-i1': 'waiting_remote' });
    engine.start();
    await f.runToEnd(engine);
    expect(f.jobStates()).toEqual({ 'b1-i1': 'done' });
  });
});

describe('token expiry', () => {
  it('an expired token met twice in a row is transient: the run completes, never credentials-rejected', async () => {
    f = await syncFixture();
    const requests: string[] = [];
    const oauth = testClient(f.sim, f.clock, requests, 'oauth');
    const singles = ['+12025550321', '+12025550322', '+12025550323', '+12025550324'];
    const chunked = ['+12025550331', '+12025550332', '+12025550333', '+12025550334', '+12025550335'];
    f.commit([...singles.map((n) => row(n, { campaignId: '' })), ...chunked.map((n) => row(n))]);
    // Seeded draw: 30 % of API requests meet "token expired", the refreshed token included.
    f.sim.control.setFaults({ tokenExpiry: 0.3, seed: 5 });
    const states: LoopState['status'][] = [];
    const engine = f.newEngine({ client: oauth, onState: (s) => states.push(s.status) });
    engine.start();
    await f.runToEnd(engine, 60_000, 500);
    f.sim.control.setFaults({});

    expect(states).not.toContain('credentials-rejected');
    expect(f.jobStates(), f.describeUnfinished()).toEqual({ 'b1-o1': 'done', 'b1-o2': 'done' });
    for (const n of [...singles, ...chunked]) expect(f.accepted(n), n).toBe(1);
    // The fault really hit refreshed tokens: more than one token minted, and jobs handed back
    // because the token was expired again right after the client's refresh.
    const tokens = requests.filter((r) => r === 'POST /oauth2/token').length;
    expect(tokens).toBeGreaterThan(1);
    const handedBack = f.db
      .prepare(`SELECT count(*) FROM job_attempts WHERE phase = 'note' AND summary LIKE '%expired again%'`)
      .pluck()
      .get() as number;
    expect(handedBack).toBeGreaterThan(0);
    // No attempt-burning loop: an expired token costs no attempt.
    const spent = f.db.prepare('SELECT max(attempts) FROM jobs').pluck().get() as number;
    expect(spent).toBe(1);
  });
});

describe('429', () => {
  it('pauses the project until Retry-After, refunds the attempt, then resumes', async () => {
    f = await syncFixture();
    f.commit(chunk.map((n) => row(n)));
    f.sim.control.setFaults({ rate429: 1, retryAfterSeconds: 30, mutatingOnly: true });
    const engine = f.newEngine();
    engine.start();
    await engine.idle();
    const state = engine.state();
    expect(state.status).toBe('rate-limited');
    expect(state.until).toBe(f.clock.now() + 30_000);
    expect(attempts('b1-o1')).toBe(0);
    f.sim.control.setFaults({});

    const sent = f.requests.length;
    await f.advance(engine, 29_000);
    expect(f.requests.length).toBe(sent);
    expect(engine.state().status).toBe('rate-limited');
    await f.advance(engine, 1_000);
    expect(f.requests.length).toBeGreaterThan(sent);
    await f.runToEnd(engine);
    expect(engine.state().status).toBe('online');
    expect(f.jobStates()).toEqual({ 'b1-o1': 'done' });
    expect(attempts('b1-o1')).toBe(1);
    for (const n of chunk) expect(f.accepted(n)).toBe(1);
    // A 429 is a definite "not processed": the resend needs no reconciliation reads.
    expect(
      f.requests.filter((r) => r === 'GET /hostingOrders' || r.startsWith('GET /importedNumbers')),
    ).toEqual([]);
  });
});

describe('adaptive polling', () => {
  it('an idle order (waiting for the LOA signature) costs at most one call per minute', async () => {
    f = await syncFixture({ sim: { settings: { autoSignLoaMs: null } } });
    const phones = ['+12025550311', '+12025550312'];
    await f.client.addQualifiedNumbers({ phoneNumbers: phones });
    for (const p of phones) f.sim.control.approveQualification(p);
    f.commit(
      phones.map((n) =>
        row(n, { action: 'text-enable', qualified: true, loaType: 'direct', loaProfileId: 'p' }),
      ),
    );
    const engine = f.newEngine();
    engine.start();
    await engine.idle();
    const orderId = f.db.prepare('SELECT remote_id FROM orders').pluck().get() as string;
    expect(orderId).toBeTruthy();
    const looks = () => f.requests.filter((r) => r === `GET /hostingOrders/${orderId}`).length;
    for (let i = 0; i < 60; i++) await f.advance(engine, 10_000); // 10 minutes
    const before = looks();
    for (let i = 0; i < 60; i++) await f.advance(engine, 10_000); // 10 more, all idle
    expect(looks() - before).toBeLessThanOrEqual(10);
    expect(looks() - before).toBeGreaterThanOrEqual(9);
    // Once it moves, polling is fast again and follows it to the end.
    f.sim.control.signLoa(orderId);
    await f.runToEnd(engine, 10_000, 1000);
    expect(Object.values(f.jobStates())).toEqual(['done']);
  });
});

void PLAN_ID;
