import { describe, expect, it } from 'vitest';
import type { ColumnInfo, IntakeSourceInfo } from '../../../../shared/domain/intake';
import {
  applyRemembered,
  describeSource,
  headerChoices,
  mappingFromRoles,
  roleOptions,
  rolesFromMapping,
  sessionMappingMemory,
  setRole,
  stepsFor,
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

  it('remembers a corrected mapping per file shape, and applies it only while its columns exist', () => {
    const memory = sessionMappingMemory();
    memory.set('sig', { 0: 'phoneNumber', 4: 'campaignId' });
    expect(applyRemembered(memory.get('sig'), [column(0, 'A'), column(4, 'E')])).toEqual({
      0: 'phoneNumber',
      4: 'campaignId',
    });
    expect(applyRemembered(memory.get('sig'), [column(0, 'A')])).toBeUndefined();
    expect(memory.get('other')).toBeUndefined();
  });
});
