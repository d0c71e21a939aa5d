import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queueFixture } from '../queue/test-support';
import { type AuditEntry, createAuditLog } from './audit-log';

let fx: ReturnType<typeof queueFixture>;
beforeEach(() => {
  fx = queueFixture();
});
afterEach(() => fx.cleanup());

const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  operation: 'ImportNumbers',
  method: 'POST',
  path: '/v1/projects/p/hostingOrders:importNumbers',
  status: 200,
  durationMs: 12.4,
  requestBytes: 321,
  attempt: 1,
  ...over,
});

describe('audit log', () => {
  it('records every call and pages newest first with filters', () => {
    const log = createAuditLog(fx.db, 'sandbox', () => fx.clock.now());
    for (let i = 0; i < 5; i++) {
      fx.clock.t += 1000;
      log.recordAudit(entry({ job: `b-o${i}`, status: i === 3 ? 503 : 200 }));
    }
    log.recordAudit(
      entry({
        method: 'GET',
        status: 'network-error',
        errorCode: 'ECONNRESET',
        operation: 'GetImportedNumber',
      }),
    );

    const first = log.query({}, { limit: 4 });
    expect(first.total).toBe(6);
    expect(first.items.map((r) => r.method)).toEqual(['GET', 'POST', 'POST', 'POST']);
    expect(first.items[0]).toMatchObject({ status: null, error_code: 'ECONNRESET', workspace_id: 'sandbox' });
    expect(first.items[1]).toMatchObject({ job: 'b-o4', duration_ms: 12, request_bytes: 321 });
    const second = log.query({}, { limit: 4, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((r) => r.job)).toEqual(['b-o1', 'b-o0']);
    expect(second.nextCursor).toBeNull();

    expect(log.query({ status: '5xx' }, { limit: 10 }).items.map((r) => r.job)).toEqual(['b-o3']);
    expect(log.query({ status: 'network-error' }, { limit: 10 }).total).toBe(1);
    expect(log.query({ job: 'b-o2' }, { limit: 10 }).total).toBe(1);
    expect(log.query({ method: 'post', status: '2xx' }, { limit: 10 }).total).toBe(4);
    expect(log.query({ since: fx.clock.t - 1500 }, { limit: 10 }).total).toBe(3); // at t-1000, t, t
  });

  it('stores nothing but the listed fields (the file holds no secret passed elsewhere)', () => {
    const log = createAuditLog(fx.db, 'sandbox');
    const secret = 'fake-key-secret-0000';
    log.recordAudit({ ...entry(), ...({ authorization: `Basic ${secret}`, body: secret } as object) });
    fx.db.pragma('wal_checkpoint(TRUNCATE)');
    const row = log.query({}, { limit: 1 }).items[0];
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(readFileSync(fx.file).includes(Buffer.from(secret))).toBe(false);
  });

  it('never throws, even on a closed database', () => {
    const log = createAuditLog(fx.db, 'sandbox');
    const other = fx.connect();
    const log2 = createAuditLog(other, 'sandbox');
    other.close();
    expect(() => log2.recordAudit(entry())).not.toThrow();
    log.recordAudit(entry());
    expect(log.query({}, { limit: 10 }).total).toBe(1);
  });
});
