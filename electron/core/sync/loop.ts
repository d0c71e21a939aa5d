import type { JobQueue, Lease } from '../queue/job-queue';
import type { Logger } from '../log';
import {
  SinchApiError,
  type SinchClient,
  SinchInputError,
  SinchNetworkError,
  SinchResponseError,
  userMessage,
} from '../sinch';
import { sinchOperations } from '../../../shared/sinch';
import type { Db } from '../store/database';
import { storageErrorCode, storageTroubleWords } from '../store/storage-errors';
import type { SyncClock } from './clock';
import {
  DEFAULT_POLL,
  TASK_HANDLERS,
  type TaskContext,
  jobPayloadSchema,
  type LoaResolver,
  type Outcome,
  type PollPolicy,
  type SyncHooks,
  type SyncJob,
  type WaitCondition,
} from './tasks';
import { SYNC_STATUSES } from '../../../shared/contract/sync';
import { isTaskName } from '../../../shared/domain/tasks';
import {
  DEFAULT_OPERATION_SETTINGS,
  type OperationSettings,
} from '../../../shared/domain/operation-settings';

/**
 * The sync engine (issue 4, items 5–6): claims jobs from the queue, runs the handler of each task,
 * follows async work with adaptive polls, and watches reachability. Everything it knows survives in
 * the database, so it may be killed at any point: the next engine runs `queue.recover()` and each
 * handler reconciles (reads remote state) before re-sending anything that may have landed.
 */

// The vocabulary is the contract's (shared/contract/sync.ts), so the renderer words exactly these states.
export { SYNC_STATUSES };
export type SyncStatus = (typeof SYNC_STATUSES)[number];

export type LoopState = {
  status: SyncStatus;
  /** epoch ms of the last status change */
  since: number;
  /** rate-limited: sending resumes at this epoch ms; offline: next probe */
  until: number | null;
  /** one sentence for the UI */
  detail: string;
};

export type SyncLoopOptions = {
  db: Db;
  queue: JobQueue;
  /** null when the workspace has no credentials yet: nothing is sent, preparation continues */
  client: SinchClient | null;
  clock: SyncClock;
  logger?: Logger;
  /** requests in flight at once; the client's budget paces them */
  concurrency?: number;
  hooks?: SyncHooks;
  onState?(state: LoopState): void;
  onJobsChanged?(ids: number[]): void;
  /** only these queues (projects); default: every queue in the database */
  queues?: readonly string[];
  /** saved LOA profiles, for text-enables with a direct or reseller LOA */
  loa?: LoaResolver;
  poll?: Partial<PollPolicy>;
  /** which family of text-enable endpoints to use (REFERENCE.md §5.2 (12)/(13) or §5.3 (18)/(19)) */
  textEnableVia?: 'hostingOrders' | 'qualifiedNumbers';
  /** the workspace's operation settings, read at every job (they may change while the loop runs) */
  settings?: () => OperationSettings;
  /** offline probes: first delay and cap of the doubling backoff */
  probe?: { firstMs: number; maxMs: number };
  /** longest sleep when nothing is due, so jobs added by others are picked up (default 30 s) */
  idleWakeMs?: number;
  /** jitter source in [0, 1) */
  random?: () => number;
};

export type SyncLoop = {
  /** Start (or resume) sending. The first start recovers leases left by a dead engine. */
  start(): void;
  /** Stop sending after the requests in flight; nothing is lost. */
  pause(): void;
  /** Stop for good (close of the workspace): timers cancelled, in-flight work awaited. */
  stop(): Promise<void>;
  state(): LoopState;
  /** Resolves when nothing is in flight and nothing is runnable at the current clock time. */
  idle(): Promise<void>;
  /** Resolves when no job is pending, running or waiting (blocked-forever jobs excluded). Real clock. */
  drained(): Promise<void>;
  /** Jobs were added or changed by someone else: look now. */
  wake(): void;
  /**
   * Sinch's side changed (a callback, a Sandbox control, a jump of the simulated clock): forget the
   * pending-qualification list read for the gate, so the jobs made due for it read Sinch again
   * instead of the list from before the change; then look now.
   */
  remoteChanged(): void;
  /** New credentials (or none): state resets and sending resumes if started. */
  setClient(client: SinchClient | null): void;
};

