import type { IntakeAction, KnownNumber, WorkspaceLookup } from '../../../shared/domain/intake';
import type { NumberState, TaskName } from '../../../shared/domain/tasks';
import { numbersOfLiveJobs } from '../queue/job-queue';
import type { Db } from '../store/database';
import { allNumbersInStates } from '../store/numbers';

/**
 * What a workspace already holds for each number, as `decideRowStatus` asks it (shared/domain/intake
 * status.ts): imported, qualified, hosting, and which actions still have a job under way.
 *
 * Read from the jobs (each carries its numbers in its payload) and from the numbers' state column.
 * A job that is done proves its action landed; one that is pending, running, waiting or failed
 * (failed jobs are retried) is "queued"; dead and cancelled jobs count for nothing, so the number
 * can be brought in again. One query per source, a Map in memory: 100,000 known numbers load in
 * well under a second, and the lookup per row is a Map read. The SQL lives with the tables' owners
 * (queue/job-queue.ts, store/numbers.ts).
 */
const TASK_ACTION: Partial<Record<TaskName, IntakeAction>> = {
  importNumber: 'import',
  importNumbersOrder: 'import',
  qualifyNumbers: 'qualify',
  textEnableNumbers: 'text-enable',
  textEnableTollFreeNumbers: 'text-enable',
};
const UNDER_WAY = new Set(['pending', 'running', 'waiting_remote', 'failed']);

/** numbers.state values (sync/remote-state.ts vocabulary) that prove the number is a qualified number. */
const QUALIFIED_STATES: ReadonlySet<NumberState> = new Set<NumberState>([
  'eligible',
  'not-eligible',
  'verification-pending',
  'verification-failed',
  'verification-blocked',
  'verified',
  'hosting',
  'hosted',
  'hosting-failed',
]);
const HOSTING_STATES: ReadonlySet<NumberState> = new Set<NumberState>(['hosting', 'hosted']);

export function loadWorkspaceNumbers(db: Db): Map<string, KnownNumber> {
  const known = new Map<
    string,
    { imported: boolean; qualified: boolean; hosting: boolean; queued: IntakeAction[] }
  >();
  const entry = (phone: string) => {
    let found = known.get(phone);
    if (!found) {
      found = { imported: false, qualified: false, hosting: false, queued: [] };
      known.set(phone, found);
    }
    return found;
  };
  for (const [task, state, phone] of numbersOfLiveJobs(db, Object.keys(TASK_ACTION) as TaskName[])) {
    const action = TASK_ACTION[task] as IntakeAction;
    const number = entry(phone);
    if (state === 'done') {
      if (action === 'import') number.imported = true;
      else if (action === 'qualify') number.qualified = true;
      else number.hosting = true;
    } else if (UNDER_WAY.has(state) && !number.queued.includes(action)) number.queued.push(action);
  }
  for (const [phone, state] of allNumbersInStates(db, [...QUALIFIED_STATES])) {
    entry(phone).qualified = true;
    if (HOSTING_STATES.has(state)) entry(phone).hosting = true;
  }
  return known;
}

export const workspaceLookup = (db: Db): WorkspaceLookup => {
  const known = loadWorkspaceNumbers(db);
  return (e164) => known.get(e164);
};
