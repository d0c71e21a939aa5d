import { planBatch, type PlanRow } from '../../../shared/domain/planner';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../sandbox';
import { commitPlan } from '../queue/commit-plan';
import { JobQueue } from '../queue/job-queue';
import { queueFixture } from '../queue/test-support';
import { createSinchClient, RequestBudget, type SinchClient } from '../sinch';
import type { Db } from '../store/database';
import { type ManualClock, manualClock } from './clock';
import { createSyncLoop, type SyncLoop, type SyncLoopOptions } from './loop';

/** Tests only: a temp workspace DB, the simulator on its manual clock, a client, and an engine. */

// The simulator's test kit already holds the spec's example IDs and a valid direct LOA: one copy.
import { CAMPAIGN, directLoa, PLAN as PLAN_ID } from '../../sandbox/test-kit';

export { CAMPAIGN, directLoa, PLAN_ID };
export const OTHER_PLAN_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
export const QUEUE = 'project-demo';

/**
 * A budget that never makes a request wait. With a manual clock, a budget paused by a 429 would park
 * in-flight requests on a timer only the test can fire while the test waits for `idle()`. The engine's
 * own 429 pause (the queue's, on the same clock) is what these tests observe; the client's budget
 * pause is tested in electron/core/sinch.
 */
class NoWaitBudget extends RequestBudget {
  override pauseUntil(): void {}
}

/** Every request the client sent, as `METHOD /path` (project prefix removed). */
export type SentRequests = string[];
/** Every request with the body as it went over the wire to the simulator (path with its project). */
export type SentBodies = Array<{ method: string; path: string; body: unknown }>;

export function testClient(
  sim: RunningSimulator,
  clock: ManualClock,
  requests: SentRequests = [],
  auth: 'basic' | 'oauth' = 'basic',
  bodies?: SentBodies,
): SinchClient {
  const prefix = `/v1/projects/${sim.project.projectId}`;
  const counting: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    requests.push(`${init?.method ?? 'GET'} ${decodeURIComponent(url.pathname).replace(prefix, '')}`);
    if (bodies && typeof init?.body === 'string')
      bodies.push({
        method: init.method ?? 'GET',
        path: decodeURIComponent(url.pathname),
        body: JSON.parse(init.body),
      });
    return fetch(input, init);
  };
  return createSinchClient({
    fetch: counting,
    projectId: sim.project.projectId,
    auth:
      auth === 'oauth'
        ? { kind: 'oauth', keyId: sim.project.keyId, keySecret: sim.project.keySecret, tokenUrl: sim.authUrl }
        : { kind: 'basic', keyId: sim.project.keyId, keySecret: sim.project.keySecret },
    baseUrl: sim.baseUrl,
    // The engine makes the retry decisions in these tests; the budget never waits.
    retry: { maxAttempts: 1 },
    budget: new NoWaitBudget({ ratePerSec: 1_000_000, burst: 1_000_000 }, clock),
    now: () => clock.now(),
    sleep: (ms) => clock.sleep(ms),
    timeoutMs: 5_000,
  });
}

export type SyncFixture = Awaited<ReturnType<typeof syncFixture>>;

export async function syncFixture(opts: { sim?: SimulatorOptions; engine?: Partial<SyncLoopOptions> } = {}) {
  const q = queueFixture();
  const clock = manualClock(q.clock.t);
  let sim = await startSimulator({
    clock: 'manual',
    seed: 11,
    ...opts.sim,
    settings: { autoSignLoaMs: 60_000, ...opts.sim?.settings },
  });
  const queue = new JobQueue(q.db, { clock, random: () => 0.5 });
  const requests: SentRequests = [];
  const client = testClient(sim, clock, requests);
  const engineOptions = (db: Db, jobQueue: JobQueue, c: SinchClient | null): SyncLoopOptions => ({
    db,
    queue: jobQueue,
    client: c,
    clock,
    loa: () => ({ kind: 'direct', info: directLoa }),
    ...opts.engine,
  });
  const engines: SyncLoop[] = [];
  const newEngine = (o: Partial<SyncLoopOptions> = {}, db: Db = q.db) => {
    const jq = db === q.db && !o.queue ? queue : new JobQueue(db, { clock, random: () => 0.5 });
    const e = createSyncLoop({ ...engineOptions(db, jq, client), ...o });
    engines.push(e);
    return e;
  };
  const f = {
    db: q.db,
    clock,
    queue,
    client,
    requests,
    get sim() {
      return sim;
    },
    newEngine,
    connect: () => q.connect(),
    /** Commit a plan of rows as the app would. */
    commit(rows: PlanRow[], intentId = 'b1', importOrderLimit = 5) {
      const plan = planBatch(rows, { intentId, importOrderLimit });
      const committed = commitPlan(q.db, plan, { queue: QUEUE, label: intentId, now: clock.now() });
      return { plan, ...committed };
    },
    /** Move both clocks, then wait until the engine has nothing runnable. */
    async advance(engine: SyncLoop, ms: number) {
      sim.control.advance(ms);
      clock.advance(ms);
      await engine.idle();
    },
    /** Step time by `stepMs` until every job is finished (or `maxSteps`). */
    async runToEnd(engine: SyncLoop, stepMs = 5 * 60_000, maxSteps = 100) {
      await engine.idle();
      for (let i = 0; i < maxSteps && f.unfinished() > 0; i++) await f.advance(engine, stepMs);
    },
    unfinished: () =>
      q.db
        .prepare(`SELECT count(*) FROM jobs WHERE state IN ('pending', 'running', 'waiting_remote')`)
        .pluck()
        .get() as number,
    jobStates: () =>
      Object.fromEntries(
        (
          q.db.prepare('SELECT job_key, state FROM jobs ORDER BY id').all() as Array<{
            job_key: string;
            state: string;
          }>
        ).map((r) => [r.job_key, r.state]),
      ),
    jobIdOf: (key: string) =>
      q.db.prepare('SELECT id FROM jobs WHERE job_key = ?').pluck().get(key) as number,
    /** Unfinished jobs with their history: the message of a failed "everything is done" assertion. */
    describeUnfinished(): string {
      const rows = q.db
        .prepare(
          `SELECT id, job_key, state, remote_wait, run_at, attempts, last_error FROM jobs WHERE state <> 'done'`,
        )
        .all() as Array<{ id: number }>;
      return rows
        .map(
          (j) =>
            `${JSON.stringify(j)} now=${clock.now()}\n${f.queue
              .attempts(j.id)
              .map((a) => `  ${a.attempt} ${a.phase} ${a.outcome} ${a.http_status} ${a.summary}`)
              .join('\n')}`,
        )
        .join('\n');
    },
    /** Accepted create requests the simulator counted, per phone and operation. */
    accepted(phone: string, operation?: string) {
      return sim.control
        .createRequests(phone)
        .filter((r) => r.outcome === 'ACCEPTED' && (operation === undefined || r.operation === operation))
        .length;
    },
    /** Stop the simulator and start a new one on the same port and state file (offline tests). */
    async restartSim(options: SimulatorOptions) {
      sim = await startSimulator({ clock: 'manual', seed: 11, ...options });
      return sim;
    },
    async closeSim() {
      await sim.close();
    },
    async cleanup() {
      for (const e of engines) void e.stop();
      await sim.close();
      q.cleanup();
    },
  };
  return f;
}

export const row = (phoneNumber: string, extra: Partial<PlanRow> = {}): PlanRow => ({
  phoneNumber,
  action: 'import',
  servicePlanId: PLAN_ID,
  campaignId: CAMPAIGN,
  ...extra,
});
