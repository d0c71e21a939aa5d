import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FAILURE_CODE_STEPS,
  HOSTING_ORDER_STATE_STEPS,
  NEXT_ACTIONS,
  NUMBER_STATE_WORDS,
  nextStepOf,
  QUALIFICATION_STATE_STEPS,
  STEP_STATE_STEPS,
} from '../../shared/domain/next-steps';
import { NUMBER_STATES } from '../../shared/domain/tasks';
import {
  CALLBACK_FAILURE_CODES,
  GLOBAL_PROCESS_STATES,
  HOSTING_ORDER_STATES,
  STEP_STATES,
} from '../../shared/sinch/enums';

/**
 * Issue 9 defect 5: one table maps each state and failure code of REFERENCE.md §7–§8 to plain words and a
 * next step. Complete against the reference's own lists (parsed from its §7.1 enum table), and against
 * the shared enums the engine parses Sinch's answers with.
 */

/** The team's reference, found from the repository upwards (it lives beside the checkouts, not in them). */
function findReference(): string | null {
  let dir = resolve(import.meta.dirname, '../..');
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'shared/sinch-api/REFERENCE.md');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return null;
}

/** The backticked values of one row of the §7.1 enum table, by its first cell. */
function referenceList(text: string, rowName: RegExp): string[] {
  const row = text.split('\n').find((line) => line.startsWith('|') && rowName.test(line.split('|')[1] ?? ''));
  if (!row) throw new Error(`REFERENCE.md §7.1 has no row ${rowName}`);
  const values = row.split('|')[2] ?? '';
  return [...values.matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1] as string);
}

const TABLES: Array<[string, Record<string, { words: string; next: string | null }>, readonly string[]]> = [
  ['hosting order states', HOSTING_ORDER_STATE_STEPS, HOSTING_ORDER_STATES],
  ['qualification states', QUALIFICATION_STATE_STEPS, GLOBAL_PROCESS_STATES],
  ['step states', STEP_STATE_STEPS, STEP_STATES],
  ['failure codes', FAILURE_CODE_STEPS, CALLBACK_FAILURE_CODES],
];

describe('next steps: one table of words for every Sinch state and failure code', () => {
  const reference = findReference();

  it.runIf(reference !== null)('the shared enums hold exactly the reference’s lists (§7.1)', () => {
    const text = readFileSync(reference as string, 'utf8');
    expect([...HOSTING_ORDER_STATES].sort()).toEqual(referenceList(text, /`HostingOrderState`/).sort());
    expect([...GLOBAL_PROCESS_STATES].sort()).toEqual(referenceList(text, /`GlobalProcessState`/).sort());
    expect([...STEP_STATES].sort()).toEqual(referenceList(text, /^\s*`State`\s*$/).sort());
    expect([...CALLBACK_FAILURE_CODES].sort()).toEqual(referenceList(text, /Callback `failureCode`/).sort());
  });

  it.each(TABLES)(
    '%s: every value has words and no enum name, document reference or empty step',
    (_, table, values) => {
      expect(Object.keys(table).sort()).toEqual([...values].sort());
      for (const value of values) {
        const step = table[value];
        expect(step?.words, value).toMatch(/^[A-Z][a-z ]/);
        for (const text of [step?.words ?? '', step?.next ?? ''])
          expect(text, value).not.toMatch(/[A-Z]{2,}_[A-Z]|REFERENCE|§|\.md\b/);
      }
    },
  );

  it('failures and things to do always say what to do next; action ids are the app’s', () => {
    for (const [, table] of TABLES)
      for (const step of Object.values(table) as unknown as Array<{
        tone: string;
        next: string | null;
        action?: string;
      }>) {
        if (step.tone === 'failed' || step.tone === 'needs-action') expect(step.next).toBeTruthy();
        if (step.action) expect(NEXT_ACTIONS).toContain(step.action);
      }
    expect(Object.keys(NUMBER_STATE_WORDS).sort()).toEqual([...NUMBER_STATES].sort());
  });

  it('an unknown value gets a neutral line, never its raw name', () => {
    expect(nextStepOf('GLOBAL_PROCESS_STATE_ELIGIBLE').words).toBe('Eligible for text-enablement');
    expect(nextStepOf('SOMETHING_NEW').words).not.toMatch(/SOMETHING_NEW/);
  });
});
