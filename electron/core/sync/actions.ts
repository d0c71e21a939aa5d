import { createPhoneClassifier } from '../../../shared/domain/phone';
import type { NumberActionTask, TaskName } from '../../../shared/domain/tasks';
import { enqueue, type JobQueue } from '../queue/job-queue';
import { type Db, immediate } from '../store/database';
import { ensureNumbers } from '../store/numbers';
import type { JobPayload } from './tasks';

/**
 * Single-number actions that are not part of a batch plan: voice challenge send/verify and delete.
 * Each is one job on the project's queue; the job key is the user intent (a deliberate repeat — a new
 * voice call, a second code — gets a new key from the caller, e.g. with a counter or timestamp).
 */
export type NumberAction = (
  | { task: 'sendVoiceChallenge'; phoneNumber: string }
  | { task: 'verifyVoiceChallenge'; phoneNumber: string; code: string }
  | { task: 'deleteImportedNumber'; phoneNumber: string }
) & { task: NumberActionTask };

export function enqueueNumberAction(
  queue: JobQueue,
  projectQueue: string,
  jobKey: string,
  action: NumberAction,
  options: { dependsOn?: number[]; intent?: string; repeatOf?: number } = {},
): { id: number; created: boolean } {
  return queue.add({
    queue: projectQueue,
    task: action.task,
    jobKey,
    payload: {
      numbers: [action.phoneNumber],
      ...(action.task === 'verifyVoiceChallenge' ? { code: action.code } : {}),
    },
    ...(options.dependsOn ? { dependsOn: options.dependsOn } : {}),
    ...(options.intent ? { intent: options.intent } : {}),
    ...(options.repeatOf !== undefined ? { repeatOf: options.repeatOf } : {}),
  });
}

/** One job of an operation; `after` = indexes of earlier steps it must wait for. */
export type OperationStep = {
  task: TaskName;
  key: string;
  payload: JobPayload;
  after?: readonly number[];
  intent?: string;
  repeatOf?: number;
};

/**
 * Queue the jobs of one user operation (qualify + follow, unlink → link, …) in ONE transaction with
 * the rows of the numbers they touch, so that a crash leaves all of it or nothing. Idempotent per
 * job key: the same intent twice queues once. Returns the ids in step order.
 */
export function queueOperation(
  db: Db,
  queue: JobQueue,
  queueName: string,
  now: number,
  steps: readonly OperationStep[],
): { ids: number[]; created: boolean } {
  const classify = createPhoneClassifier();
  const result = immediate(db, () => {
    const phones = [...new Set(steps.flatMap((s) => s.payload.numbers))];
    ensureNumbers(
      db,
      phones.map((phone) => {
        const v = classify(phone);
        return { phone, region: v.ok ? v.region : 'US', tollFree: v.ok && v.tollFree };
      }),
      now,
      { note: 'known from a single-number operation' },
    );
    const ids: number[] = [];
    let created = false;
    for (const step of steps) {
      const r = enqueue(
        db,
        {
          queue: queueName,
          task: step.task,
          jobKey: step.key,
          payload: step.payload,
          dependsOn: (step.after ?? []).map((i) => ids[i] as number),
          ...(step.intent ? { intent: step.intent } : {}),
          ...(step.repeatOf !== undefined ? { repeatOf: step.repeatOf } : {}),
        },
        now,
        queue.defaultMaxAttempts,
      );
      ids.push(r.id);
      created ||= r.created;
    }
    return { ids, created };
  });
  if (result.created) queue.notify(result.ids);
  return result;
}
