import { describe, expect, it } from 'vitest';
import { createPhoneCellReader } from './phone-cell';
import { decideRowStatus, type KnownNumber, type StatusInput } from './status';

const read = createPhoneCellReader();
const E = '+12025550134';
const known = (over: Partial<KnownNumber>): KnownNumber => ({
  imported: false,
  qualified: false,
  hosting: false,
  queued: [],
  ...over,
});
const decide = (cell: string, extra: Partial<StatusInput> = {}) =>
  decideRowStatus({ cell, reading: read(cell), action: 'import', ...extra });

describe('decideRowStatus: error > duplicate > fixed > valid', () => {
  it('valid only when the trimmed cell is already E.164', () => {
    expect(decide(E)).toEqual({ status: 'valid', reason: null, skipsQualification: false });
    expect(decide(`  ${E}\t`).status).toBe('valid');
    for (const other of [
      '(202) 555-0134',
      '202-555-0134',
      '12025550134',
      '+1 202 555 0134',
      'tel:+12025550134',
    ])
      expect(decide(other)).toMatchObject({ status: 'fixed', reason: null });
  });

  it('an extension makes the row fixed and says it was removed', () => {
    const d = decide(`${E} x12`);
    expect(d.status).toBe('fixed');
    expect(d.reason).toContain('Extension 12 removed');
  });

  it('an unreadable number is an error with its reason, whatever else is true', () => {
    const d = decide('2.02555014E+09', { firstRow: 3, lookup: () => known({ imported: true }) });
    expect(d.status).toBe('error');
    expect(d.reason).toMatch(/scientific notation.*digits were lost/);
  });

  it('a problem in another field is an error naming it, before duplicates', () => {
    const d = decide(E, { fieldProblems: ['Region: write US or CA.'], firstRow: 2 });
    expect(d).toMatchObject({ status: 'error', reason: 'Region: write US or CA.' });
  });

  it('a later occurrence within the file is a duplicate naming the first row', () => {
    expect(decide('202-555-0134', { firstRow: 7 })).toMatchObject({
      status: 'duplicate',
      reason: 'The same number as row 7; only the first is kept.',
    });
  });

  it('workspace duplicates depend on the action', () => {
    const imported = () => known({ imported: true });
    expect(decide(E, { action: 'import', lookup: imported }).status).toBe('duplicate');
    expect(decide(E, { action: 'qualify', lookup: imported }).status).toBe('valid');
    expect(decide(E, { action: 'text-enable', lookup: imported }).status).toBe('valid');

    const qualified = () => known({ qualified: true });
    expect(decide(E, { action: 'qualify', lookup: qualified }).reason).toBe(
      'Already qualified in this workspace.',
    );
    expect(decide(E, { action: 'import', lookup: qualified }).status).toBe('valid');

    const hosting = () => known({ hosting: true, qualified: true });
    expect(decide(E, { action: 'text-enable', lookup: hosting }).status).toBe('duplicate');

    const queued = () => known({ queued: ['text-enable'] });
    expect(decide(E, { action: 'text-enable', lookup: queued }).reason).toBe(
      'Already queued for text-enabling in this workspace.',
    );
    expect(decide(E, { action: 'import', lookup: queued }).status).toBe('valid');
    expect(decide(E, { action: 'import', lookup: () => known({ queued: ['import'] }) }).reason).toBe(
      'Already queued for import in this workspace.',
    );
  });

  it('an already-qualified number to text-enable stays valid (or fixed) and skips qualification', () => {
    const qualified = () => known({ qualified: true });
    expect(decide(E, { action: 'text-enable', lookup: qualified })).toEqual({
      status: 'valid',
      reason: null,
      skipsQualification: true,
    });
    expect(decide('202 555 0134', { action: 'text-enable', lookup: qualified })).toMatchObject({
      status: 'fixed',
      skipsQualification: true,
    });
    expect(decide(E, { action: 'text-enable' }).skipsQualification).toBe(false);
  });

  it('the lookup is asked with the normalised number', () => {
    const asked: string[] = [];
    decide('(202) 555-0134', {
      lookup: (e164) => {
        asked.push(e164);
        return undefined;
      },
    });
    expect(asked).toEqual([E]);
  });
});
