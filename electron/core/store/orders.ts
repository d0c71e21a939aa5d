import type { Db } from './database';

/**
 * Hosting orders our jobs created, one row per Sinch order (a job may create, or find, several).
 * Written when the create's response is stored or reconciliation found the order by its displayName;
 * the pollers keep `state` current. This module is the only one that runs SQL on `orders`.
 */
export type OrderKind = 'import' | 'text-enable' | 'text-enable-toll-free';
export type OrderRow = {
  id: number;
  job_id: number | null;
  remote_id: string | null;
  kind: OrderKind;
  display_name: string | null;
  state: string;
  created_at: number;
  updated_at: number;
};

/** Record an order a job created (or found); idempotent per Sinch order id. */
export function recordOrder(
  db: Db,
  order: {
    jobId: number;
    remoteId: string;
    kind: OrderKind;
    displayName: string | null;
    state: string;
    at: number;
  },
): void {
  db.prepare(
    `INSERT INTO orders (job_id, remote_id, kind, display_name, state, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (remote_id) DO NOTHING`,
  ).run(order.jobId, order.remoteId, order.kind, order.displayName, order.state, order.at, order.at);
}

/** The Sinch ids of the orders a job recorded, oldest first. */
export const orderIdsOfJob = (db: Db, jobId: number): string[] =>
  db
    .prepare('SELECT remote_id FROM orders WHERE job_id = ? AND remote_id IS NOT NULL ORDER BY id')
    .pluck()
    .all(jobId) as string[];

/** The Sinch order ids of each of these jobs (jobs without orders are absent), oldest first. */
export function orderIdsOfJobs(db: Db, jobIds: readonly number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (jobIds.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT job_id, remote_id FROM orders
        WHERE job_id IN (SELECT value FROM json_each(?)) AND remote_id IS NOT NULL ORDER BY id`,
    )
    .all(JSON.stringify(jobIds)) as Array<{ job_id: number; remote_id: string }>;
  for (const r of rows) {
    const list = out.get(r.job_id);
    if (list) list.push(r.remote_id);
    else out.set(r.job_id, [r.remote_id]);
  }
  return out;
}

/** A poll saw the order in `state`; true when that is a change. */
export function setOrderState(db: Db, remoteId: string, state: string, at: number): boolean {
  return (
    db
      .prepare('UPDATE orders SET state = ?, updated_at = ? WHERE remote_id = ? AND state IS NOT ?')
      .run(state, at, remoteId, state).changes === 1
  );
}

export const ordersOfJob = (db: Db, jobId: number): OrderRow[] =>
  db.prepare('SELECT * FROM orders WHERE job_id = ? ORDER BY id').all(jobId) as OrderRow[];
