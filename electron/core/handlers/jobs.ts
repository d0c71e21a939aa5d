import { AMENDABLE_FIELDS, type AmendableField, DeskFailure, type Input } from '../../../shared/contract';
import { orderDisplayName, summarizePlan } from '../../../shared/domain/planner';
import type { PlannedCall } from '../../../shared/domain/tasks';
import { callView, followQualifications, planDraft, writeQualifyNumberRows } from '../intake/draft-plan';
import { draftRow, iterateRows, setDraftState } from '../intake/drafts';
import { wireRequest } from '../sync/wire-body';
import { planWithLoaProfiles } from '../loa/plan-check';
import { loaResolver, planWithLoaCopies, profileIdOf, withLoaCopies } from '../loa/job-copies';
import { checkInfo, getProfile, profileIdByLabel, profileKind } from '../loa/profiles';
import { commitPlan, listBatches } from '../queue/commit-plan';
import { type JobRow, type JobSpec, jobIdsOfBatch, numbersOfJob, repeatCount } from '../queue/job-queue';
import type { Db } from '../store/database';
import { type LinkChange, relinkNumbersOfJob } from '../store/numbers';
import { openOrdersOfJob } from '../store/orders';
import { batchJobCounts, jobDetail, jobIdByKey, jobSummary, listJobs } from '../queue/job-views';
import type { ConceptHandlers, EngineContext } from './context';

/** An offset window over an in-memory list (a plan's calls, its excluded rows). */
const window = <T>(all: readonly T[], offset: number, limit: number) => ({
  items: all.slice(offset, offset + limit),
  nextCursor: null,
  total: all.length,
});

/** Everything a draft leaves out, in row order: its errors and duplicates, then the plan's refusals. */
function excludedRows(db: Db, draftId: string, planned: { row: number; original: string; reason: string }[]) {
  const out: { row: number; original: string; reason: string }[] = [];
  for (const r of iterateRows(db, draftId, ['error', 'duplicate']))
    out.push({
      row: r.row,
      original: r.original,
      reason: r.reason ?? (r.status === 'duplicate' ? 'A duplicate.' : 'Not usable.'),
    });
  out.push(...planned);
  return out.sort((a, b) => a.row - b.row);
}

const requireJob = <T>(value: T | null, id: number): T => {
  if (value === null) throw new DeskFailure('NOT_FOUND', `There is no job ${id}.`);
  return value;
};

/**
 * The import-order limit of a plan: the caller's, when it does not exceed the workspace setting (Sinch
 * refuses larger orders unless the account manager raised it, and the setting records that), else
 * VALIDATION naming the field: a larger order would only fail after its first attempt.
 */
export function importOrderLimitOf(requested: number | undefined, setting: number): number {
  if (requested === undefined) return setting;
  if (requested > setting)
    throw new DeskFailure('VALIDATION', `At most ${setting} numbers per import order in this workspace.`, [
      {
        path: 'importOrderLimit',
        message: `${requested} is above this workspace's limit of ${setting}. Raise the limit in the workspace settings once Sinch has raised it for your account, or send smaller orders.`,
      },
    ]);
  return requested;
}

/** The job that keeps following a cancelled job's open orders, or null when it has none. */
function followSuccessor(db: Db, job: JobRow): JobSpec | null {
  const open = openOrdersOfJob(db, job.id);
  if (open.length === 0) return null;
  return {
    queue: job.queue,
    task: 'followOrder',
    jobKey: `${job.job_key}-follow-${job.id}-${repeatCount(db, job.id, 'follow') + 1}`,
    payload: {
      numbers: numbersOfJob(db, job.id),
      orderIds: open.map((o) => o.remote_id as string),
      orderKind: open.every((o) => o.kind === 'import') ? 'import' : 'text-enable',
    },
    intent: 'follow',
    repeatOf: job.id,
    ...(job.batch_id ? { batchId: job.batch_id } : {}),
  };
}

const TEXT_ENABLE_TASKS = new Set(['textEnableNumbers', 'textEnableTollFreeNumbers']);

/**
 * The new intent of a re-issue: the same call with a new key (and order display name, which carries
 * the key for reconciliation), after the LOA profile it names is checked again as it will be sent.
 */
