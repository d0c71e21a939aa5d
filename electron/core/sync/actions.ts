import type { NumberActionTask } from '../../../shared/domain/tasks';
import type { JobQueue } from '../queue/job-queue';

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
