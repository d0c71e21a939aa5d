import { join } from 'node:path';
import type { ChannelName, Input, Output } from '../../shared/contract';
import { dispatch } from '../../shared/contract/dispatch';
import { inspectTable, openIntake, readIntakeRows } from '../../shared/domain/intake';
import { generateMessyCsv } from '../../shared/domain/intake/testing/generator';
import { planBatch } from '../../shared/domain/planner';
import { createEngine } from '../../electron/core/engine';
import { silentLogger } from '../../electron/core/log';
import { commitPlan } from '../../electron/core/queue/commit-plan';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store';
import type { BenchReport } from './report';

/**
 * `draft_100k_ms`: the seeded 100,000-row messy CSV through the pipeline AND the chunked
 * `intake.create` / `intake.append` path through `dispatch` into a draft (≤ 5,000 rows a call, as the
 * page sends them), de-duplicated against 10,000 numbers the workspace already holds. Target < 3,000.
 * `commit_draft_100k_ms`: `plan.commit { draftId, revision }` of that draft through `dispatch` (plan +
 * one transaction). Target < 1,000. One run each (a commit is once per draft), on an encrypted DB.
 */
const PLAN = '07d6c2621f364b68856fe4938b7bb78f';

export async function benchDraft(report: BenchReport, dir: string): Promise<void> {
  const file = generateMessyCsv({ seed: 100_000, rows: 100_000, variant: 'quoted-newlines' });
  const engine = await createEngine({
    dataDir: join(dir, 'draft-bench'),
    secretStore: new MemorySecretStore(),
    shell: 'test',
    logger: silentLogger,
    simulator: false,
  });
  try {
    const call = async <C extends ChannelName>(channel: C, input: Input<C>): Promise<Output<C>> => {
      const result = await dispatch(engine.handlers, channel, input);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value as Output<C>;
    };
    // 10,000 numbers of the file are already in the workspace (queued for import)
    const held = file.expected
      .flatMap((r) => (r.e164 && r.status !== 'duplicate' ? [r.e164] : []))
      .slice(0, 10_000);
    const db = engine.internals.workspaces.active().db;
    commitPlan(
      db,
      planBatch(
        held.map((phoneNumber) => ({ phoneNumber, action: 'import' as const, servicePlanId: PLAN })),
        { intentId: 'held' },
      ),
      {
        queue: 'sandbox',
        label: 'held',
        now: Date.now(),
      },
    );

    const start = performance.now();
    const book = await openIntake({ name: file.name, bytes: file.bytes });
    const table = book.table();
    const look = inspectTable(table);
    if (!look.mapping) throw new Error('draft bench: no phone column');
    const draft = await call('intake.create', {
      name: file.name,
      action: 'import',
      values: { servicePlanId: PLAN },
    });
    const chunks = readIntakeRows(table, {
      action: 'import',
      mapping: look.mapping,
      headerRow: look.headerRow,
      firstDataRow: look.firstDataRow,
    });
    let next = chunks.next();
    while (!next.done) {
      const following = chunks.next();
      await call('intake.append', {
        draftId: draft.id,
        rows: next.value.rows,
        last: following.done === true,
      });
      next = following;
    }
    const loadMs = performance.now() - start;
    const ready = await call('intake.get', { draftId: draft.id });
    if (ready.state !== 'ready' || ready.rows !== file.expected.length)
      throw new Error(`draft bench: ${ready.rows} rows, state ${ready.state}`);
    report.record('draft_100k_ms', Math.round(loadMs), 'ms', {
      target: '< 3000',
      note: `${ready.counts.duplicate} duplicates (${held.length} numbers held)`,
    });

    const commitStart = performance.now();
    const committed = await call('plan.commit', { draftId: draft.id, revision: ready.revision });
    const commitMs = performance.now() - commitStart;
    report.record('commit_draft_100k_ms', Math.round(commitMs), 'ms', {
      target: '< 1000',
      note: `${committed.summary.acceptedRows} numbers → ${committed.jobCount} jobs`,
    });
  } finally {
    await engine.close();
  }
}
