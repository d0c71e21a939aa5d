import { describe, expect, it } from 'vitest';
import type { ColumnInfo, IntakeSourceInfo } from '../../../../shared/domain/intake';
import {
  describeSource,
  headerChoices,
  mappingFromRoles,
  roleOptions,
  layoutKey,
  MAX_SAVED_LAYOUTS,
  rememberedRoles,
  rolesForAction,
  rolesFromMapping,
  setRole,
  stepsFor,
  withRemembered,
} from './intake-flow';

const info = (over: Partial<IntakeSourceInfo> = {}): IntakeSourceInfo => ({
  name: 'numbers.csv',
  format: 'csv',
  size: 1_258_291,
  encoding: 'windows-1252',
  delimiter: ';',
  sheets: [],
  ...over,
});
const column = (index: number, header: string): ColumnInfo => ({
  index,
  header,
  label: header,
  samples: [],
  phoneShare: 0,
  headerRole: null,
});

describe('intake flow', () => {
  it('asks for the sheet only when a workbook has several', () => {
    expect(stepsFor(info())).toEqual(['action', 'header', 'columns', 'read']);
    expect(stepsFor(info({ format: 'xlsx', sheets: ['Numbers', 'Help'] }))).toContain('sheet');
    expect(stepsFor(info({ format: 'xlsx', sheets: ['Numbers'] }))).not.toContain('sheet');
  });

  it('describes the file in words', () => {
    expect(describeSource(info())).toBe('numbers.csv · CSV, 1.2 MB, semicolons, Windows-1252');
    expect(
      describeSource(info({ format: 'paste', name: 'Pasted list', encoding: null, delimiter: null })),
    ).toBe('Pasted list · pasted list');
  });

  it('offers "no header" and each of the first rows by spreadsheet number', () => {
    const choices = headerChoices([['Customer list March'], [], ['Name', 'Phone', 'Notes']]);
    expect(choices.map((c) => [c.index, c.label])).toEqual([
      [-1, 'No header row: the first row is already a number'],
      [0, 'Row 1: Customer list March'],
      [1, 'Row 2: (blank)'],
      [2, 'Row 3: Name · Phone · Notes'],
    ]);
  });

  it('offers the roles of the action only', () => {
    const ids = (a: 'import' | 'qualify' | 'text-enable') => roleOptions(a).map((o) => o.id);
    expect(ids('qualify')).toEqual(['ignore', 'phoneNumber', 'areaCode', 'regionCode']);
    expect(ids('text-enable')).toContain('loaProfile');
    expect(ids('import')).not.toContain('loaProfile');
  });

  it('round-trips a mapping; a role moves off the column that had it', () => {
    const columns = [column(0, 'Name'), column(1, 'Area'), column(2, 'Phone'), column(3, 'Plan')];
    const mapping = { phone: 2, areaCode: 1, fields: { servicePlanId: 3 } };
    const roles = rolesFromMapping(mapping, columns);
    expect(roles).toEqual({ 0: 'ignore', 1: 'areaCode', 2: 'phoneNumber', 3: 'servicePlanId' });
    expect(mappingFromRoles(roles)).toEqual({ ok: true, mapping });
    const moved = setRole(roles, 0, 'phoneNumber');
    expect(moved).toEqual({ 0: 'phoneNumber', 1: 'areaCode', 2: 'ignore', 3: 'servicePlanId' });
    expect(mappingFromRoles(setRole(roles, 2, 'ignore'))).toEqual({
      ok: false,
      message: 'Phone number: choose the column that holds the numbers.',
    });
    expect(rolesFromMapping(null, columns)).toEqual({ 0: 'ignore', 1: 'ignore', 2: 'ignore', 3: 'ignore' });
  });

  it('remembers the chosen columns per layout, and applies them only while their columns exist', () => {
    const columns = [column(0, 'A'), column(4, 'E')];
    const saved = withRemembered({}, 'k', { 0: 'phoneNumber', 1: 'ignore', 4: 'campaignId' });
    expect(saved).toEqual({ k: { 0: 'phoneNumber', 4: 'campaignId' } });
    expect(rememberedRoles(saved, 'k', columns)).toEqual({ 0: 'phoneNumber', 4: 'campaignId' });
    expect(rememberedRoles(saved, 'k', [column(0, 'A')])).toBeUndefined();
    expect(rememberedRoles(saved, 'other', columns)).toBeUndefined();
    expect(rememberedRoles({ k: { 0: 'somethingElse' } }, 'k', columns)).toBeUndefined();
    // columns the saved mapping leaves out are not used, even where a suggestion would have used them
    expect(rememberedRoles({ k: { 4: 'phoneNumber' } }, 'k', columns)).toEqual({
      0: 'ignore',
      4: 'phoneNumber',
    });
  });

  it('keeps the latest layouts, the one just used last', () => {
    let saved = {};
    for (let i = 0; i < MAX_SAVED_LAYOUTS + 5; i++)
      saved = withRemembered(saved, `k${i}`, { 0: 'phoneNumber' });
    saved = withRemembered(saved, 'k10', { 1: 'phoneNumber' });
    const keys = Object.keys(saved);
    expect(keys).toHaveLength(MAX_SAVED_LAYOUTS);
    expect(keys[0]).toBe('k5'); // k0…k4 went when k50…k54 came
    expect(keys.at(-1)).toBe('k10');
    expect((saved as Record<string, unknown>).k10).toEqual({ 1: 'phoneNumber' });
  });

  it('shows roles the action does not offer as not used', () => {
    const roles = { 0: 'phoneNumber', 1: 'servicePlanId', 2: 'loaProfile' } as const;
    expect(rolesForAction(roles, 'qualify')).toEqual({ 0: 'phoneNumber', 1: 'ignore', 2: 'ignore' });
    expect(rolesForAction(roles, 'text-enable')).toEqual(roles);
  });
});