/** Consecutive network failures (resets, timeouts) after which Sinch counts as unreachable. */
const OFFLINE_AFTER_STRIKES = 3;
/** Backoff of a job whose request met an expired token twice (after the client's own refresh). */
const EXPIRY_RETRY_BASE_MS = 1_000;
const EXPIRY_RETRY_CAP_MS = 60_000;
/** While the disk refuses writes: first look again after this, doubling up to the cap. */
const STORAGE_RETRY_FIRST_MS = 2_000;
const STORAGE_RETRY_MAX_MS = 30_000;
/** Upper bound of the jittered delay before a missed read is tried again. */
const READ_RETRY_MS = 5_000;

/** How long one listing of pending qualified numbers serves every job's gate. */
const SNAPSHOT_TTL_MS = 30_000;
const PENDING_QUALIFICATION_STATES = [
  'GLOBAL_PROCESS_STATE_ELIGIBLE_CHECK_PENDING',
  'GLOBAL_PROCESS_STATE_VERIFICATION_PENDING',
  'GLOBAL_PROCESS_STATE_VERIFICATION_FAILED',
] as const;

const isRead = (operation: string): boolean =>
  (sinchOperations as Record<string, { idempotent: boolean } | undefined>)[operation]?.idempotent === true;
const OFFLINE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
]);

