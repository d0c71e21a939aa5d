import type { Db } from './database';

/**
 * Hosting orders we created, one row per order-creating job. Written in two steps, like the job
 * history: the row (without `remote_id`) when the intent is recorded, the Sinch order id once the
 * response is stored — so after a crash an order row without an id means "look it up by displayName".
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

/** Create (or return) the order row of a job; idempotent per job. */
export function recordOrderIntent(
  db: Db,
  order: { jobId: number; kind: OrderKind; displayName: string | null; at: number },
): OrderRow {
  const existing = db
    .prepare('SELECT * FROM orders WHERE job_id = ? ORDER BY id DESC LIMIT 1')
    .get(order.jobId) as OrderRow | undefined;
  if (existing) return existing;
  return db
    .prepare(
      `INSERT INTO orders (job_id, kind, display_name, state, created_at, updated_at) VALUES (?, ?, ?, 'SUBMITTING', ?, ?) RETURNING *`,
    )
    .get(order.jobId, order.kind, order.displayName, order.at, order.at) as OrderRow;
}

/** Store Sinch's order id and state (after the response, or when reconciliation found the order). */
export function recordOrderResponse(
  db: Db,
  jobId: number,
  remote: { remoteId: string; state: string; at: number },
): void {
  db.prepare(
    `UPDATE orders SET remote_id = ?, state = ?, updated_at = ? WHERE id = (SELECT id FROM orders WHERE job_id = ? ORDER BY id DESC LIMIT 1)`,
  ).run(remote.remoteId, remote.state, remote.at, jobId);
}

export function setOrderState(db: Db, remoteId: string, state: string, at: number): boolean {
  return (
    db.prepare('UPDATE orders SET state = ?, updated_at = ? WHERE remote_id = ?').run(state, at, remoteId)
      .changes === 1
  );
}

export const orderOfJob = (db: Db, jobId: number): OrderRow | null =>
  (db.prepare('SELECT * FROM orders WHERE job_id = ? ORDER BY id DESC LIMIT 1').get(jobId) as
    | OrderRow
    | undefined) ?? null;
