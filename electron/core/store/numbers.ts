import type { Db } from './database';

/**
 * Per-number state and its history (timelines). The state vocabulary is the sync engine's to grow;
 * the planner writes `planned`. Every change appends to `number_states`, in the same transaction.
 */
export type NumberRow = {
  phone: string;
  region: 'US' | 'CA';
  toll_free: 0 | 1;
  state: string;
  batch_id: string | null;
  service_plan_id: string | null;
  campaign_id: string | null;
  loa_profile_id: string | null;
  loa_type: string | null;
  updated_at: number;
};
export type NumberStateRow = {
  id: number;
  phone: string;
  at: number;
  state: string;
  job_id: number | null;
  note: string | null;
};

/** Move numbers to `state` and record it in their history. Call inside the transaction that caused it. */
export function setNumberState(
  db: Db,
  phones: readonly string[],
  state: string,
  at: number,
  context: { jobId?: number; note?: string } = {},
): number {
  const update = db.prepare(
    'UPDATE numbers SET state = ?, updated_at = ? WHERE phone = ? AND state IS NOT ?',
  );
  const history = db.prepare(
    'INSERT INTO number_states (phone, at, state, job_id, note) VALUES (?, ?, ?, ?, ?)',
  );
  let changed = 0;
  const run = () => {
    for (const phone of phones) {
      if (update.run(state, at, phone, state).changes === 1) {
        history.run(phone, at, state, context.jobId ?? null, context.note ?? null);
        changed++;
      }
    }
  };
  if (db.inTransaction) run();
  else db.transaction(run).immediate();
  return changed;
}

export const getNumber = (db: Db, phone: string): NumberRow | null =>
  (db.prepare('SELECT * FROM numbers WHERE phone = ?').get(phone) as NumberRow | undefined) ?? null;

export const numberTimeline = (db: Db, phone: string): NumberStateRow[] =>
  db.prepare('SELECT * FROM number_states WHERE phone = ? ORDER BY id').all(phone) as NumberStateRow[];

/** The numbers a job carries, in the order the plan gave them. */
export const numbersOfJob = (db: Db, jobId: number): string[] =>
  db
    .prepare(`SELECT n.value FROM jobs j, json_each(j.payload, '$.numbers') n WHERE j.id = ? ORDER BY n.key`)
    .pluck()
    .all(jobId) as string[];