export function createSyncLoop(options: SyncLoopOptions): SyncLoop {
  const { db, queue, clock } = options;
  const hooks = options.hooks ?? {};
  const notifyJobs = (ids: number[]) => {
    options.onJobsChanged?.(ids);
    hooks.jobsChanged?.(ids);
  };
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const poll: PollPolicy = { ...DEFAULT_POLL, ...options.poll };
  const probePolicy = options.probe ?? { firstMs: 1_000, maxMs: 60_000 };
  const idleWakeMs = options.idleWakeMs ?? 30_000;
  const loa: LoaResolver = options.loa ?? (() => null);
  const textEnableVia = options.textEnableVia ?? 'hostingOrders';
  const settings = options.settings ?? (() => DEFAULT_OPERATION_SETTINGS);
  const random = options.random ?? Math.random;
  const queues = options.queues?.length ? [...options.queues] : null;
  const log = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) =>
    options.logger?.log(level, message, fields);

  let client = options.client;
  let started = false;
  let recovered = false;
  let userPaused = false;
  let stopped = false;
  let offline: { since: number; delayMs: number; nextAt: number; reason: string } | null = null;
  let rejected: { status: number; message: string } | null = null;
  /** network errors in a row without any HTTP answer in between */
  let networkStrikes = 0;
  /** tokens found expired right after a refresh, in a row without a finished job in between */
  let expiryStrikes = 0;
  let current: LoopState = { status: 'paused', since: clock.now(), until: null, detail: 'Not started.' };
  const inFlight = new Set<Promise<void>>();
  let cancelWake: (() => void) | null = null;
  let cancelProbe: (() => void) | null = null;
  /**
   * The disk refuses writes (issue 10, finding 2): nothing is claimed; the leases whose result could
   * not be written wait in `stranded` and are handed back (the job reconciles before any resend)
   * once a write works again.
   */
  let storage: { code: string; since: number; nextCheckAt: number } | null = null;
  let storageRetryMs = STORAGE_RETRY_FIRST_MS;
  const stranded = new Map<number, Lease>();
  let cancelStorageCheck: (() => void) | null = null;
  let idleWaiters: Array<() => void> = [];
  let drainWaiters: Array<() => void> = [];

  // ── state ────────────────────────────────────────────────────────────────────────────────────────
  function rateLimitedUntil(): number | null {
    const now = clock.now();
    let until = 0;
    if (client && client.budget.pausedUntilMs > now) until = client.budget.pausedUntilMs;
    const rows = queue.pausedUntilAny(queues);
    if (rows && rows > until) until = rows;
    return until > now ? until : null;
  }

  function computeState(): Omit<LoopState, 'since'> {
    if (stopped) return { status: 'stopped', until: null, detail: 'The workspace is closed.' };
    if (!started || userPaused)
      return { status: 'paused', until: null, detail: 'Sending is paused; preparation continues.' };
    if (storage) {
      const words = storageTroubleWords(storage.code);
      return {
        status: 'storage-full',
        until: storage.nextCheckAt,
        detail: `Sending is paused because ${words.what} (${storage.code}); nothing is lost. ${words.fix}`,
      };
    }
    if (!client)
      return {
        status: 'credentials-missing',
        until: null,
        detail: 'Add the project key to send; preparation continues.',
      };
    if (rejected)
      return {
        status: 'credentials-rejected',
        until: null,
        detail: `Sinch refused the credentials (${rejected.status}): ${rejected.message}`,
      };
    if (offline)
      return {
        status: 'offline',
        until: offline.nextAt,
        detail: `Sinch is unreachable (${offline.reason}); jobs wait and resume by themselves.`,
      };
    const until = rateLimitedUntil();
    if (until !== null)
      return {
        status: 'rate-limited',
        until,
        detail: 'Sinch answered 429: all sending for the project waits.',
      };
    return { status: 'online', until: null, detail: 'Sending.' };
  }

  function refreshState() {
    const next = computeState();
    if (next.status === current.status && next.until === current.until && next.detail === current.detail)
      return;
    current = { ...next, since: next.status === current.status ? current.since : clock.now() };
    log('info', 'sync state', { status: current.status, until: current.until });
    options.onState?.(current);
    hooks.stateChanged?.(current);
  }

  const canSend = () => current.status === 'online' || current.status === 'rate-limited';

  // ── the loop ─────────────────────────────────────────────────────────────────────────────────────
  function pump() {
    try {
      refreshState();
      if (stopped) return settle();
      if (canSend() && client) {
        while (inFlight.size < concurrency) {
          const lease = queue.claim(queues ? { queues } : {});
          if (!lease) break;
          track(run(lease, client));
        }
        scheduleWake();
      }
    } catch (e) {
      if (storageTrouble(e)) return settle();
      // Called from timers: a database error here must not take the process down. Look again soon.
      log('error', 'sync loop error', { error: String(e) });
      cancelWake?.();
      cancelWake = stopped
        ? null
        : clock.setTimer(1_000, () => {
            cancelWake = null;
            pump();
          });
    }
    settle();
  }

  function track(p: Promise<void>) {
    const tracked: Promise<void> = p
      .catch((e: unknown) => log('error', 'sync runner failed', { error: String(e) }))
      .finally(() => {
        inFlight.delete(tracked);
        pump();
      });
    inFlight.add(tracked);
  }

  function settle() {
    if (inFlight.size > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
    if (drainWaiters.length > 0 && (stopped || queue.unfinishedCount(queues) === 0)) {
      const d = drainWaiters;
      drainWaiters = [];
      for (const w of d) w();
    }
  }

  /** Sleep until the earliest due job (or the end of a 429 pause), at most `idleWakeMs`. */
  function scheduleWake() {
    cancelWake?.();
    cancelWake = null;
    if (stopped || !canSend()) return;
    const now = clock.now();
    const nextRun = queue.nextRunAt(queues);
    let due = now + idleWakeMs;
    if (nextRun !== undefined) due = Math.min(due, nextRun);
    const pauseEnd = rateLimitedUntil();
    if (pauseEnd !== null) due = Math.min(due, pauseEnd);
    // A job due "now" that claim() did not hand out is held elsewhere: look again shortly, never spin.
    const delay = Math.max(due - now, inFlight.size > 0 ? 0 : 50);
    if (inFlight.size > 0 && nextRun !== undefined && nextRun <= now) return; // a finishing job pumps
    cancelWake = clock.setTimer(delay, () => {
      cancelWake = null;
      pump();
    });
  }

  // ── one job ──────────────────────────────────────────────────────────────────────────────────────
  async function run(lease: Lease, sinch: SinchClient): Promise<void> {
    const job: SyncJob = { id: lease.jobId, key: lease.jobKey, operation: lease.task };
    const handler = isTaskName(lease.task) ? TASK_HANDLERS[lease.task] : undefined;
    if (!handler) {
      queue.fail(lease, { message: `The sync engine has no handler for task ${lease.task}.`, status: 400 });
      return;
    }
    const payload = jobPayloadSchema.safeParse(lease.payload);
    if (!payload.success) {
      queue.fail(lease, {
        message: 'The job payload is not readable.',
        status: 400,
        details: payload.error.issues,
      });
      return;
    }
    const ctx: TaskContext = {
      db,
      queue,
      client: sinch,
      now: () => clock.now(),
      lease,
      job,
      payload: payload.data,
      wait: readWait(lease.remoteWait),
      mayHaveLanded: queue.mayHaveLanded(lease),
      loa,
      poll,
      textEnableVia,
      settings: settings(),
      pendingQualified: () => pendingQualified(sinch),
      async send(summary, call) {
        // Reads before a send may have taken a while (budget, many numbers): extend the lease first.
        if (!queue.heartbeat(lease) || !queue.recordIntent(lease, summary)) return null;
        await hooks.afterIntentRecorded?.(job);
        let result: Awaited<ReturnType<typeof call>>;
        try {
          result = await call();
        } catch (e) {
          if (e instanceof SinchApiError) await hooks.afterResponseReceived?.(job);
          throw e;
        }
        await hooks.afterResponseReceived?.(job);
        return result;
      },
    };
    let outcome: Outcome;
    try {
      outcome = await handler(ctx);
      networkStrikes = 0;
      expiryStrikes = 0;
    } catch (e) {
      if (storageTrouble(e, lease)) return;
      try {
        failed(lease, e);
      } catch (writeError) {
        if (!storageTrouble(writeError, lease)) throw writeError;
        return;
      }
      notifyJobs([lease.jobId]);
      return;
    }
    try {
      apply(lease, outcome);
    } catch (e) {
      // The request's result could not be saved (rolled back whole): the job stays leased and is
      // handed back when writes work again; its recorded intent makes it reconcile, never resend blind.
      if (!storageTrouble(e, lease)) throw e;
      return;
    }
    storageRetryMs = STORAGE_RETRY_FIRST_MS;
    notifyJobs([lease.jobId]);
  }

  // ── the disk refuses writes: pause, look again with backoff, resume by itself ─────────────────────
  /** true (and sending paused) when `e` means the disk refuses writes; the lease waits to be handed back */
  function storageTrouble(e: unknown, lease?: Lease): boolean {
    const code = storageErrorCode(e);
    if (!code) return false;
    if (lease) stranded.set(lease.jobId, lease);
    if (!storage) {
      const now = clock.now();
      storage = { code, since: now, nextCheckAt: now + storageRetryMs };
      log('error', 'the disk refuses writes: sending paused', { code });
      cancelWake?.();
      cancelWake = null;
      scheduleStorageCheck();
      refreshState();
    }
    return true;
  }

  function scheduleStorageCheck() {
    cancelStorageCheck?.();
    cancelStorageCheck = null;
    if (!storage || stopped) return;
    cancelStorageCheck = clock.setTimer(Math.max(0, storage.nextCheckAt - clock.now()), () => {
      cancelStorageCheck = null;
      checkStorage();
    });
  }

  /** Hand the stranded jobs back; if that write works, the disk takes writes again: resume. */
  function checkStorage() {
    if (!storage || stopped) return;
    try {
      for (const [id, lease] of stranded) {
        release(
          lease,
          `The disk refused a write (${storage.code}); handed back: the job checks Sinch before sending again.`,
        );
        stranded.delete(id);
      }
    } catch (e) {
      if (!storageErrorCode(e)) log('error', 'handing jobs back failed', { error: String(e) });
      storageRetryMs = Math.min(STORAGE_RETRY_MAX_MS, storageRetryMs * 2);
      storage = { ...storage, nextCheckAt: clock.now() + storageRetryMs };
      scheduleStorageCheck();
      refreshState();
      return;
    }
    log('info', 'the disk takes writes again: sending resumes', {
      code: storage.code,
      pausedMs: clock.now() - storage.since,
    });
    // Backoff kept until a job completes: a disk still full fails the next write and pauses again, later.
    storageRetryMs = Math.min(STORAGE_RETRY_MAX_MS, storageRetryMs * 2);
    storage = null;
    notifyJobs([]);
    pump();
  }

  function apply(lease: Lease, outcome: Outcome) {
    switch (outcome.kind) {
      case 'done':
        queue.complete(lease, {
          summary: outcome.summary,
          ...(outcome.status !== undefined ? { status: outcome.status } : {}),
          ...(outcome.result !== undefined ? { result: outcome.result } : {}),
        });
        return;
      case 'wait':
        queue.waitRemote(lease, {
          condition: outcome.condition,
          pollAfterMs: outcome.pollAfterMs,
          summary: outcome.summary,
          ...(outcome.status !== undefined ? { status: outcome.status } : {}),
        });
        return;
      case 'fail':
        queue.fail(lease, {
          message: outcome.message,
          ...(outcome.status !== undefined ? { status: outcome.status } : {}),
          ...(outcome.details !== undefined ? { details: outcome.details } : {}),
        });
        return;
      case 'lost':
        log('warn', 'lease lost', { job: lease.jobKey });
        return;
      case 'ready':
        queue.requeueForSend(lease, outcome.summary);
        return;
    }
  }

  /** Classify a thrown error: offline, credentials, 429, retry, or a failure kept for the UI. */
  function failed(lease: Lease, e: unknown) {
    if (e instanceof SinchNetworkError) {
      // Unreachable (refused, DNS, no route) — or several network failures in a row: go offline and
      // probe. A request that provably did not land waits without spending an attempt; an ambiguous
      // one (reset or timeout after sending) is a real attempt and the next one reconciles first.
      networkStrikes++;
      const unreachable = !e.reached || OFFLINE_CODES.has(e.code) || networkStrikes >= OFFLINE_AFTER_STRIKES;
      if (e.ambiguous) queue.fail(lease, { message: e.message });
      else
        release(
          lease,
          `Not sent: network error (${e.code}) on ${e.operation}.`,
          readRetryMs(),
          // The create itself never reached Sinch: it provably did not land.
          !e.reached && !isRead(e.operation) ? 'not-sent' : 'released',
        );
      if (unreachable) goOffline(e.code);
      return;
    }
    networkStrikes = 0;
    if (e instanceof SinchApiError && e.tokenExpired) {
      // §2.2: the client refreshed once and the new token was "expired" too (clock skew, a token
      // revoked in between). That is not a refusal of the key and nothing was processed: hand the
      // job back without spending an attempt and try again later with a fresh token.
      expiryStrikes++;
      release(
        lease,
        `Not sent: the access token expired again right after a refresh (${e.operation}); trying again with a new token.`,
        expiryRetryMs(),
        isRead(e.operation) ? 'released' : 'not-sent',
      );
      return;
    }
    if (e instanceof SinchApiError && (e.httpStatus === 401 || e.httpStatus === 403)) {
      // Not token expiry (handled above): the key itself was refused.
      release(lease, `Not sent: credentials refused (${e.httpStatus}).`);
      rejected = { status: e.httpStatus, message: e.message };
      refreshState();
      return;
    }
    if (e instanceof SinchApiError && isRead(e.operation) && (e.httpStatus === 408 || e.httpStatus >= 500)) {
      // A failed read (reconciliation, poll, qualification check) is a missed look, not an attempt.
      release(lease, `Read failed: ${e.operation} answered ${e.httpStatus}.`, readRetryMs());
      return;
    }
    if (e instanceof SinchApiError) {
      queue.fail(lease, {
        message: userMessage(e),
        status: e.httpStatus,
        ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}),
        details: { apiStatus: e.apiStatus ?? null, fieldViolations: e.fieldViolations },
      });
      if (e.httpStatus === 429) refreshState();
      return;
    }
    if (e instanceof SinchNetworkError || e instanceof SinchResponseError) {
      // Ambiguous: it may have landed. Retried with backoff; the next attempt reconciles first.
      queue.fail(lease, { message: e.message });
      return;
    }
    if (e instanceof SinchInputError) {
      queue.fail(lease, { message: e.message, status: 400, details: e.issues });
      return;
    }
    log('error', 'sync handler error', { job: lease.jobKey, error: String(e) });
    queue.fail(lease, { message: `Internal error: ${String(e)}`, status: 500 });
  }

  /**
   * Backoff while tokens keep expiring right after a refresh: 1 s, 2 s, 4 s … 60 s, half of it
   * jittered, so a job never spins on a token problem (no attempt is spent on it).
   */
  const expiryRetryMs = () => {
    const ceiling = Math.min(
      EXPIRY_RETRY_CAP_MS,
      EXPIRY_RETRY_BASE_MS * 2 ** Math.min(16, expiryStrikes - 1),
    );
    return Math.floor(ceiling / 2 + (random() * ceiling) / 2);
  };

  /** A missed read is looked at again soon, with jitter so failing reads do not retry in lock-step. */
  const readRetryMs = () => Math.floor(random() * READ_RETRY_MS);

  /** Hand the job back untouched: no attempt spent (issue 4 item 6: jobs wait while offline). */
  function release(lease: Lease, note: string, delayMs = 0, outcome: 'released' | 'not-sent' = 'released') {
    queue.release(lease, note, delayMs, outcome);
  }

  // ── shared qualification snapshot (the gate's project-level poller) ──────────────────────────
  let snapshot: { at: number; phones: ReadonlySet<string> } | null = null;
  let snapshotLoading: Promise<ReadonlySet<string>> | null = null;
  /** bumped by remoteChanged(): a listing begun before the change must not be kept as fresh */
  let snapshotGeneration = 0;
  async function pendingQualified(
    sinch: SinchClient,
  ): Promise<{ phones: ReadonlySet<string>; calls: number }> {
    const now = clock.now();
    if (snapshot && now - snapshot.at < SNAPSHOT_TTL_MS) return { phones: snapshot.phones, calls: 0 };
    if (snapshotLoading) return { phones: await snapshotLoading, calls: 0 };
    let calls = 0;
    const generation = snapshotGeneration;
    snapshotLoading = (async () => {
      const phones = new Set<string>();
      // One listing per state: whether `states` may repeat is UNCONFIRMED (REFERENCE.md §5.3 (14)).
      for (const state of PENDING_QUALIFICATION_STATES) {
        for await (const page of sinch.pages('listQualifiedNumbers', undefined, {
          states: state,
          pageSize: 100,
        })) {
          calls++;
          for (const q of page.qualifiedNumbers ?? []) if (q.phoneNumber) phones.add(q.phoneNumber);
        }
      }
      if (generation === snapshotGeneration) snapshot = { at: clock.now(), phones };
      return phones;
    })();
    try {
      return { phones: await snapshotLoading, calls };
    } finally {
      snapshotLoading = null;
    }
  }

  // ── offline: probe cheaply with backoff, resume by itself ───────────────────────────────────────
  function goOffline(reason: string) {
    if (offline) return;
    const now = clock.now();
    offline = { since: now, delayMs: probePolicy.firstMs, nextAt: now + probePolicy.firstMs, reason };
    cancelWake?.();
    cancelWake = null;
    scheduleProbe();
    refreshState();
  }

  function scheduleProbe() {
    cancelProbe?.();
    if (!offline || stopped) return;
    cancelProbe = clock.setTimer(offline.nextAt - clock.now(), () => {
      cancelProbe = null;
      track(probe());
    });
  }

  async function probe(): Promise<void> {
    if (!offline || !client) return;
    try {
      // One small read: any HTTP answer, even an error, proves Sinch is reachable again.
      await client.listQualifiedNumbers({
        states: 'GLOBAL_PROCESS_STATE_ELIGIBLE_CHECK_PENDING',
        pageSize: 1,
      });
    } catch (e) {
      if (e instanceof SinchNetworkError) {
        const delayMs = Math.min(probePolicy.maxMs, offline.delayMs * 2);
        offline = { ...offline, delayMs, nextAt: clock.now() + delayMs, reason: e.code };
        scheduleProbe();
        refreshState();
        return;
      }
    }
    log('info', 'sinch reachable again', { offlineMs: clock.now() - offline.since });
    offline = null;
    networkStrikes = 0;
  }

  // ── public surface ───────────────────────────────────────────────────────────────────────────────
  return {
    start() {
      if (stopped) return;
      if (!recovered) {
        recovered = true;
        const ids = queue.recover();
        if (ids.length) {
          log('info', 'recovered jobs of a previous engine', { count: ids.length });
          notifyJobs(ids);
        }
      }
      started = true;
      userPaused = false;
      rejected = null;
      pump();
    },
    pause() {
      userPaused = true;
      cancelWake?.();
      cancelWake = null;
      refreshState();
      settle();
    },
    async stop() {
      stopped = true;
      cancelWake?.();
      cancelProbe?.();
      cancelStorageCheck?.();
      cancelWake = null;
      cancelProbe = null;
      cancelStorageCheck = null;
      refreshState();
      await Promise.all([...inFlight]);
      settle();
    },
    state: () => {
      refreshState();
      return current;
    },
    idle() {
      pump();
      if (inFlight.size === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    drained() {
      return new Promise<void>((resolve) => {
        drainWaiters.push(resolve);
        pump();
      });
    },
    wake() {
      pump();
    },
    remoteChanged() {
      snapshot = null;
      snapshotGeneration++;
      pump();
    },
    setClient(next) {
      client = next;
      rejected = null;
      offline = null;
      cancelProbe?.();
      cancelProbe = null;
      pump();
    },
  };
}

function readWait(raw: unknown): WaitCondition | null {
  if (!raw || typeof raw !== 'object') return null;
  const w = raw as Partial<WaitCondition>;
  if (w.phase !== 'qualification' && w.phase !== 'follow') return null;
  return {
    phase: w.phase,
    ...(w.target ? { target: w.target } : {}),
    ...(Array.isArray(w.orderIds)
      ? { orderIds: w.orderIds.filter((x): x is string => typeof x === 'string') }
      : {}),
    seen: typeof w.seen === 'string' ? w.seen : '',
    intervalMs: typeof w.intervalMs === 'number' ? w.intervalMs : 0,
    ...(typeof w.since === 'number' ? { since: w.since } : {}),
    ...(w.needsVerified === true ? { needsVerified: true } : {}),
  };
}
