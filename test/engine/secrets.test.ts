import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventListener } from '../../electron/core/events';
import { createEngine, type Engine } from '../../electron/core/engine';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store';
import { OsSecretStore } from '../../electron/core/secrets/os-secret-store';
import type { SecretStore } from '../../electron/core/secrets/secret-store';
import { databaseFile, secretName } from '../../electron/core/workspaces/registry';
import type { RunningSimulator } from '../../electron/sandbox';
import type { ChannelName, EventPayload, Input } from '../../shared/contract';
import { dispatch } from '../../shared/contract/dispatch';
import { openHarnessWorkspace } from './engine-under-test';
import { tempDataDir } from './fixture';
import { type RequestMeter, startRequestMeter } from './request-meter';
import {
  credentialNeedles,
  dumpTables,
  type Haystack,
  rawDatabaseFiles,
  scan,
  startsWithSqliteHeader,
} from './secret-scan';
import { seedQualifiedNumbers, startHarnessSimulator } from './simulator';
import { workload } from './workload';

/**
 * Issue 4 acceptance, secrets test. A full run with known credentials, driven only through the
 * contract channels of the real engine (`createEngine`): workspace create (a Live profile whose base
 * URL is the request meter in front of the simulator), credentials set/test, switch, plan commit,
 * sync start — the engine's own sync engine sends, on real time against a simulator running ×600 —
 * then jobs, job details and the audit log read back. Every dispatch result and every event payload
 * is recorded. Waiting is on the engine's `jobs.changed` events, never a sleep.
 * Then the key secret, base64(keyId:secret), every bearer token the simulator saw and the callback
 * HMAC secret are searched in: every table (decrypted), the raw database and WAL files, the logs,
 * the audit table, the registry file and the recorded contract payloads.
 */
const keychain = await new OsSecretStore('hosting-desk-secrets-probe').probe();

