import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueue, JobQueue } from './job-queue';
import { queueFixture } from './test-support';

let fx: ReturnType<typeof queueFixture>;
let queue: JobQueue;
beforeEach(() => {
  fx = queueFixture();
  queue = new JobQueue(fx.db, { workerId: 'w1', clock: fx.clock, random: () => 0.5, leaseMs: 60_000 });
});
afterEach(() => fx.cleanup());

const add = (jobKey: string, extra: Partial<Parameters<JobQueue['add']>[0]> = {}) =>
  queue.add({ queue: 'project-1', task: 'importNumbersOrder', jobKey, payload: { n: jobKey }, ...extra }).id;
const stateOf = (id: number) => queue.get(id)?.state;

describe('enqueue', () => {
  it('is idempotent per (queue, job key): the same intent twice is one job', () => {
    const first = queue.add({ queue: 'project-1', task: 't', jobKey: 'intent-1' });
    const second = queue.add({
      queue: 'project-1',
      task: 't',
      jobKey: 'intent-1',
      payload: { changed: true },
    });
    expect(second).toEqual({ id: first.id, created: false });
    expect(fx.db.prepare('SELECT count(*) FROM jobs').pluck().get()).toBe(1);
    // a deliberate repeat is a new intent with a new key, and says what it repeats
    const reissue = queue.add({
      queue: 'project-1',
      task: 't',
      jobKey: 'intent-1-reissue-1',
      intent: 'reissue',
      repeatOf: first.id,
    });
    expect(reissue.created).toBe(true);
    expect(queue.get(reissue.id)).toMatchObject({ intent: 'reissue', repeat_of: first.id });
  });

  it('runs inside the caller’s transaction: rolled back together with the domain rows', () => {
    expect(() => enqueue(fx.db, { queue: 'q', task: 't', jobKey: 'k' }, fx.clock.now())).toThrow(
      /inside the transaction/,
    );
    expect(() =>
      fx.db.transaction(() => {
        enqueue(fx.db, { queue: 'q', task: 't', jobKey: 'k' }, fx.clock.now());
        fx.db.prepare(`INSERT INTO settings VALUES ('domain-row', 'x')`).run();
        throw new Error('the domain write failed');
      })(),
    ).toThrow(/domain write failed/);
    expect(fx.db.prepare('SELECT count(*) FROM jobs').pluck().get()).toBe(0);
    expect(fx.db.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(0);
  });
});

describe('leases', () => {
  it('two workers on two connections race for one job: exactly one wins', () => {
    const id = add('only');
    const other = new JobQueue(fx.connect(), { workerId: 'w2', clock: fx.clock });
    const a = queue.claim();
    const b = other.claim();
    expect([a?.jobId, b?.jobId].filter((x) => x !== undefined)).toEqual([id]);
    expect(queue.get(id)).toMatchObject({ state: 'running', locked_by: 'w1', attempts: 1 });
  });

  it('many claims over two connections never hand out the same job twice', () => {
    for (let i = 0; i < 20; i++) add(`k${i}`);
    const other = new JobQueue(fx.connect(), { workerId: 'w2', clock: fx.clock });
    const claimed: number[] = [];
    for (let i = 0; i < 30; i++) {
      const lease = (i % 2 ? other : queue).claim();
      if (lease) claimed.push(lease.jobId);
    }
    expect(claimed.length).toBe(20);
    expect(new Set(claimed).size).toBe(20);
  });

  it('an expired lease is reclaimed, and the old holder can no longer finish', () => {
    const id = add('slow');
    const lease = queue.claim();
    expect(lease).not.toBeNull();
    fx.clock.t += 60_001;
    const rescuer = new JobQueue(fx.connect(), { workerId: 'w2', clock: fx.clock });
    expect(rescuer.reclaimExpired()).toEqual([id]);
    const second = rescuer.claim();
    expect(second?.jobId).toBe(id);
    if (!lease || !second) throw new Error('unreachable');
    expect(queue.complete(lease, { summary: 'late answer' })).toEqual({ ok: false, reason: 'lease-lost' });
    expect(queue.recordIntent(lease, 'late send')).toBe(false);
    expect(stateOf(id)).toBe('running');
    expect(rescuer.complete(second, { summary: 'ok', status: 200 })).toMatchObject({
      ok: true,
      state: 'done',
    });
    expect(queue.get(id)).toMatchObject({ state: 'done', attempts: 2, locked_by: null });
  });

  it('a heartbeat keeps a lease alive past its first expiry', () => {
    add('long');
    const lease = queue.claim();
    if (!lease) throw new Error('no lease');
    fx.clock.t += 50_000;
    expect(queue.heartbeat(lease)).toBe(true);
    fx.clock.t += 50_000;
    expect(queue.reclaimExpired()).toEqual([]);
  });
});

describe('dependencies', () => {
  it('a job runs only after every job it depends on is done', () => {
    const unlink = add('unlink');
    const link = fx.db.transaction(() =>
      enqueue(
        fx.db,
        { queue: 'project-1', task: 'linkNumber', jobKey: 'link', dependsOn: [unlink] },
        fx.clock.now(),
      ),
    )().id;
    const first = queue.claim();
    expect(first?.jobId).toBe(unlink);
    expect(queue.claim()).toBeNull(); // link waits
    if (!first) throw new Error('unreachable');
    queue.fail(first, { message: 'HTTP 503', status: 503 });
    fx.clock.t += 10 * 60_000;
    const again = queue.claim();
    expect(again?.jobId).toBe(unlink); // link still waits while unlink is not done
    if (!again) throw new Error('unreachable');
    queue.complete(again, { summary: 'unlinked' });
    expect(queue.claim()?.jobId).toBe(link);
  });
  // Defect 1 (issue 9): a link after a failed unlink stayed pending and blocked for ever.
  it('a failed, dead or cancelled dependency cancels its dependents with the reason; retrying it revives them', () => {
    const dependent = (key: string, on: number) =>
      fx.db.transaction(() =>
        enqueue(
          fx.db,
          { queue: 'project-1', task: 'linkNumber', jobKey: key, dependsOn: [on] },
          fx.clock.now(),
        ),
      )().id;
    const unlink = add('unlink');
    const link = dependent('link', unlink);
    const after = dependent('after-link', link);
    const lease = queue.claim();
    if (!lease) throw new Error('unreachable');
    queue.fail(lease, { message: 'Invalid service plan', status: 400 });
    expect(stateOf(unlink)).toBe('failed');
    // transitively: the job after the link is cancelled too, each saying which job stopped it
    for (const id of [link, after]) {
      expect(stateOf(id)).toBe('cancelled');
      expect(JSON.parse(queue.get(id)?.last_error ?? 'null')?.message).toMatch(
        new RegExp(`job ${unlink} .*failed.*Invalid service plan`),
      );
      expect(queue.attempts(id).at(-1)).toMatchObject({ outcome: 'dependency-stopped' });
    }
    expect(queue.unfinishedCount(null)).toBe(0);
    // the stopped job cannot be retried alone: it names the job to retry instead
    expect(() => queue.retry(link)).toThrow(new RegExp(`Retry job ${unlink}`));
    // retrying the failed job brings back what it stopped (not jobs the user cancelled)
    queue.retry(unlink);
    expect([stateOf(unlink), stateOf(link), stateOf(after)]).toEqual(['pending', 'pending', 'pending']);
    // a user cancel stops dependents the same way
    queue.cancel(unlink);
    expect(stateOf(link)).toBe('cancelled');
    expect(JSON.parse(queue.get(link)?.last_error ?? 'null')?.message).toMatch(/cancelled/);
  });

  it('a dependency that becomes DEAD stops its dependents', () => {
    const one = add('one', { maxAttempts: 1 });
    const two = fx.db.transaction(() =>
      enqueue(
        fx.db,
        { queue: 'project-1', task: 'linkNumber', jobKey: 'two', dependsOn: [one] },
        fx.clock.now(),
      ),
    )().id;
    const lease = queue.claim();
    if (!lease) throw new Error('unreachable');
    queue.fail(lease, { message: 'HTTP 503', status: 503 });
    expect(stateOf(one)).toBe('dead');
    expect(stateOf(two)).toBe('cancelled');
  });
});

describe('failures, backoff, dead jobs', () => {
  it('retries a 5xx after a full-jitter delay; Retry-After wins', () => {
    const id = add('flaky');
    let lease = queue.claim();
    if (!lease) throw new Error('no lease');
    const t0 = fx.clock.t;
    expect(queue.fail(lease, { message: 'HTTP 502', status: 502 })).toEqual({
      ok: true,
      state: 'pending',
      runAt: t0 + 500,
    });
    expect(queue.claim()).toBeNull(); // not due yet
    fx.clock.t += 500;
    lease = queue.claim();
    if (!lease) throw new Error('no lease');
    const t1 = fx.clock.t;
    expect(queue.fail(lease, { message: 'HTTP 503', status: 503, retryAfterMs: 7_000 })).toMatchObject({
      runAt: t1 + 7_000,
    });
    expect(queue.get(id)?.run_at).toBe(t1 + 7_000);
  });

  it('fails a 4xx at once and keeps the API’s details for the UI', () => {
    const id = add('bad-request');
    const lease = queue.claim();
    if (!lease) throw new Error('no lease');
    queue.fail(lease, {
      message: 'servicePlanId is invalid',
      status: 400,
      details: [{ field: 'servicePlanId' }],
    });
    expect(stateOf(id)).toBe('failed');
    expect(JSON.parse(queue.get(id)?.last_error ?? '{}')).toMatchObject({
      status: 400,
      details: [{ field: 'servicePlanId' }],
    });
  });

  it('becomes DEAD after max attempts; Retry gives it a fresh set, Cancel stops it', () => {
    const id = add('doomed', { maxAttempts: 3 });
    for (let i = 1; i <= 3; i++) {
      const lease = queue.claim();
      expect(lease?.attempt).toBe(i);
      if (!lease) throw new Error('no lease');
      queue.recordIntent(lease, `POST hostingOrders:importNumbers (attempt ${i})`);
      queue.fail(lease, { message: 'connection reset' });
      fx.clock.t += 10 * 60_000;
    }
    expect(queue.get(id)).toMatchObject({ state: 'dead', attempts: 3 });
    expect(queue.claim()).toBeNull();
    const history = queue.attempts(id);
    expect(history.filter((a) => a.phase === 'intent').length).toBe(3);
    expect(history.filter((a) => a.phase === 'response').map((a) => a.outcome)).toEqual([
      'retry',
      'retry',
      'dead',
    ]);

    expect(queue.retry(id)).toMatchObject({ state: 'pending', attempts: 0 });
    expect(queue.claim()?.jobId).toBe(id);
    expect(() => queue.cancel(id)).toThrow(/being sent right now/);
  });

  it('cancels a dead job; a cancelled job can be retried; done cannot be cancelled', () => {
    const id = add('x', { maxAttempts: 1 });
    const lease = queue.claim();
    if (!lease) throw new Error('no lease');
    queue.fail(lease, { message: 'HTTP 500', status: 500 });
    expect(stateOf(id)).toBe('dead');
    expect(queue.cancel(id).state).toBe('cancelled');
    expect(queue.claim()).toBeNull();
    expect(queue.retry(id).state).toBe('pending');
    const again = queue.claim();
    if (!again) throw new Error('no lease');
    queue.complete(again, { summary: 'ok' });
    expect(() => queue.cancel(id)).toThrow(/already done/);
    expect(() => queue.retry(id)).toThrow(/only failed, dead or cancelled/);
    expect(() => queue.retry(999)).toThrow(/no job 999/);
  });

  it('amend changes the payload and retries in one transaction: a throw leaves the job as it was', () => {
    const id = add('refused', { payload: { servicePlanId: 'bad' } });
    const lease = queue.claim();
    if (!lease) throw new Error('no lease');
    queue.fail(lease, { message: 'HTTP 400', status: 400 });
    expect(stateOf(id)).toBe('failed');
    const domainWrite = () => {
      fx.db.prepare(`INSERT INTO settings VALUES ('domain-row', 'x')`).run();
      throw new Error('the domain write failed');
    };
    const change = () => ({ payload: { servicePlanId: 'good' }, note: 'Changed by the user.' });
    expect(() => queue.amend(id, change, domainWrite)).toThrow(/domain write failed/);
    expect(queue.get(id)).toMatchObject({ state: 'failed', payload: '{"servicePlanId":"bad"}' });
    expect(fx.db.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(0);

    expect(queue.amend(id, change)).toMatchObject({
      state: 'pending',
      attempts: 0,
      job_key: 'refused',
      payload: '{"servicePlanId":"good"}',
    });
    expect(queue.attempts(id).at(-1)).toMatchObject({ summary: 'Changed by the user.', outcome: 'retry' });
    expect(queue.claim()?.payload).toEqual({ servicePlanId: 'good' });
  });

  it('sendMayHaveLanded: a send without a definite answer may have landed; a 400 alone did not', () => {
    const id = add('refused-after-timeout', { payload: { servicePlanId: 'bad' } });
    const first = queue.claim();
    if (!first) throw new Error('no lease');
    queue.recordIntent(first, 'POST 1');
    expect(queue.sendMayHaveLanded(id)).toBe(true); // no answer yet
    queue.fail(first, { message: 'HTTP 400', status: 400 });
    expect(queue.sendMayHaveLanded(id)).toBe(false); // refused: not processed
    queue.retry(id);
    const second = queue.claim();
    if (!second) throw new Error('no lease');
    queue.recordIntent(second, 'POST 2');
    queue.fail(second, { message: 'socket hang up' }); // no status: it may have landed
    fx.clock.t += 3_600_000;
    const third = queue.claim();
    if (!third) throw new Error('no lease');
    queue.recordIntent(third, 'POST 3');
    queue.fail(third, { message: 'HTTP 400', status: 400 });
    expect(stateOf(id)).toBe('failed');
    expect(queue.sendMayHaveLanded(id)).toBe(true);
  });
});

describe('429 pauses the project', () => {
  it('pauses every job of the queue until Retry-After, survives a restart, and does not use up attempts', () => {
    const a = add('a');
    const b = add('b');
    const other = add('c', { queue: 'project-2' });
    const lease = queue.claim();
    if (!lease) throw new Error('no lease');
    const t0 = fx.clock.t;
    queue.fail(lease, { message: 'Too Many Requests', status: 429, retryAfterMs: 30_000 });
    expect(queue.get(a)).toMatchObject({ state: 'pending', attempts: 0, run_at: t0 + 30_000 });
    expect(queue.pausedUntil('project-1')).toBe(t0 + 30_000);
    // the other project is not paused; this one is, for every job
    expect(queue.claim()?.jobId).toBe(other);
    expect(queue.claim()).toBeNull();

    // "restart": a new connection and a new queue object read the stored pause
    const restarted = new JobQueue(fx.connect(), { workerId: 'w9', clock: fx.clock });
    expect(restarted.pausedUntil('project-1')).toBe(t0 + 30_000);
    fx.clock.t = t0 + 29_999;
    expect(restarted.claim({ queues: ['project-1'] })).toBeNull();
    fx.clock.t = t0 + 30_000;
    const resumed = [
      restarted.claim({ queues: ['project-1'] })?.jobId,
      restarted.claim({ queues: ['project-1'] })?.jobId,
    ];
    expect(resumed.sort()).toEqual([a, b].sort());
  });
});

describe('remote conditions', () => {
  it('a job can wait for a remote condition and is handed out again in poll mode without using attempts', () => {
    const id = add('text-enable');
    const send = queue.claim();
    if (!send) throw new Error('no lease');
    expect(send.mode).toBe('send');
    queue.recordIntent(send, 'POST qualifiedNumbers:addNumbers');
    queue.waitRemote(send, {
      condition: { until: 'ELIGIBLE' },
      pollAfterMs: 60_000,
      summary: '200 OK: waiting for qualification',
    });
    expect(queue.get(id)?.state).toBe('waiting_remote');
    expect(queue.claim()).toBeNull();
    fx.clock.t += 60_000;
    const poll = queue.claim();
    expect(poll).toMatchObject({
      jobId: id,
      mode: 'poll',
      attempt: 1,
      remoteWait: { until: 'ELIGIBLE' },
      unresolvedIntent: false,
    });
    if (!poll) throw new Error('no lease');
    queue.fail(poll, { message: 'HTTP 503 while polling', status: 503 });
    expect(queue.get(id)).toMatchObject({ state: 'waiting_remote', attempts: 1 });
  });
});

describe('crash recovery', () => {
  it('on start, reclaims leases of the dead engine and flags a send whose outcome is unknown', () => {
    const sent = add('sent-then-crashed');
    const idle = add('claimed-only');
    const l1 = queue.claim();
    const l2 = queue.claim();
    if (!l1 || !l2) throw new Error('no lease');
    queue.recordIntent(l1, 'POST hostingOrders:importNumbers');
    // the engine dies here: no response recorded for l1, nothing at all for l2

    const next = new JobQueue(fx.connect(), { workerId: 'engine-2', clock: fx.clock });
    expect(next.recover().sort()).toEqual([sent, idle].sort());
    const claims = [next.claim(), next.claim()];
    const byId = new Map(claims.map((c) => [c?.jobId, c]));
    expect(byId.get(sent)?.unresolvedIntent).toBe(true);
    expect(byId.get(idle)?.unresolvedIntent).toBe(false);
    expect(next.attempts(sent).some((a) => a.phase === 'note' && /reconcile/.test(a.summary))).toBe(true);
    // the dead engine's leases are void
    expect(queue.complete(l1, { summary: 'too late' })).toEqual({ ok: false, reason: 'lease-lost' });
  });

  it('a reclaimed job whose attempts are used up becomes DEAD', () => {
    const id = add('last-try', { maxAttempts: 1 });
    queue.claim();
    const next = new JobQueue(fx.connect(), { workerId: 'engine-2', clock: fx.clock });
    next.recover();
    expect(next.get(id)?.state).toBe('dead');
  });

  it('a reclaimed job on its last attempt whose request may have landed is not DEAD: one more attempt reconciles', () => {
    const id = add('last-try-sent', { maxAttempts: 2 });
    const first = queue.claim();
    if (!first) throw new Error('no lease');
    queue.fail(first, { message: 'HTTP 503', status: 503 });
    fx.clock.t += 60_000;
    const last = queue.claim();
    if (!last) throw new Error('no lease');
    expect(last.attempt).toBe(2);
    queue.recordIntent(last, 'POST hostingOrders:importNumbers');
    // the engine dies here, the request may have landed

    const next = new JobQueue(fx.connect(), { workerId: 'engine-2', clock: fx.clock });
    expect(next.recover()).toEqual([id]);
    expect(next.get(id)).toMatchObject({ state: 'pending', attempts: 1 });
    const again = next.claim();
    expect(again).toMatchObject({ jobId: id, attempt: 2, unresolvedIntent: true });
    if (!again) throw new Error('no lease');
    // Not landed after all and the resend fails: now the normal rule applies.
    expect(next.fail(again, { message: 'HTTP 503', status: 503 })).toMatchObject({ state: 'dead' });
  });

  it('a crash during the reconciliation reads of the last attempt keeps the job alive too', () => {
    const id = add('last-try-ambiguous', { maxAttempts: 1 });
    const lease = queue.claim();
    if (!lease) throw new Error('no lease');
    queue.recordIntent(lease, 'POST importNumber');
    // an ambiguous answer (reset after sending) is a response: the job is retried ...
    fx.db.prepare(`UPDATE jobs SET max_attempts = 2 WHERE id = ?`).run(id);
    queue.fail(lease, { message: 'network error (ECONNRESET)' });
    fx.clock.t += 60_000;
    // ... and its last attempt dies while reading remote state, before any new intent
    expect(queue.claim()?.attempt).toBe(2);
    const next = new JobQueue(fx.connect(), { workerId: 'engine-2', clock: fx.clock });
    next.recover();
    expect(next.get(id)).toMatchObject({ state: 'pending', attempts: 1 });
  });

  it('reports changes with the ids touched', () => {
    const seen: number[][] = [];
    const q = new JobQueue(fx.db, { workerId: 'w1', clock: fx.clock, onChange: (ids) => seen.push(ids) });
    const { id } = q.add({ queue: 'q', task: 't', jobKey: 'k' });
    q.claim();
    expect(seen).toEqual([[id], [id]]);
  });
});
