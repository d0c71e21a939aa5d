import { decodeCursor, encodeCursor } from '../paging';
import type { Db } from '../store/database';
import type { AuditRecord } from '../sinch/transport';

/**
 * What the Sinch client reports per HTTP attempt: its own `AuditRecord` (a type-only import, so no
 * runtime dependency on the client), and so the client's `onAudit` hook can be passed `recordAudit`.
 */
export type AuditEntry = AuditRecord;

export type AuditRow = {
  id: number;
  at: number;
  workspace_id: string;
  operation: string;
  method: string;
  path: string;
  status: number | null;
  error_code: string | null;
  duration_ms: number;
  request_bytes: number;
  attempt: number;
  job: string | null;
};

export type AuditFilter = {
  operation?: string;
  method?: string;
  /** '2xx' | '4xx' | '5xx' | 'network-error' | an exact status */
  status?: '2xx' | '3xx' | '4xx' | '5xx' | 'network-error' | number;
  job?: string;
  /** epoch ms, inclusive */
  since?: number;
  /** epoch ms, exclusive */
  until?: number;
};

export type AuditPage = { items: AuditRow[]; nextCursor: string | null; total: number };

/**
 * The audit log of one workspace database: every API call (time, method, path, status, duration,
 * job), never a header, body or token — the entry type has no field that could carry one.
 */
export function createAuditLog(db: Db, workspaceId: string, now: () => number = Date.now) {
  const insert = db.prepare(
    `INSERT INTO audit_log (at, workspace_id, operation, method, path, status, error_code, duration_ms, request_bytes, attempt, job)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    /** Matches the client's `onAudit` hook. Never throws: auditing must not break a sync. */
    recordAudit(entry: AuditEntry): void {
      try {
        insert.run(
          now(),
          workspaceId,
          entry.operation.slice(0, 100),
          entry.method.slice(0, 10),
          entry.path.slice(0, 1000),
          entry.status === 'network-error' ? null : entry.status,
          entry.errorCode?.slice(0, 100) ?? null,
          Math.max(0, Math.round(entry.durationMs)),
          Math.max(0, entry.requestBytes),
          entry.attempt,
          entry.job?.slice(0, 200) ?? null,
        );
      } catch {
        // A full disk or closed database must not turn a delivered request into a failed one.
      }
    },

    /** Forget every record (a Sandbox reset: its requests went to a simulator that forgot them too). */
    clear(): void {
      db.prepare('DELETE FROM audit_log').run();
    },

    /** Newest first, paged by an opaque cursor (the last id seen). */
    query(filter: AuditFilter, page: { cursor?: string | undefined; limit: number }): AuditPage {
      const where: string[] = [];
      const params: unknown[] = [];
      if (filter.operation) where.push('operation = ?') && params.push(filter.operation);
      if (filter.method) where.push('method = ?') && params.push(filter.method.toUpperCase());
      if (filter.job) where.push('job = ?') && params.push(filter.job);
      if (filter.since !== undefined) where.push('at >= ?') && params.push(filter.since);
      if (filter.until !== undefined) where.push('at < ?') && params.push(filter.until);
      if (filter.status === 'network-error') where.push('status IS NULL');
      else if (typeof filter.status === 'number') where.push('status = ?') && params.push(filter.status);
      else if (filter.status) {
        const base = Number(filter.status[0]) * 100;
        where.push('status >= ? AND status < ?') && params.push(base, base + 100);
      }
      const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = db
        .prepare(`SELECT count(*) FROM audit_log ${whereSql}`)
        .pluck()
        .get(...params) as number;
      const after = decodeCursor<[number]>('audit', page.cursor, ['number'])?.[0] ?? null;
      const pageWhere = after === null ? whereSql : `${whereSql ? `${whereSql} AND` : 'WHERE'} id < ?`;
      const rows = db
        .prepare(`SELECT * FROM audit_log ${pageWhere} ORDER BY id DESC LIMIT ?`)
        .all(...params, ...(after === null ? [] : [after]), page.limit + 1) as AuditRow[];
      const items = rows.slice(0, page.limit);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor: rows.length > page.limit && last ? encodeCursor('audit', [last.id]) : null,
        total,
      };
    },
  };
}
export type AuditLog = ReturnType<typeof createAuditLog>;
