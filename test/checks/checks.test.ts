import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeViolation, tableViolations } from './table-owners';
import { duplicateTypeNames } from './type-names';

/**
 * The naming and table-ownership checks of issue 9, each with a fixture that must make it fail
 * (like the dependency rules in test/deps), so a check that silently stops finding things is caught.
 */
const repo = resolve(import.meta.dirname, '../..');
const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);

describe('exported type names are unique (electron, shared, renderer)', () => {
  it('holds for the codebase', () => {
    expect(duplicateTypeNames(repo)).toEqual([]);
  });
  it('fails on a fixture with two exported types of one name', () => {
    expect(duplicateTypeNames(fixture('duplicate-type'))).toEqual([
      { name: 'Thing', files: ['electron/first.ts', 'renderer/second.ts'] },
    ]);
  });
});

describe('each table is touched only by its owner module', () => {
  it('holds for the codebase', () => {
    expect(tableViolations(repo).map(describeViolation)).toEqual([]);
  });
  it('fails on SQL outside the owner, naming file and table', () => {
    expect(tableViolations(fixture('foreign-sql'))).toEqual([
      { file: 'electron/core/sync/tasks.ts', table: 'numbers', reason: 'not-owner' },
    ]);
  });
  it('fails on a table without an owner', () => {
    expect(tableViolations(fixture('unowned-table'))).toEqual([
      { file: 'electron/core/store/migrations/009-extra.ts', table: 'extras', reason: 'no-owner' },
    ]);
  });
});