function reissueOf(db: Db, job: JobRow, intentId: string): JobSpec {
  if (!TEXT_ENABLE_TASKS.has(job.task))
    throw new DeskFailure('CONFLICT', `Job ${job.id} is not a text-enable: only an LOA can be re-issued.`);
  if (!['failed', 'dead', 'cancelled'].includes(job.state))
    throw new DeskFailure(
      'CONFLICT',
      `Job ${job.id} is still ${job.state === 'done' ? 'done' : 'running'}; re-issue a refused or expired LOA once its job has stopped.`,
    );
  const payload = JSON.parse(job.payload) as {
    loaType?: string;
    loaProfileId?: string;
    [k: string]: unknown;
  };
  if (payload.loaType === 'direct' || payload.loaType === 'reseller') {
    // the job names its copy of the profile; the re-issue is checked (and copied) as the profile is now
    const profile = payload.loaProfileId ? getProfile(db, profileIdOf(db, payload.loaProfileId)) : null;
    if (!profile)
      throw new DeskFailure('VALIDATION', 'The LOA profile of this job no longer exists.', [
        { path: 'loaProfileId', message: 'Choose or create an LOA profile, then re-issue.' },
      ]);
    checkInfo(profile.kind, profile.info); // VALIDATION naming the field when the profile is not sendable
  }
  const key = `${job.job_key}-${intentId}`;
  return {
    queue: job.queue,
    task: job.task,
    jobKey: key,
    payload: { ...payload, key, displayName: orderDisplayName(key) },
    intent: 'reissue',
    repeatOf: job.id,
    ...(job.batch_id ? { batchId: job.batch_id } : {}),
  };
}

const FIELD_LABEL: Record<AmendableField, string> = {
  servicePlanId: 'service plan ID',
  campaignId: 'campaign ID',
};

/** How a job that cannot be changed now reads, after "this one is …". */
const NOT_REFUSED: Record<string, string> = {
  pending: 'waiting to be sent',
  running: 'being sent right now',
  waiting_remote: 'waiting on Sinch',
  done: 'done',
  cancelled: 'cancelled: use Retry, and change it if Sinch refuses it again',
};

/**
 * What `jobs.amend` changes in a refused job: its new payload, the fields with their old and new
 * values, and the note for its history. Refuses (naming the field and the fix) a job that is not
 * refused, a field its call does not send, and a change that changes nothing.
 */
export function amendmentOf(
  job: JobRow,
  input: Pick<Input<'jobs.amend'>, 'servicePlanId' | 'campaignId'>,
  /** an earlier request of the job may have reached Sinch (JobQueue.sendMayHaveLanded) */
  mayHaveLanded = false,
): { payload: Record<string, unknown>; changes: Partial<Record<AmendableField, LinkChange>>; note: string } {
  if (job.state !== 'failed' && job.state !== 'dead')
    throw new DeskFailure(
      'CONFLICT',
      `Only a refused job can be changed; this one is ${NOT_REFUSED[job.state] ?? job.state}.`,
    );
  // Reconciliation finds what an earlier send created by the values the job sends (an order is
  // listed by its service plan and campaign): changed, it would look in the wrong place and a second
  // order could follow. Retry checks at Sinch first with the values that were sent.
  if (mayHaveLanded)
    throw new DeskFailure(
      'CONFLICT',
      'An earlier request of this job got no answer and may have reached Sinch, so its values cannot be changed: use Retry, which checks at Sinch first.',
    );
  const payload = JSON.parse(job.payload) as Record<string, unknown>;
  const sends = AMENDABLE_FIELDS[job.task as keyof typeof AMENDABLE_FIELDS] ?? [];
  const changes: Partial<Record<AmendableField, LinkChange>> = {};
  for (const field of ['servicePlanId', 'campaignId'] as const) {
    const value = input[field];
    if (value === undefined) continue;
    if (!sends.includes(field))
      throw new DeskFailure('VALIDATION', `This job does not send a ${FIELD_LABEL[field]}.`, [
        {
          path: field,
          message:
            field === 'campaignId' && job.task === 'textEnableTollFreeNumbers'
              ? 'Toll-free numbers take no campaign: leave Campaign ID empty.'
              : `Leave the ${FIELD_LABEL[field]} empty: this job's request has none.`,
        },
      ]);
    // an empty campaign is no campaign (as in a plan row); the payload then names none
    const to = value === '' ? null : value;
    const from =
      typeof payload[field] === 'string' && payload[field] !== '' ? (payload[field] as string) : null;
    if (to === from) continue;
    changes[field] = { from, to };
    if (to === null) delete payload[field];
    else payload[field] = to;
  }
  const changed = Object.keys(changes) as AmendableField[];
  if (changed.length === 0) {
    const field =
      input.servicePlanId !== undefined || input.campaignId === undefined ? 'servicePlanId' : 'campaignId';
    throw new DeskFailure('VALIDATION', 'Nothing was changed: the job already sends these values.', [
      { path: field, message: `Type the corrected ${FIELD_LABEL[field]}, then send the job again.` },
    ]);
  }
  const words = changed.map(
    (f) => `${FIELD_LABEL[f]} ${changes[f]?.from ?? '(none)'} → ${changes[f]?.to ?? '(none)'}`,
  );
  return { payload, changes, note: `Changed by the user (${words.join(', ')}) and sent again.` };
}

