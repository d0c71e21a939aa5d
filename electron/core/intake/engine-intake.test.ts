import { describe, expect, it } from 'vitest';
import type { IntakeRowItem } from '../../../shared/contract';
import { inspectTable, openIntake, readIntakeRows } from '../../../shared/domain/intake';
import { generateMessyCsv } from '../../../shared/domain/intake/testing/generator';
import { MemorySecretStore } from '../secrets/memory-secret-store';
import type { SecretStore } from '../secrets/secret-store';
import { cleanupsAfterEach, startTestEngine } from '../test-kit';

/** Drafts and the draft plan through `dispatch` (the contract level), on a real engine and database. */
const cleanups = cleanupsAfterEach();

const PLAN = '07d6c2621f364b68856fe4938b7bb78f';

/** An engine without the Sandbox simulator; `dataDir` and `secretStore` of an earlier one restart it. */
const start = (dataDir?: string, secretStore: SecretStore = new MemorySecretStore()) =>
  startTestEngine(cleanups, { prefix: 'hd-engine-intake-', secretStore, ...(dataDir ? { dataDir } : {}) });

const row = (n: number, cell: string, over: Partial<IntakeRowItem> = {}): IntakeRowItem => {
  const digits = cell.replace(/\D/g, '').slice(-10);
  return {
    row: n,
    original: cell,
    e164: `+1${digits}`,
    region: 'US',
    tollFree: /^8(00|33|44|55|66|77|88)/.test(digits),
    extension: null,
    status: cell.startsWith('+1') ? 'valid' : 'fixed',
    reason: null,
    skipsQualification: false,
    fields: {},
    ...over,
  };
};

async function loadRows(
  e: Awaited<ReturnType<typeof start>>,
  rows: IntakeRowItem[],
  action: 'import' | 'qualify' | 'text-enable' = 'import',
  values = {},
) {
  const draft = await e.call('intake.create', {
    name: 'Acme list',
    action,
    source: { fileName: 'acme.csv' },
    values,
  });
  for (let i = 0; i < rows.length; i += 2)
    await e.call('intake.append', {
      draftId: draft.id,
      rows: rows.slice(i, i + 2),
      last: i + 2 >= rows.length,
    });
  return draft.id;
}

