import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { countsLine, csvCell, filterStatuses, nextStep, problemsCsv, rowWords } from './draft-view';

describe('draft review', () => {
  it('filters by status words the URL can carry', () => {
    expect(filterStatuses('all')).toBeUndefined();
    expect(filterStatuses('errors')).toEqual(['error']);
    expect(filterStatuses('problems')).toEqual(['error', 'duplicate']);
  });

  it('shows the number as written next to what it becomes, and why', () => {
    expect(
      rowWords({
        row: 3,
        original: '202.555.0134 x12',
        e164: '+12025550134',
        status: 'fixed',
        reason: null,
        extension: '12',
      }),
    ).toEqual({ normalised: '+12025550134', status: 'Fixed spelling', why: 'Extension 12 removed.' });
    expect(
      rowWords({
        row: 4,
        original: '555',
        e164: null,
        status: 'error',
        reason: 'Too short.',
        extension: null,
      }),
    ).toEqual({ normalised: '—', status: 'Needs a fix', why: 'Too short.' });
  });

  it('counts and the next step in words', () => {
    const counts = { valid: 4000, fixed: 200, duplicate: 300, error: 1 };
    expect(countsLine(counts)).toBe('4,200 ready · 300 duplicates · 1 needs a fix');
    expect(nextStep(counts).action).toBe('fix');
    expect(nextStep({ ...counts, error: 0 })).toEqual({
      action: 'plan',
      text: 'Every row reads as a number. Review the plan to see the exact calls and anything left out.',
    });
  });

  it('exports problems as a CSV that reads back as written, formulas defused', () => {
    const rows = [
      {
        row: 7,
        original: '"202" 555,01',
        e164: null,
        status: 'error' as const,
        reason: 'Too short,\nretype it.',
        extension: null,
      },
      {
        row: 9,
        original: '=HYPERLINK("x")',
        e164: null,
        status: 'error' as const,
        reason: 'Not a number.',
        extension: null,
      },
    ];
    const parsed = Papa.parse<string[]>(problemsCsv(rows), { skipEmptyLines: true }).data;
    expect(parsed).toEqual([
      ['Row', 'Phone number as written', 'Status', 'What to fix'],
      ['7', '"202" 555,01', 'Needs a fix', 'Too short,\nretype it.'],
      ['9', `'=HYPERLINK("x")`, 'Needs a fix', 'Not a number.'],
    ]);
    expect(csvCell('+1 (202) 555-0134')).toBe('+1 (202) 555-0134');
    expect(csvCell('+cmd|calc')).toBe("'+cmd|calc");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});
