import { describe, expect, it } from 'vitest';
import { DeskFailure } from '../../../shared/contract';
import { validateInput } from '../../../shared/contract/dispatch';
import type { PlanRow } from '../../../shared/domain/planner';
import { loaResolver } from './job-copies';
import { planWithLoaProfiles } from './plan-check';
import {
  createProfile,
  deleteProfile,
  getProfile,
  listProfiles,
  profileKind,
  updateProfile,
} from './profiles';
import { DIRECT_LOA, LOA_ADDRESS, LOA_PERSON, migratedDbPerTest, RESELLER_LOA } from './test-fixtures';

const person = LOA_PERSON;
const address = LOA_ADDRESS;
const direct = DIRECT_LOA;
const reseller = RESELLER_LOA;

const db = migratedDbPerTest('hd-loa-');

const failure = (fn: () => unknown): DeskFailure => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DeskFailure) return error;
    throw error;
  }
  throw new Error('expected a DeskFailure');
};
const createInput = (input: unknown) => validateInput('loaProfiles.create', input);

describe('LOA profiles: create, read, validation', () => {
  it('stores exactly the §6.8 fields and reads them back', () => {
    const p = createProfile(db(), { label: 'Acme', kind: 'reseller', info: reseller }, Date.UTC(2026, 0, 1));
    expect(p).toMatchObject({ label: 'Acme', kind: 'reseller', info: reseller });
    expect(p.id).toMatch(/^loa-[0-9a-f]{12}$/);
    expect(p.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(getProfile(db(), p.id)).toEqual(p);
    // what is stored is the wire object itself, leading zero of the postal code kept
    const stored = db().prepare('SELECT info FROM loa_profiles WHERE id = ?').pluck().get(p.id) as string;
    expect(JSON.parse(stored)).toEqual(reseller);
    expect(getProfile(db(), 'loa-nope')).toBeNull();
  });

  it('the contract refuses a bad email, unknown fields, and info of the other kind', () => {
    expect(createInput({ label: 'Own', kind: 'direct', info: direct }).ok).toBe(true);
    expect(createInput({ label: 'Acme', kind: 'reseller', info: reseller }).ok).toBe(true);
    const bad = [
      {
        label: 'x',
        kind: 'direct',
        info: { ...direct, authorisedPerson: { ...person, email: 'jane at acme' } },
      },
      { label: 'x', kind: 'direct', info: { ...direct, voiceCarrier: 'Verizon' } }, // unknown top-level key
      { label: 'x', kind: 'direct', info: { ...direct, address: { ...address, zip: '1' } } }, // nested unknown
      // the US spelling is not the wire key (§6.8)
      { label: 'x', kind: 'direct', info: { address, currentVoiceCarrier: 'V', authorizedPerson: person } },
      { label: 'x', kind: 'direct', info: reseller }, // reseller info on a direct profile
      { label: 'x', kind: 'reseller', info: direct }, // direct info on a reseller profile
      { label: 'x', kind: 'blanket', info: {} },
      { label: 'x', kind: 'direct', info: direct, extra: true },
      { label: '  ', kind: 'direct', info: direct },
      { label: 'x', kind: 'direct', info: { ...direct, currentVoiceCarrier: '' } },
    ];
    for (const input of bad) expect(createInput(input).ok, JSON.stringify(input)).toBe(false);
  });

  it('the store checks again on write (callers other than the contract)', () => {
    expect(failure(() => createProfile(db(), { label: 'x', kind: 'reseller', info: direct }, 0)).code).toBe(
      'VALIDATION',
    );
    const badEmail = { ...direct, authorisedPerson: { ...person, email: 'nope' } };
    expect(failure(() => createProfile(db(), { label: 'x', kind: 'direct', info: badEmail }, 0)).code).toBe(
      'VALIDATION',
    );
    expect(
      failure(() => createProfile(db(), { label: 'x', kind: 'direct', info: { ...direct, more: 1 } }, 0))
        .code,
    ).toBe('VALIDATION');
    expect(db().prepare('SELECT count(*) FROM loa_profiles').pluck().get()).toBe(0);
  });

  it('update: label and whole info; the kind never changes; labels are unique', () => {
    const own = createProfile(db(), { label: 'Own', kind: 'direct', info: direct }, 1_000);
    createProfile(db(), { label: 'Acme', kind: 'reseller', info: reseller }, 1_000);
    const moved = { ...direct, currentVoiceCarrier: 'TMO' };
    const updated = updateProfile(db(), own.id, { info: moved, label: 'Own (TMO)' }, 2_000);
    expect(updated).toMatchObject({ label: 'Own (TMO)', kind: 'direct', info: moved });
    expect(updated.updatedAt).toBe(new Date(2_000).toISOString());
    expect(updated.createdAt).toBe(new Date(1_000).toISOString());
    expect(failure(() => updateProfile(db(), own.id, { info: reseller }, 3_000)).code).toBe('VALIDATION');
    expect(failure(() => updateProfile(db(), own.id, { label: 'ACME' }, 3_000)).code).toBe('CONFLICT');
    expect(
      failure(() => createProfile(db(), { label: 'acme', kind: 'reseller', info: reseller }, 0)).code,
    ).toBe('CONFLICT');
    expect(failure(() => updateProfile(db(), 'loa-missing', { label: 'x' }, 0)).code).toBe('NOT_FOUND');
    expect(getProfile(db(), own.id)?.info).toEqual(moved);
  });
});

describe('LOA profiles: list', () => {
  it('pages by label with a cursor, filters by kind and text', () => {
    const labels = ['delta', 'Alpha', 'echo', 'charlie', 'Bravo', 'golf', 'foxtrot'];
    labels.forEach((label, i) => {
      createProfile(
        db(),
        i % 2 === 0
          ? { label, kind: 'direct', info: direct }
          : {
              label,
              kind: 'reseller',
              info: {
                ...reseller,
                businessName: `Business ${label}`,
                authorisedPerson: { ...person, email: `${label}@x.example` },
              },
            },
        i,
      );
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    const sizes: number[] = [];
    do {
      const page = listProfiles(db(), {}, { limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.total).toBe(7);
      sizes.push(page.items.length);
      seen.push(...page.items.map((p) => p.label));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(['Alpha', 'Bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf']);

    const resellers = listProfiles(db(), { kind: 'reseller' }, { limit: 100 });
    expect(resellers.items.map((p) => p.label)).toEqual(['Alpha', 'charlie', 'golf']);
    expect(resellers.total).toBe(3);
    expect(listProfiles(db(), { text: 'business ch' }, { limit: 100 }).items.map((p) => p.label)).toEqual([
      'charlie',
    ]);
    expect(listProfiles(db(), { text: 'GOLF@x' }, { limit: 100 }).items.map((p) => p.label)).toEqual([
      'golf',
    ]);
    expect(listProfiles(db(), { text: 'jane roe' }, { limit: 100 }).total).toBe(7);
    expect(listProfiles(db(), { text: '%' }, { limit: 100 }).total).toBe(0); // literal, not a wildcard
    expect(failure(() => listProfiles(db(), {}, { limit: 3, cursor: 'garbage' })).code).toBe('VALIDATION');
  });
});

describe('LOA profiles: delete and the resolver', () => {
  const addJob = (key: string, state: string, payload: unknown) =>
    db()
      .prepare(
        `INSERT INTO jobs (queue, task, job_key, payload, state, run_at, created_at, updated_at) VALUES ('q', 'textEnableNumbers', ?, ?, ?, 0, 0, 0) RETURNING id`,
      )
      .pluck()
      .get(key, JSON.stringify(payload), state) as number;

  it('refuses while an unfinished job names the profile, allows it once none does', () => {
    const p = createProfile(db(), { label: 'Acme', kind: 'reseller', info: reseller }, 0);
    const other = createProfile(db(), { label: 'Other', kind: 'reseller', info: reseller }, 0);
    const job = addJob('t1', 'waiting_remote', { loaProfileId: p.id, loaType: 'reseller', numbers: [] });
    addJob('t2', 'done', { loaProfileId: other.id, loaType: 'reseller', numbers: [] });
    const refused = failure(() => deleteProfile(db(), p.id));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.details).toEqual({ jobIds: [job] });
    for (const state of ['pending', 'running']) {
      db().prepare('UPDATE jobs SET state = ? WHERE id = ?').run(state, job);
      expect(failure(() => deleteProfile(db(), p.id)).code).toBe('CONFLICT');
    }
    db().prepare(`UPDATE jobs SET state = 'cancelled' WHERE id = ?`).run(job);
    expect(deleteProfile(db(), p.id)).toEqual({ id: p.id });
    expect(deleteProfile(db(), other.id)).toEqual({ id: other.id }); // only a finished job named it
    expect(failure(() => deleteProfile(db(), p.id)).code).toBe('NOT_FOUND');
  });

  it('resolves the saved info for its own kind only', () => {
    const own = createProfile(db(), { label: 'Own', kind: 'direct', info: direct }, 0);
    const acme = createProfile(db(), { label: 'Acme', kind: 'reseller', info: reseller }, 0);
    const loa = loaResolver(db());
    expect(loa(own.id, 'direct')).toEqual({ kind: 'direct', info: direct });
    expect(loa(acme.id, 'reseller')).toEqual({ kind: 'reseller', info: reseller });
    expect(loa(own.id, 'reseller')).toBeNull();
    expect(loa(acme.id, 'direct')).toBeNull();
    expect(loa('loa-missing', 'direct')).toBeNull();
    expect(profileKind(db(), acme.id)).toBe('reseller');
    expect(profileKind(db(), 'loa-missing')).toBeNull();
  });
});

describe('plan check', () => {
  it('rejects rows with a missing or wrong-kind profile at their own index; the rest plans as usual', () => {
    const own = createProfile(db(), { label: 'Own', kind: 'direct', info: direct }, 0);
    const plan = '07d6c2621f364b68856fe4938b7bb78f';
    const te = (phoneNumber: string, loaType: PlanRow['loaType'], loaProfileId?: string): PlanRow => ({
      phoneNumber,
      action: 'text-enable',
      servicePlanId: plan,
      loaType,
      ...(loaProfileId ? { loaProfileId } : {}),
    });
    const rows: PlanRow[] = [
      te('+12025550100', 'direct', own.id),
      te('+12025550101', 'direct', 'loa-missing'),
      te('not a number', 'direct', own.id),
      te('+12025550103', 'reseller', own.id),
      te('+12025550104', 'blanket', 'loa-missing'), // blanket ignores the profile
      te('+12025550100', 'direct', own.id), // duplicate of row 0
    ];
    const result = planWithLoaProfiles(rows, { intentId: 'x' }, (id) => profileKind(db(), id));
    expect(result.rejected.map((r) => r.index)).toEqual([1, 2, 3, 5]);
    expect(result.rejected[0]?.reason).toBe('LOA profile loa-missing not found in this workspace.');
    expect(result.rejected[2]?.reason).toMatch(new RegExp(`${own.id} is a direct profile`));
    expect(result.rejected[3]?.reason).toMatch(/more than once/);
    expect(result.acceptedRows).toBe(2);
    const textEnables = result.calls.filter((c) => c.operation === 'textEnableNumbers');
    expect(textEnables.map((c) => [c.loaType, c.numbers])).toEqual([
      ['direct', ['+12025550100']],
      ['blanket', ['+12025550104']],
    ]);
    // no database open: nothing is checked
    expect(planWithLoaProfiles(rows, { intentId: 'x' }, null).rejected.map((r) => r.index)).toEqual([2, 5]);
  });
});
