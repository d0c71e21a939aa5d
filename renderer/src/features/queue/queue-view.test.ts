import { describe, expect, it } from 'vitest';
import { JOB_STATES, type JobStateName } from '../../../../shared/contract';
import {
  amendableFields,
  batchView,
  errorView,
  fieldLabel,
  filterCount,
  jobActions,
  jobStateView,
  nextRunLabel,
  REFUSED_BY_FIELD,
} from './queue-view';

const NOW = Date.parse('2026-01-05T09:00:00Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();
const time = (iso: string) => iso.slice(11, 19);
const counts = (over: Partial<Record<JobStateName, number>> = {}) => ({
  ...(Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobStateName, number>),
  ...over,
});

describe('queue view', () => {
  it('words every state in the one vocabulary, and a blocked job as waiting on its predecessor', () => {
    const view = (state: JobStateName, blocked = false, lastError: { message: string } | null = null) =>
      jobStateView({ state, blocked, lastError: lastError && { ...lastError, status: 500, details: null } });
    for (const state of JOB_STATES) expect(view(state).label).not.toMatch(/_/);
    expect(view('dead')).toEqual({ tone: 'failed', label: 'Gave up after retries' });
    expect(view('failed')).toEqual({ tone: 'failed', label: 'Refused by Sinch' });
    expect(view('pending', true).label).toBe('Waiting on earlier step');
    expect(view('pending', false, { message: 'boom' })).toEqual({ tone: 'action', label: 'Will retry' });
  });

  it('says when a job runs next', () => {
    const job = (state: JobStateName, ms: number, blocked = false) => ({ state, runAt: at(ms), blocked });
    expect(nextRunLabel(job('done', 0), NOW, time)).toBe('—');
    expect(nextRunLabel(job('pending', -5), NOW, time)).toBe('now');
    expect(nextRunLabel(job('pending', 30_000), NOW, time)).toBe('in 30 s');
    expect(nextRunLabel(job('failed', 30_000), NOW, time)).toBe('—');
    expect(nextRunLabel(job('waiting_remote', 5 * 60_000), NOW, time)).toBe('in 5 min');
    expect(nextRunLabel(job('pending', 2 * 3_600_000), NOW, time)).toBe('at 11:00:00');
    expect(nextRunLabel(job('pending', 0, true), NOW, time)).toBe('after the earlier step');
  });

  it('puts the API field violations of a refusal by field, in words', () => {
    const view = errorView({
      message: 'Invalid argument.',
      status: 400,
      details: {
        apiStatus: 'INVALID_ARGUMENT',
        fieldViolations: [
          { field: 'smsConfiguration.campaignId', description: 'Campaign does not exist' },
          { field: 'numbers[2].phoneNumber', description: 'Not a valid E.164 number' },
          { nonsense: true },
        ],
      },
    });
    // the fields say what was wrong: Sinch's generic message is not repeated above them
    expect(view?.summary).toBe(REFUSED_BY_FIELD);
    // a wrong service plan or campaign is changed in the job's dialog; Retry alone changes nothing
    expect(REFUSED_BY_FIELD).toMatch(/service plan or campaign ID can be changed here/);
    expect(REFUSED_BY_FIELD).toMatch(/Retry sends it unchanged/);
    expect(view?.fields).toEqual([
      {
        field: 'Campaign ID',
        problem: 'Campaign does not exist',
        fix: 'Correct it below under “Change and send again” (empty sends no campaign). For the next batches, correct it in the rows or Settings → Defaults for new orders.',
      },
      {
        field: 'Phone number (item 3)',
        problem: 'Not a valid E.164 number',
        fix: 'The number comes from its row in Bring numbers.',
      },
    ]);
    // without field details, Sinch's own words are all there is
    expect(errorView({ message: 'Invalid argument.', status: 400, details: null })?.summary).toBe(
      'Sinch refused the request as invalid. Sinch said: “Invalid argument”.',
    );
    // a field we have no advice for still names the field
    expect(
      errorView({
        message: 'x',
        status: 400,
        details: { fieldViolations: [{ field: 'somethingNew', description: 'Bad' }] },
      })?.fields,
    ).toEqual([{ field: 'Something new', problem: 'Bad' }]);
    expect(errorView(null)).toBeNull();
    expect(errorView({ message: 'socket hang up', status: null, details: null })).toEqual({
      summary: 'socket hang up',
      fields: [],
    });
    expect(errorView({ message: 'x', status: 503, details: null })?.summary).toMatch(/sent again by itself/);
    expect(fieldLabel('someNewField')).toBe('Some new field');
  });

  it('offers Retry for finished-badly jobs and Cancel for those not yet finished', () => {
    expect(jobActions({ state: 'dead' })).toEqual({ retry: true, cancel: false });
    expect(jobActions({ state: 'failed' })).toEqual({ retry: true, cancel: false });
    expect(jobActions({ state: 'pending' })).toEqual({ retry: false, cancel: true });
    expect(jobActions({ state: 'running' })).toEqual({ retry: false, cancel: false });
    expect(jobActions({ state: 'done' })).toEqual({ retry: false, cancel: false });
  });

  it('offers to change the service plan and campaign of a refused job whose request sends them', () => {
    expect(amendableFields({ task: 'importNumbersOrder', state: 'failed' })).toEqual([
      'servicePlanId',
      'campaignId',
    ]);
    expect(amendableFields({ task: 'linkNumber', state: 'dead' })).toEqual(['servicePlanId', 'campaignId']);
    // toll-free takes no campaign; an unlink or a qualification sends neither
    expect(amendableFields({ task: 'textEnableTollFreeNumbers', state: 'failed' })).toEqual([
      'servicePlanId',
    ]);
    expect(amendableFields({ task: 'unlinkNumber', state: 'failed' })).toEqual([]);
    expect(amendableFields({ task: 'qualifyNumbers', state: 'dead' })).toEqual([]);
    // only a refused job: a waiting, done or cancelled one is not changed
    for (const state of ['pending', 'running', 'waiting_remote', 'done', 'cancelled'] as const)
      expect(amendableFields({ task: 'importNumber', state })).toEqual([]);
    // an earlier request may have reached Sinch: Retry, which checks there first, is the only way
    expect(amendableFields({ task: 'importNumber', state: 'failed', sendMayHaveLanded: true })).toEqual([]);
  });

  it('counts a filter from the per-state totals', () => {
    const c = counts({ pending: 2, running: 1, failed: 1, dead: 3, done: 5 });
    expect(filterCount('all', c)).toBe(12);
    expect(filterCount('active', c)).toBe(3);
    expect(filterCount('failed', c)).toBe(4);
  });

  it('words a batch’s progress', () => {
    const batch = (over: Partial<Record<JobStateName, number>>) => ({
      id: 'b',
      label: 'March',
      createdAt: at(0),
      numberCount: 40,
      counts: counts(over),
    });
    expect(batchView(batch({ pending: 3 }))).toMatchObject({ done: 0, total: 3, label: 'Waiting to send' });
    expect(batchView(batch({ done: 1, waiting_remote: 2 }))).toMatchObject({
      done: 1,
      total: 3,
      tone: 'progress',
      detail: '1 of 3 jobs done · 40 numbers',
    });
    expect(batchView(batch({ done: 2, dead: 1 }))).toMatchObject({ tone: 'failed', label: 'Has failures' });
    expect(batchView(batch({ done: 1, failed: 1, pending: 1 }))).toMatchObject({
      tone: 'failed',
      detail: '1 of 3 jobs done, 1 failed · 40 numbers',
    });
    expect(batchView(batch({ done: 3 }))).toMatchObject({ tone: 'done', done: 3, total: 3 });
  });
});