describe('layoutKey: the file shape a mapping is remembered for', () => {
  const table = (
    headers: string[],
    over: { format?: string; sheet?: string | null; headerRow?: number } = {},
  ) => ({
    format: over.format ?? 'csv',
    sheet: over.sheet ?? null,
    headerRow: over.headerRow ?? 0,
    columns: headers.map((h, i) => column(i, h)),
  });
  const key = layoutKey(table(['Customer', 'Phone Number', 'Plan code']));

  it('is the normalised header row: case, accents, spaces and punctuation do not matter', () => {
    expect(layoutKey(table(['customer ', 'PHONE_NUMBER', 'plan-code']))).toBe(key);
    expect(layoutKey(table(['Numéro', 'Plan']))).toBe(layoutKey(table(['numero', 'plan'])));
    // where the header sits (title rows above it) and blank trailing header cells do not count
    expect(layoutKey(table(['Customer', 'Phone Number', 'Plan code', ''], { headerRow: 3 }))).toBe(key);
    // a CSV and a TSV export of the same sheet are the same layout
    expect(layoutKey(table(['Customer', 'Phone Number', 'Plan code'], { format: 'tsv' }))).toBe(key);
  });

  it('differs when the columns differ, by name or by order', () => {
    expect(layoutKey(table(['Customer', 'Phone Number', 'Plan']))).not.toBe(key);
    expect(layoutKey(table(['Phone Number', 'Customer', 'Plan code']))).not.toBe(key);
    expect(layoutKey(table(['Customer', 'Phone Number']))).not.toBe(key);
  });

  it('adds the sheet name for a workbook', () => {
    const xlsx = (sheet: string) =>
      layoutKey(table(['Customer', 'Phone Number', 'Plan code'], { format: 'xlsx', sheet }));
    expect(xlsx('March')).not.toBe(key);
    expect(xlsx('March')).toBe(xlsx(' march'));
    expect(xlsx('March')).not.toBe(xlsx('April'));
  });

  it('without a header row, is the column count', () => {
    const bare = (n: number) =>
      layoutKey(
        table(
          Array.from({ length: n }, () => ''),
          { headerRow: -1 },
        ),
      );
    expect(bare(2)).toBe(bare(2));
    expect(bare(2)).not.toBe(bare(3));
    expect(bare(1)).not.toBe(layoutKey(table(['Phone'])));
  });

  it('fits the setting (keys of at most 200 characters)', () => {
    const wide = layoutKey(table(Array.from({ length: 300 }, (_, i) => `Column with a long name ${i}`)));
    expect(wide.length).toBeLessThanOrEqual(200);
    expect(wide).toMatch(/^layout-300-[0-9a-f]{8}$/);
  });
});
