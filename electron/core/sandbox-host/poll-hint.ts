import type { Db } from '../store/database';

/**
 * A callback (or a jump of the simulated clock) says something changed remotely: make the jobs that
 * follow that resource due NOW, so the sync engine polls it on its next look. Only the poll changes
 * state, so a stale or out-of-order hint costs one read and can never move a number backwards.
 * `resourceId` is a phone number or a hosting order id (REFERENCE.md §8.2); omit it for "all".
 */
export function pollNow(db: Db, queue: string, now: number, resourceId?: string): number[] {
  const like = resourceId === undefined ? null : `%"${resourceId.replace(/[\\%_]/g, (c) => `\\${c}`)}"%`;
  const rows = db
    .prepare(
      `UPDATE jobs SET run_at = ?
       WHERE state = 'waiting_remote' AND queue = ? AND run_at > ?
         AND (? IS NULL OR payload LIKE ? ESCAPE '\\' OR remote_wait LIKE ? ESCAPE '\\')
       RETURNING id`,
    )
    .all(now, queue, now, like, like, like) as Array<{ id: number }>;
  return rows.map((r) => r.id);
}