describe('intake drafts through dispatch', () => {
  it('is loading until the last chunk, then ready with counts, pages, filters and sorts', async () => {
    const e = await start();
    const draft = await e.call('intake.create', { name: 'Acme list', action: 'import' });
    expect(draft).toMatchObject({ state: 'loading', rows: 0, revision: 0 });
    expect((await e.call('intake.list', {})).items).toEqual([]); // loading drafts are not listed
    await e.call('intake.append', {
      draftId: draft.id,
      rows: [row(2, '+12025550134'), row(3, '(202) 555-0135')],
    });
    const ready = await e.call('intake.append', {
      draftId: draft.id,
      rows: [
        row(4, 'call me', { e164: null, region: null, status: 'error', reason: 'Letters…' }),
        row(5, '202 555 0136'),
      ],
      last: true,
    });
    expect(ready).toMatchObject({
      state: 'ready',
      rows: 4,
      counts: { valid: 1, fixed: 2, error: 1, duplicate: 0 },
    });
    // chunks are written with the checkpoint deferred (bigWrite); the connection's settings are back
    const db = e.engine.internals.workspaces.active().db;
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(
      await e.refusal('intake.append', { draftId: draft.id, rows: [row(6, '+12025550137')] }),
    ).toMatchObject({
      code: 'CONFLICT',
    });
    const errors = await e.call('intake.rows', { draftId: draft.id, statuses: ['error'] });
    expect(errors).toMatchObject({ total: 1, items: [{ row: 4, status: 'error' }] });
    const window = await e.call('intake.rows', { draftId: draft.id, offset: 1, limit: 2, sort: 'row' });
    expect(window.items.map((r) => r.row)).toEqual([3, 4]);
    const byStatus = await e.call('intake.rows', { draftId: draft.id, sort: 'status' });
    expect(byStatus.items[0]?.status).toBe('error');
    expect((await e.call('intake.list', {})).items.map((d) => d.id)).toEqual([draft.id]);
    expect(e.events.some(([name]) => name === 'intake.changed')).toBe(true);
  });

  it('marks numbers the workspace already holds as duplicates, by action', async () => {
    const e = await start();
    await e.call('plan.commit', {
      rows: [{ phoneNumber: '+12025550134', action: 'import', servicePlanId: PLAN }],
      intentId: 'earlier',
      label: 'earlier',
    });
    const draftId = await loadRows(e, [row(2, '+12025550134'), row(3, '+12025550135')]);
    const rows = (await e.call('intake.rows', { draftId })).items;
    expect(rows.map((r) => [r.row, r.status, r.reason])).toEqual([
      [2, 'duplicate', 'Already queued for import in this workspace.'],
      [3, 'valid', null],
    ]);
  });

  it('a ready draft survives a restart; one left loading is deleted', async () => {
    const first = await start();
    const kept = await loadRows(first, [row(2, '+12025550134')]);
    const loading = await first.call('intake.create', { name: 'half read', action: 'import' });
    await first.call('intake.append', { draftId: loading.id, rows: [row(2, '+12025550199')] });
    await first.close();
    const second = await start(first.dataDir, first.secretStore);
    expect((await second.call('intake.list', {})).items.map((d) => d.id)).toEqual([kept]);
    expect(await second.refusal('intake.get', { draftId: loading.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await second.call('intake.get', { draftId: kept })).toMatchObject({ state: 'ready', rows: 1 });
  });

  it('Cancel while loading deletes the draft', async () => {
    const e = await start();
    const draft = await e.call('intake.create', { name: 'x', action: 'import' });
    await e.call('intake.append', { draftId: draft.id, rows: [row(2, '+12025550134')] });
    expect(await e.call('intake.cancel', { draftId: draft.id })).toEqual({ deleted: true });
    expect(await e.refusal('intake.get', { draftId: draft.id })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('an edit is re-validated; the row it duplicated follows', async () => {
    const e = await start();
    const draftId = await loadRows(e, [
      row(2, '+12025550134'),
      row(3, '202-555-0134', {
        status: 'duplicate',
        reason: 'The same number as row 2; only the first is kept.',
      }),
    ]);
    const fixed = await e.call('intake.edit', { draftId, row: 2, original: '(202) 555-0199 x7' });
    expect(fixed).toMatchObject({ e164: '+12025550199', status: 'fixed', extension: '7' });
    // row 3 is no longer a repeat of row 2
    expect((await e.call('intake.rows', { draftId })).items[1]).toMatchObject({ row: 3, status: 'fixed' });
    const broken = await e.call('intake.edit', { draftId, row: 3, original: '555-0134' });
    expect(broken).toMatchObject({ status: 'error', reason: expect.stringMatching(/10 digits/) });
  });

  it('apply to a selection, to a status, to all — and undo the last', async () => {
    const e = await start();
    const draftId = await loadRows(e, [
      row(2, '+12025550134'),
      row(3, '+12025550135'),
      row(4, '+12025550136'),
    ]);
    const before = await e.call('intake.get', { draftId });
    const applied = await e.call('intake.apply', {
      draftId,
      target: { rows: [2, 3] },
      values: { campaignId: 'C1' },
    });
    expect(applied).toMatchObject({ changed: 2, canUndo: true });
    expect(applied.revision).toBeGreaterThan(before.revision);
    const rows = (await e.call('intake.rows', { draftId })).items;
    expect(rows.map((r) => r.fields.campaignId ?? null)).toEqual(['C1', 'C1', null]);
    await e.call('intake.apply', {
      draftId,
      target: { all: true },
      values: { servicePlanId: 'sp2', campaignId: null },
    });
    expect(
      (await e.call('intake.rows', { draftId })).items.map((r) => [
        r.fields.servicePlanId,
        r.fields.campaignId ?? null,
      ]),
    ).toEqual([
      ['sp2', null],
      ['sp2', null],
      ['sp2', null],
    ]);
    await e.call('intake.undo', { draftId });
    expect((await e.call('intake.rows', { draftId })).items.map((r) => r.fields.campaignId ?? null)).toEqual([
      'C1',
      'C1',
      null,
    ]);
    expect(await e.refusal('intake.undo', { draftId })).toMatchObject({ code: 'CONFLICT' });
    await e.call('intake.remove', { draftId, rows: [3] });
    expect((await e.call('intake.get', { draftId })).rows).toBe(2);
    await e.call('intake.undo', { draftId });
    expect((await e.call('intake.get', { draftId })).rows).toBe(3);
  });
});

describe('copying a draft to another workspace', () => {
  it('Sandbox → Live: ready there, re-checked against that workspace; the Sandbox keeps its own', async () => {
    const e = await start();
    const draftId = await loadRows(e, [row(2, '+12025550134'), row(3, '(202) 555-0135')], 'import', {
      servicePlanId: PLAN,
    });
    const live = await e.call('workspaces.create', {
      name: 'Acme Live',
      projectId: '7c2ea0e4-3c8a-4b56-9f24-2d2c2bb4d5a1',
    });
    const { draftId: copy } = await e.call('intake.copy', { draftId, workspaceId: live.id });
    expect((await e.call('intake.list', {})).items.map((d) => d.id)).toEqual([draftId]);
    await e.call('workspaces.switch', { id: live.id });
    const there = await e.call('intake.get', { draftId: copy });
    expect(there).toMatchObject({ state: 'ready', rows: 2, counts: { valid: 1, fixed: 1 }, values: {} });
    expect((await e.call('intake.rows', { draftId: copy })).items.map((r) => r.e164)).toEqual([
      '+12025550134',
      '+12025550135',
    ]);
  });
});

describe('the plan of a draft', () => {
  it('warns about display names only where they change the calls (one named number is one import anyway)', async () => {
    const e = await start();
    const single = await loadRows(
      e,
      [row(2, '+12025550134', { fields: { displayName: 'Front desk' } })],
      'import',
      {
        servicePlanId: PLAN,
      },
    );
    const alone = await e.call('plan.preview', { draftId: single });
    if (!('revision' in alone)) throw new Error('not a draft preview');
    expect(alone.warnings).toEqual([]);
    const two = await loadRows(
      e,
      [
        row(2, '+12025550140', { fields: { displayName: 'Front desk' } }),
        row(3, '+12025550141', { fields: { displayName: 'Back office' } }),
      ],
      'import',
      { servicePlanId: PLAN },
    );
    const named = await e.call('plan.preview', { draftId: two });
    if (!('revision' in named)) throw new Error('not a draft preview');
    expect(named.warnings).toEqual([
      '2 numbers with a display name are imported one at a time, not in an order: only a single import sends the name.',
    ]);
  });

  it('previews totals, warnings, excluded rows and calls; shows one call’s body; commits once at its revision', async () => {
    const e = await start();
    const draftId = await loadRows(
      e,
      [
        row(2, '+12025550134'),
        row(3, '+12025550135', { fields: { displayName: 'Front desk' } }),
        row(4, '+18005550199'),
        row(5, 'nope', { e164: null, region: null, status: 'error', reason: 'Not a phone number.' }),
        row(6, '+12025550136'),
      ],
      'import',
      { servicePlanId: PLAN, campaignId: 'C3O8OGA' },
    );
    const preview = await e.call('plan.preview', { draftId, importOrderLimit: 50 });
    if (!('revision' in preview)) throw new Error('not a draft preview');
    expect(preview.acceptedRows).toBe(3);
    expect(preview.excluded).toMatchObject({
      total: 2,
      items: [
        { row: 4, reason: expect.stringMatching(/toll-free .* text-enabling, not importing/) },
        { row: 5, reason: 'Not a phone number.' },
      ],
    });
    expect(preview.warnings.join(' ')).toMatch(/1 number with a display name is imported one at a time/);
    expect(preview.warnings.join(' ')).toMatch(/above this workspace's setting \(5\)/);
    expect(preview.calls.total).toBe(preview.totalCalls);
    const order = preview.calls.items.find((c) => c.operation === 'importNumbersOrder');
    expect(order).toBeDefined();

    const wire = await e.call('plan.call', { draftId, key: order?.key ?? '' });
    expect(wire).toMatchObject({
      method: 'POST',
      path: '/v1/projects/{projectId}/hostingOrders:importNumbers',
      body: {
        regionCode: 'US',
        numbers: ['+12025550134', '+12025550136'],
        servicePlanId: PLAN,
        campaignId: 'C3O8OGA',
      },
    });
    // the named number: a single import, the one request that sends its name
    const named = preview.calls.items.find((c) => c.operation === 'importNumber');
    expect(await e.call('plan.call', { draftId, key: named?.key ?? '' })).toMatchObject({
      path: '/v1/projects/{projectId}/importedNumbers',
      body: { phoneNumber: '+12025550135', displayName: 'Front desk', regionCode: 'US' },
    });

    // a change since the preview: CONFLICT
    await e.call('intake.update', { draftId, name: 'Acme, renamed' });
    expect(await e.refusal('plan.commit', { draftId, revision: preview.revision })).toMatchObject({
      code: 'CONFLICT',
    });
    const again = await e.call('plan.preview', { draftId });
    if (!('revision' in again)) throw new Error('not a draft preview');
    const committed = await e.call('plan.commit', { draftId, revision: again.revision });
    expect(committed).toMatchObject({ created: true, jobCount: again.totalCalls });
    const twice = await e.call('plan.commit', { draftId, revision: again.revision });
    expect(twice).toMatchObject({ created: false, batchId: committed.batchId, jobCount: committed.jobCount });
    expect(await e.call('intake.get', { draftId })).toMatchObject({
      state: 'queued',
      batchId: committed.batchId,
    });
    expect(await e.refusal('intake.edit', { draftId, row: 2, original: '+12025550100' })).toMatchObject({
      code: 'CONFLICT',
    });
    const jobs = await e.call('jobs.list', { batchId: committed.batchId });
    expect(jobs.items).toHaveLength(committed.jobCount);
  });

  it('text-enable: the LOA profile a row names (or the list’s), its body exactly; campaign dropped for toll-free', async () => {
    const e = await start();
    const resellerInfo = {
      businessName: 'Acme, Inc.',
      authorisedPerson: { firstName: 'Ann', lastName: 'Lee', email: 'ann.lee@acme.example' },
      address: {
        buildingNumber: '1234',
        street: 'Main St',
        city: 'Chicago',
        state: 'IL',
        postalCode: '60601',
        country: 'US',
      },
      currentVoiceCarrier: 'TMO',
    };
    const acme = await e.call('loaProfiles.create', { label: 'Acme', kind: 'reseller', info: resellerInfo });
    const draftId = await loadRows(
      e,
      [
        row(2, '+12025550134', { fields: { loaProfile: 'acme' } }),
        row(3, '+18335870229'),
        row(4, '+12025550135', { fields: { loaProfile: 'Nobody' } }),
      ],
      'text-enable',
      { servicePlanId: PLAN, campaignId: 'C3O8OGA', loaProfileId: acme.id },
    );
    const preview = await e.call('plan.preview', { draftId });
    if (!('revision' in preview)) throw new Error('not a draft preview');
    expect(preview.excluded.items).toEqual([
      { row: 4, original: '+12025550135', reason: 'There is no saved LOA profile named "Nobody".' },
    ]);
    expect(preview.warnings.join(' ')).toMatch(/1 toll-free number has a campaign/);
    const standard = preview.calls.items.find((c) => c.operation === 'textEnableNumbers');
    expect(standard?.loa).toEqual({ type: 'reseller', profileId: acme.id });
    expect(standard?.dependsOn.length).toBe(1); // qualification first
    const body = (await e.call('plan.call', { draftId, key: standard?.key ?? '' })).body;
    expect(body).toEqual({
      regionCode: 'US',
      numbers: ['+12025550134'],
      servicePlanId: PLAN,
      displayName: expect.stringContaining(standard?.key ?? '?'),
      campaignId: 'C3O8OGA',
      resellerLoaInfo: resellerInfo,
    });
    const tollFree = preview.calls.items.find((c) => c.operation === 'textEnableTollFreeNumbers');
    const tfBody = (await e.call('plan.call', { draftId, key: tollFree?.key ?? '' })).body;
    expect(tfBody).not.toHaveProperty('campaignId');
    expect(tfBody).toMatchObject({ numbers: ['+18335870229'], resellerLoaInfo: resellerInfo });

    // queued, then the profile is edited: the queued call shows the copy its job will send (or sent)
    await e.call('plan.commit', { draftId, revision: preview.revision });
    const edited = { ...resellerInfo, businessName: 'Acme Renamed LLC' };
    await e.call('loaProfiles.update', { id: acme.id, patch: { info: edited } });
    const queued = (await e.call('plan.call', { draftId, key: standard?.key ?? '' })).body;
    expect(queued).toMatchObject({ numbers: ['+12025550134'], resellerLoaInfo: resellerInfo });
  });

  it('rows without a service plan are excluded with the reason; workspace defaults fill it', async () => {
    const e = await start();
    const draftId = await loadRows(e, [row(2, '+12025550134')]);
    const bare = await e.call('plan.preview', { draftId });
    if (!('excluded' in bare)) throw new Error('not a draft preview');
    expect(bare.excluded.items[0]?.reason).toMatch(/No service plan/);
    await e.call('workspaces.update', { id: 'sandbox', patch: { defaults: { servicePlanId: PLAN } } });
    const filled = await e.call('plan.preview', { draftId });
    expect(filled.acceptedRows).toBe(1);
  });

  it('qualify only: qualification calls alone, the invoice reminder, committed once; then duplicates by action', async () => {
    const e = await start();
    // queued for import earlier: no reason not to qualify it (duplicates depend on the action)
    await e.call('plan.commit', {
      rows: [{ phoneNumber: '+12025550136', action: 'import', servicePlanId: PLAN }],
      intentId: 'earlier',
      label: 'earlier',
    });
    const draftId = await loadRows(
      e,
      [row(2, '+12025550134'), row(3, '(202) 555-0135'), row(4, '+12025550136'), row(5, '+18335870229')],
      'qualify',
      { campaignId: 'C3O8OGA' },
    );
    expect((await e.call('intake.get', { draftId })).counts).toMatchObject({ valid: 3, fixed: 1 });
    const preview = await e.call('plan.preview', { draftId });
    if (!('revision' in preview)) throw new Error('not a draft preview');
    expect(preview.acceptedRows).toBe(4);
    expect(preview.excluded.total).toBe(0);
    expect(preview.calls.items.map((c) => [c.operation, c.numberCount, c.dependsOn])).toEqual([
      ['qualifyNumbers', 4, []],
    ]);
    expect(preview.warnings.join(' ')).toMatch(/e-mail the invoices for these numbers to orders@sinch\.com/);
    const wire = await e.call('plan.call', { draftId, key: preview.calls.items[0]?.key ?? '' });
    expect(wire).toMatchObject({
      method: 'POST',
      path: '/v1/projects/{projectId}/qualifiedNumbers:addNumbers',
      body: { phoneNumbers: ['+12025550134', '+12025550135', '+12025550136', '+18335870229'] },
    });
    const committed = await e.call('plan.commit', { draftId, revision: preview.revision });
    expect(committed).toMatchObject({ created: true });
    // the qualification is followed until Sinch decides, as a single qualification is: without the
    // follow-up its numbers would stay "qualifying" until something else read them
    const jobs = await e.call('jobs.list', { batchId: committed.batchId });
    expect(jobs.items.map((j) => j.task).sort()).toEqual(['awaitQualification', 'qualifyNumbers']);
    const add = jobs.items.find((j) => j.task === 'qualifyNumbers');
    const follow = await e.call('jobs.get', {
      id: jobs.items.find((j) => j.task === 'awaitQualification')?.id ?? 0,
    });
    expect(follow.dependsOn).toEqual([add?.id]);
    // committing again queues nothing more
    expect(await e.call('plan.commit', { draftId, revision: preview.revision })).toMatchObject({
      created: false,
    });
    expect((await e.call('jobs.list', { batchId: committed.batchId })).items).toHaveLength(2);
    // the numbers have their rows, like a single qualification's (the earlier import's row stays its own)
    const planned = await e.call('numbers.get', { phone: '+18335870229' });
    expect(planned).toMatchObject({ phone: '+18335870229', state: 'planned', tollFree: true });
    expect(await e.call('intake.get', { draftId })).toMatchObject({ state: 'queued' });

    // the same numbers again: queued for qualification → duplicate when qualifying, not when importing
    const again = await loadRows(e, [row(2, '+12025550134')], 'qualify');
    expect((await e.call('intake.rows', { draftId: again })).items[0]).toMatchObject({
      status: 'duplicate',
      reason: 'Already queued for qualification in this workspace.',
    });
    const importing = await loadRows(e, [row(2, '+12025550134')], 'import');
    expect((await e.call('intake.rows', { draftId: importing })).items[0]?.status).toBe('valid');
  });

  it('a real file through the pipeline and the chunked path, then queued', async () => {
    const e = await start();
    const file = generateMessyCsv({ seed: 50, rows: 460, variant: 'crlf' });
    const table = (await openIntake({ name: file.name, bytes: file.bytes })).table();
    const look = inspectTable(table);
    const draft = await e.call('intake.create', {
      name: file.name,
      action: 'import',
      values: { servicePlanId: PLAN },
    });
    const chunks = [
      ...readIntakeRows(table, {
        action: 'import',
        mapping: look.mapping!,
        headerRow: look.headerRow,
        maxChunkRows: 100,
      }),
    ];
    for (const [i, chunk] of chunks.entries())
      await e.call('intake.append', { draftId: draft.id, rows: chunk.rows, last: i === chunks.length - 1 });
    const ready = await e.call('intake.get', { draftId: draft.id });
    expect(ready.counts).toEqual(file.counts);
    const preview = await e.call('plan.preview', { draftId: draft.id });
    if (!('revision' in preview)) throw new Error('not a draft preview');
    const tollFree = file.expected.filter((r) => r.case === 'toll-free').length; // import refuses toll-free
    expect(preview.acceptedRows).toBe(file.counts.valid + file.counts.fixed - tollFree);
    const committed = await e.call('plan.commit', { draftId: draft.id, revision: preview.revision });
    expect(committed.created).toBe(true);
  });
});