/** `jobs.*` and `plan.*`: the queue as the user sees it, and turning rows into queued jobs. */
export function jobsHandlers(ctx: EngineContext): ConceptHandlers<'jobs' | 'plan'> {
  const wake = () => ctx.sessions.current()?.sync.wake();
  /** The open workspace's LOA profile kinds for plan checks; null (no check) when no database is open. */
  const loaKindOrSkip = () => {
    try {
      const { db } = ctx.active();
      return (id: string) => profileKind(db, id);
    } catch {
      return null;
    }
  };
  /** A draft's plan; the intent id is the draft's, so a commit of the same draft is the same intent. */
  const planOfDraft = (draftId: string, requestedLimit?: number, queuedToo = false) => {
    const ws = ctx.active();
    const draft = draftRow(ws.db, draftId);
    if (!draft || draft.state === 'loading' || (draft.state === 'queued' && !queuedToo))
      throw new DeskFailure(
        draft?.state === 'queued' ? 'CONFLICT' : 'NOT_FOUND',
        draft?.state === 'queued'
          ? 'This list was queued already.'
          : 'This list is not here (discarded, or still loading).',
      );
    const setting = ws.profile.importOrderLimit;
    const limitWarning =
      requestedLimit !== undefined && requestedLimit > setting
        ? [
            `An import order limit of ${requestedLimit} is above this workspace's setting (${setting}); ${setting} is used. Raise it in Settings once Sinch has raised your account's limit.`,
          ]
        : [];
    const planned = planDraft(ws.db, draft, {
      intentId: draft.id,
      importOrderLimit: Math.min(requestedLimit ?? setting, setting),
      defaults: ws.profile.defaults,
      kindOf: (id) => profileKind(ws.db, id),
      profileIdByLabel: (label) => profileIdByLabel(ws.db, label),
    });
    return { db: ws.db, draft, planned, limitWarning };
  };

  /** The planned call a queued job of this workspace carries (its key is the plan call's key). */
  const queuedCall = (ws: ReturnType<typeof ctx.active>, key: string): PlannedCall | undefined => {
    const id = jobIdByKey(ws.db, key, ws.queueName);
    const job = id === undefined ? undefined : ws.queue.get(id);
    return job ? (JSON.parse(job.payload) as PlannedCall) : undefined;
  };

  return {
    'jobs.list': (input) => {
      const ws = ctx.active();
      return {
        ...listJobs(ws.db, { states: input.states, task: input.task, batchId: input.batchId }, input),
        counts: ws.queue.counts(),
      };
    },
    'jobs.get': (input) => {
      const ws = ctx.active();
      return requireJob(jobDetail(ws.db, ws.queue, input.id), input.id);
    },
    'jobs.batches': (input) => {
      const ws = ctx.active();
      const { rows, total } = listBatches(ws.db, input);
      const counts = batchJobCounts(
        ws.db,
        rows.map((b) => b.id),
      );
      return {
        total,
        items: rows.map((b) => ({
          id: b.id,
          label: b.label,
          createdAt: new Date(b.createdAt).toISOString(),
          numberCount: b.acceptedRows,
          counts: counts.get(b.id) as NonNullable<ReturnType<typeof counts.get>>,
        })),
      };
    },
    'jobs.retry': (input) => {
      const ws = ctx.active();
      ws.queue.retry(input.id);
      wake();
      return requireJob(jobSummary(ws.db, input.id), input.id);
    },
    'jobs.amend': ({ id, servicePlanId, campaignId }) => {
      const ws = ctx.active();
      const input = {
        ...(servicePlanId !== undefined ? { servicePlanId } : {}),
        ...(campaignId !== undefined ? { campaignId } : {}),
      };
      let amendment: ReturnType<typeof amendmentOf> | undefined;
      ws.queue.amend(
        id,
        (job) => {
          amendment = amendmentOf(job, input, ws.queue.sendMayHaveLanded(job.id));
          return amendment;
        },
        (job) => {
          const { changes, note } = amendment as ReturnType<typeof amendmentOf>;
          relinkNumbersOfJob(ws.db, numbersOfJob(ws.db, job.id), changes, ctx.now(), { jobId: job.id, note });
          // a local change to what will be sent: in the audit log next to the calls it alters (as
          // loaProfiles.applyToQueued); the log has no body column, so old → new goes in its path
          const what = Object.entries(changes).map(([f, c]) => `${f} ${c.from ?? '""'} → ${c.to ?? '""'}`);
          ws.audit.recordAudit({
            operation: 'jobs.amend',
            method: 'LOCAL',
            path: `jobs/${job.id} by the user: ${what.join(', ')}`,
            status: 200,
            durationMs: 0,
            requestBytes: 0,
            attempt: 1,
            job: job.job_key,
          });
        },
      );
      wake();
      return requireJob(jobSummary(ws.db, id), id);
    },
    'jobs.cancel': (input) => {
      const ws = ctx.active();
      // Cancel stops OUR work. An order the job created keeps running at Sinch: a follow job keeps
      // polling it, so its state and its numbers' steps stay current and visible (issue 9 defect 3).
      ws.queue.cancel(input.id, { successor: (job) => followSuccessor(ws.db, job) });
      wake();
      return requireJob(jobSummary(ws.db, input.id), input.id);
    },
    'jobs.retryFailed': ({ batchId }) => {
      const ws = ctx.active();
      const retried: number[] = [];
      // oldest first: a job's dependencies are older than it, and retrying them revives what they stopped
      for (const id of jobIdsOfBatch(ws.db, batchId)) {
        const state = ws.queue.get(id)?.state;
        if (state !== 'failed' && state !== 'dead') continue;
        ws.queue.retry(id);
        retried.push(id);
      }
      if (retried.length > 0) wake();
      return { retried, counts: ws.queue.counts() };
    },
    'jobs.reissue': ({ id, intentId }) => {
      const ws = ctx.active();
      const job = requireJob(ws.queue.get(id), id);
      const spec = reissueOf(ws.db, job, intentId);
      const copied = withLoaCopies(
        ws.db,
        [spec.payload as { loaProfileId?: string; loaType?: string }],
        ctx.now(),
      );
      const added = ws.queue.add({ ...spec, payload: copied.calls[0] });
      if (!added.created) copied.drop();
      wake();
      return requireJob(jobSummary(ws.db, added.id), added.id);
    },
    'plan.preview': (input) => {
      if (input.draftId !== undefined) {
        const { db, draft, planned, limitWarning } = planOfDraft(input.draftId, input.importOrderLimit);
        const { plan, warnings, excluded } = planned;
        const refused = excludedRows(db, draft.id, excluded);
        return {
          ...summarizePlan(plan),
          draftId: draft.id,
          revision: draft.revision,
          warnings: [...limitWarning, ...warnings],
          excluded: window(refused, input.excludedOffset, input.excludedLimit),
          calls: window(plan.calls.map(callView), input.callsOffset, input.callsLimit),
        };
      }
      const limit = importOrderLimitOf(
        input.importOrderLimit,
        ctx.workspaces.activeProfile().importOrderLimit,
      );
      return summarizePlan(
        planWithLoaProfiles(
          input.rows ?? [],
          { intentId: 'preview', importOrderLimit: limit },
          loaKindOrSkip(),
        ),
      );
    },
    'plan.call': (input) => {
      const ws = ctx.active();
      const draft = draftRow(ws.db, input.draftId);
      // Queued: the call as its job holds it, with the job's own copy of the LOA — what it sends (or
      // sent), not the profile as edited since. Otherwise the plan as it would be queued now.
      const queued = draft?.state === 'queued' ? queuedCall(ws, input.key) : undefined;
      const { db, planned } = queued ? { db: ws.db, planned: null } : planOfDraft(input.draftId);
      const call = queued ?? planned?.plan.calls.find((c) => c.key === input.key);
      if (!call) throw new DeskFailure('NOT_FOUND', `The plan of this list has no call ${input.key}.`);
      const request = wireRequest(call, {
        loa: loaResolver(db),
        callbackUrl: ctx.active().profile.defaults.callbackUrl,
      });
      if ('problem' in request) throw new DeskFailure('VALIDATION', request.problem);
      return { key: call.key, ...request };
    },
    'plan.commit': (input) => {
      const ws = ctx.active();
      if (input.draftId !== undefined) {
        const draft = draftRow(ws.db, input.draftId);
        if (!draft || draft.state === 'loading')
          throw new DeskFailure('NOT_FOUND', 'This list is not here (discarded, or still loading).');
        if (draft.state === 'queued' && draft.batch_id) {
          // committing twice queues once: the batch it became
          const jobIds = jobIdsOfBatch(ws.db, draft.batch_id);
          const { planned } = planOfDraft(draft.id, input.importOrderLimit, true);
          return {
            batchId: draft.batch_id,
            created: false,
            jobCount: jobIds.length,
            summary: summarizePlan(planned.plan),
          };
        }
        if (draft.revision !== input.revision)
          throw new DeskFailure(
            'CONFLICT',
            'This list changed since its plan was shown. Look at the plan again, then queue it.',
            { revision: draft.revision },
          );
        const { planned } = planOfDraft(draft.id, input.importOrderLimit);
        const summary = summarizePlan(planned.plan);
        if (planned.plan.calls.length === 0)
          throw new DeskFailure(
            'VALIDATION',
            'No row of this list can be sent; nothing was queued.',
            summary.rejected,
          );
        // each order's LOA is copied into its job: what is sent is what was shown (electron/core/loa)
        const copied = planWithLoaCopies(ws.db, planned.plan, ctx.now());
        const committed = commitPlan(ws.db, copied.plan, {
          queue: ws.queueName,
          label: input.label ?? draft.name,
          now: ctx.now(),
          // the draft becomes read-only and linked to its batch in the same transaction
          alsoWrite: (batchId) => {
            setDraftState(ws.db, draft.id, 'queued', ctx.now(), batchId);
            if (draft.action === 'qualify') {
              writeQualifyNumberRows(
                ws.db,
                planned.plan,
                ctx.now(),
                `Planned in batch ${input.label ?? draft.name}`,
              );
              followQualifications(ws.db, planned.plan, { queue: ws.queueName, batchId, now: ctx.now() });
            }
          },
        });
        if (!committed.created) {
          copied.drop(); // its jobs hold the copies made then
          // a batch that existed already (a commit interrupted before): link the draft now
          setDraftState(ws.db, draft.id, 'queued', ctx.now(), committed.batchId);
        }
        ctx.emit('intake.changed', { draftIds: [draft.id] });
        if (committed.created) {
          ws.queue.notify(committed.jobIds);
          wake();
        }
        return {
          batchId: committed.batchId,
          created: committed.created,
          jobCount: committed.jobIds.length,
          summary,
        };
      }
      const limit = importOrderLimitOf(input.importOrderLimit, ws.profile.importOrderLimit);
      // Rows naming a missing LOA profile (or one of the other kind) are rejected here, not at send time.
      const plan = planWithLoaProfiles(
        input.rows ?? [],
        { intentId: input.intentId as string, importOrderLimit: limit },
        (id) => profileKind(ws.db, id),
      );
      const summary = summarizePlan(plan);
      if (plan.calls.length === 0)
        throw new DeskFailure(
          'VALIDATION',
          'No row of this batch can be sent; nothing was queued.',
          summary.rejected,
        );
      const copied = planWithLoaCopies(ws.db, plan, ctx.now());
      const committed = commitPlan(ws.db, copied.plan, {
        queue: ws.queueName,
        label: input.label as string,
        now: ctx.now(),
      });
      if (!committed.created) copied.drop();
      if (committed.created) {
        ws.queue.notify(committed.jobIds);
        wake();
      }
      return {
        batchId: committed.batchId,
        created: committed.created,
        jobCount: committed.jobIds.length,
        summary,
      };
    },
  };
}
