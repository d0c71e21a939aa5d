import type { IntakeAction, KnownNumber, WorkspaceLookup } from '../../../shared/domain/intake';
import type { Db } from '../store/database';

/**
 * What a workspace already holds for each number, as `decideRowStatus` asks it (shared/domain/intake
 * status.ts): imported, qualified, hosting, and which actions still have a job under way.
 *
 * Read from the jobs (each carries its numbers in its payload) and from the numbers' state column.
 * A job that is done proves its action landed; one that is pending, running, waiting or failed
 * (failed jobs are retried) is "queued"; dead and cancelled jobs count for nothing, so the number
 * can be brought in again. One query per source, a Map in memory: 100,000 known numbers load in
 * well under a second, and the lookup per row is a Map read.
 */
const TASK_ACTION: Record<string, IntakeAction> = {
  importNumber: 'import',
  importNumbersOrder: 'import',
  qualifyNumbers: 'qualify',
  textEnableNumbers: 'text-enable',
  textEnableTollFreeNumbers: 'text-enable',
};
const UNDER_WAY = new Set(['pending', 'running', 'waiting_remote', 'failed']);

/** numbers.state values (sync/remote-state.ts vocabulary) that prove the number is a qualified number. */
const QUALIFIED_STATES = new Set([
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
const HOSTING_STATES = new Set(['hosting', 'hosted']);

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
  const tasks = Object.keys(TASK_ACTION);
  const jobNumbers = db
    .prepare(
      `SELECT j.task AS task, j.state AS state, n.value AS phone
       FROM jobs j, json_each(j.payload, '$.numbers') n
       WHERE j.task IN (${tasks.map(() => '?').join(', ')}) AND j.state NOT IN ('dead', 'cancelled')`,
    )
    .raw()
    .iterate(...tasks) as IterableIterator<[string, string, string]>;
  for (const [task, state, phone] of jobNumbers) {
    const action = TASK_ACTION[task] as IntakeAction;
    const number = entry(phone);
    if (state === 'done') {
      if (action === 'import') number.imported = true;
      else if (action === 'qualify') number.qualified = true;
      else number.hosting = true;
    } else if (UNDER_WAY.has(state) && !number.queued.includes(action)) number.queued.push(action);
  }
  const states = db.prepare('SELECT phone, state FROM numbers').raw().iterate() as IterableIterator<
    [string, string]
  >;
  for (const [phone, state] of states) {
    if (QUALIFIED_STATES.has(state)) entry(phone).qualified = true;
    if (HOSTING_STATES.has(state)) entry(phone).hosting = true;
  }
  return known;
}

export const workspaceLookup = (db: Db): WorkspaceLookup => {
  const known = loadWorkspaceNumbers(db);
  return (e164) => known.get(e164);
};