describe('secrets test', () => {
  const closers: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const close of closers.reverse()) await close();
    closers.length = 0;
  });

  it('no secret in the database, its files, the logs, the audit table or anything sent over the contract', async () => {
    const tag = randomBytes(6).toString('hex');
    const project = {
      projectId: randomUUID(),
      keyId: `fake-key-id-${tag}`,
      keySecret: `fake-key-secret-${tag}`,
    };
    const hmacSecret = `fake-hmac-secret-${tag}`;
    const sim: RunningSimulator = await startHarnessSimulator({
      seed: 41,
      projects: [project],
      clock: { fast: 600 },
    });
    closers.push(() => sim.close());
    const meter: RequestMeter = await startRequestMeter(sim.baseUrl);
    closers.push(() => meter.close());
    const data = tempDataDir('hd-secrets-');
    closers.push(() => data.cleanup());
    const secretStore: SecretStore = keychain.available
      ? new OsSecretStore(`hosting-desk-secrets-${tag}`)
      : new MemorySecretStore();

    // ── the contract, recorded ───────────────────────────────────────────────────────────────
    const payloads: Haystack[] = [];
    let engine: Engine | null = null;
    let onCounts: (counts: Record<string, number>) => void = () => {};
    const open = async () => {
      const e = await createEngine({
        dataDir: data.dir,
        secretStore,
        shell: 'test',
        simulator: false,
        sinchClient: { budget: { ratePerSec: 100, burst: 100 } },
      });
      const listener: EventListener = (event, payload) => {
        payloads.push({ name: `event ${event}`, content: JSON.stringify(payload) });
        if (event === 'jobs.changed') onCounts((payload as EventPayload<'jobs.changed'>).counts);
      };
      e.subscribe(listener);
      engine = e;
      return e;
    };
    const call = async <C extends ChannelName>(channel: C, input: Input<C>) => {
      if (!engine) throw new Error('engine closed');
      const result = await dispatch(engine.handlers, channel, input);
      payloads.push({ name: `result of ${channel}`, content: JSON.stringify(result) });
      return result;
    };
    const close = async () => {
      await engine?.close();
      engine = null;
    };
    closers.push(close);

    await open();
    const created = await call('workspaces.create', {
      name: 'Secrets test',
      projectId: project.projectId,
      keyId: project.keyId,
      baseUrl: meter.url,
      tokenUrl: sim.authUrl,
      testEndpoint: true,
    });
    expect(created.ok, JSON.stringify(created)).toBe(true);
    const workspaceId = (created as { ok: true; value: { id: string } }).value.id;
    expect(
      (
        await call('credentials.set', {
          workspaceId,
          keySecret: project.keySecret,
          callbackSecret: hmacSecret,
        })
      ).ok,
    ).toBe(true);
    await call('credentials.status', { workspaceId });
    const tested = await call('credentials.test', { workspaceId });
    expect(tested, JSON.stringify(tested)).toMatchObject({ ok: true, value: { ok: true } });
    expect((await call('workspaces.switch', { id: workspaceId })).ok).toBe(true);
    const work = workload(40, 30_000);
    await seedQualifiedNumbers(sim, work.toTextEnable);
    const committed = await call('plan.commit', {
      intentId: `secrets${tag}`,
      label: 'secrets test',
      rows: work.rows,
    });
    expect(committed.ok, JSON.stringify(committed)).toBe(true);
    const jobCount = (committed as { ok: true; value: { jobCount: number } }).value.jobCount;
    expect(jobCount).toBe(5);

    // The engine's own sync engine sends; the run is over when an event says every job is done.
    const finished = new Promise<void>((resolve, reject) => {
      onCounts = (counts) => {
        if ((counts.done ?? 0) === jobCount) resolve();
        if ((counts.failed ?? 0) + (counts.dead ?? 0) > 0)
          reject(new Error(`jobs failed: ${JSON.stringify(counts)}`));
      };
    });
    expect((await call('sync.start', {})).ok).toBe(true);
    await finished;
    await call('sync.status', {});

    // ── everything read back over the contract ─────────────────────────────────────────────────
    const jobs = await call('jobs.list', { limit: 100 } as Input<'jobs.list'>);
    expect(jobs.ok).toBe(true);
    for (const job of (jobs as { ok: true; value: { items: Array<{ id: number }> } }).value.items)
      await call('jobs.get', { id: job.id } as Input<'jobs.get'>);
    let cursor: string | undefined;
    do {
      const page = await call('audit.query', {
        limit: 100,
        ...(cursor ? { cursor } : {}),
      } as Input<'audit.query'>);
      expect(page.ok).toBe(true);
      cursor = (page as { ok: true; value: { nextCursor: string | null } }).value.nextCursor ?? undefined;
    } while (cursor);
    await call('credentials.status', { workspaceId });
    await call('app.status', {});
    await call('sync.pause', {});
    await close();
    const file = databaseFile(data.dir, workspaceId);

    // ── the scan ───────────────────────────────────────────────────────────────────────────────
    expect(meter.bearerTokens.size).toBeGreaterThan(0);
    const needles = credentialNeedles({ ...project, bearerTokens: meter.bearerTokens, hmacSecret });
    const ws = await openHarnessWorkspace({
      dataDir: data.dir,
      file,
      keyName: secretName(workspaceId, 'db-key'),
      secretStore,
    });
    const tables = dumpTables(ws.db);
    const auditRows = ws.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    ws.db.close();
    expect(auditRows).toBeGreaterThan(0);
    const logDir = join(data.dir, 'logs');
    const logs: Haystack[] = readdirSync(logDir).map((f) => ({
      name: `log ${f}`,
      content: readFileSync(join(logDir, f)),
    }));
    expect(logs.reduce((n, l) => n + l.content.length, 0)).toBeGreaterThan(0);
    const raw = rawDatabaseFiles(file);
    expect(startsWithSqliteHeader(file)).toBe(false);
    expect(statSync(file).size).toBeGreaterThan(0);
    const registry = { name: 'workspaces.json', content: readFileSync(join(data.dir, 'workspaces.json')) };

    const hits = scan([...tables, ...raw, ...logs, ...payloads, registry], needles);
    expect(hits).toEqual([]);
    expect(payloads.length).toBeGreaterThan(10);
    expect(tables.map((t) => t.name)).toContain('table audit_log');

    if (keychain.available)
      for (const what of ['db-key', 'key-secret', 'callback-secret'] as const)
        await secretStore.delete(secretName(workspaceId, what));
  }, 120_000);
});
