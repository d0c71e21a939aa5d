import { describe, expect, it } from 'vitest';
import type { NumberHistoryEntry } from '../../../../shared/contract';
import { FAILURE_CODE_STEPS, NUMBER_STATE_WORDS } from '../../../../shared/domain/next-steps';
import { NUMBER_STATES } from '../../../../shared/domain/tasks';
import {
  actionFor,
  ballOf,
  numberNextStep,
  STATE_GROUPS,
  searchPattern,
  statesOfGroup,
  timelineLine,
  wordNote,
} from './numbers-view';

const RAW_NAME = /\b[A-Z]+_[A-Z_]+\b|\b(WAITING|IN_PROGRESS|DONE|FAILED|COMPLETED|REJECTED|SUBMITTED)\b/;
const at = '2026-12-03T10:00:00.000Z';

describe('numbers view', () => {
  it('the chip groups cover every state exactly once', () => {
    const all = STATE_GROUPS.flatMap(statesOfGroup);
    expect([...all].sort()).toEqual([...NUMBER_STATES].sort());
    expect(statesOfGroup('action')).toContain('waiting-loa');
    expect(statesOfGroup('failed')).toContain('hosting-failed');
  });

  it('searches by digits: anywhere, or from the start with a +', () => {
    expect(searchPattern('555 01-34')).toEqual({ pattern: '5550134', searchPattern: 'CONTAIN' });
    expect(searchPattern('+1 202')).toEqual({ pattern: '+1202', searchPattern: 'START' });
    expect(searchPattern('abc')).toBeNull();
    expect(searchPattern(undefined)).toBeNull();
  });

  it('says who holds the ball', () => {
    expect(ballOf({ state: 'waiting-loa', failure: null })).toBe('customer');
    expect(ballOf({ state: 'osr-update', failure: null })).toBe('carrier');
    expect(ballOf({ state: 'platform-provisioning', failure: null })).toBe('sinch');
    expect(ballOf({ state: 'planned', failure: null })).toBe('desk');
    expect(ballOf({ state: 'hosted', failure: null })).toBe('nobody');
    // a done state with a failed step (the campaign link failed after hosting) waits on us
    const failure = { code: 'CAMPAIGN_EXPIRED', remoteMessage: null, text: null };
    expect(ballOf({ state: 'linked', failure })).toBe('us');
  });

  it('gives every failure code its own next step and action, ahead of the state', () => {
    for (const [code, step] of Object.entries(FAILURE_CODE_STEPS)) {
      const n = {
        state: 'hosted' as const,
        qualificationState: null,
        failure: { code, remoteMessage: null, text: null },
      };
      expect(numberNextStep(n)).toBe(step);
    }
    const n = {
      state: 'failed' as const,
      qualificationState: null,
      failure: { code: 'CAMPAIGN_NOT_AVAILABLE', remoteMessage: null, text: null },
    };
    expect(numberNextStep(n).action).toBe('relink');
    // no code (a step inside an order): the step's own words, and Retry
    const text =
      'Linking the number to the 10DLC campaign failed. Check that the campaign is active, then retry.';
    const uncoded = numberNextStep({ ...n, failure: { code: null, remoteMessage: null, text } });
    expect(uncoded).toMatchObject({ next: text, tone: 'failed', action: 'retry' });
  });

  it('gives every state words and a next step where something is to do', () => {
    for (const state of NUMBER_STATES) {
      const step = numberNextStep({ state, failure: null, qualificationState: null });
      expect(step.words).not.toMatch(RAW_NAME);
      if (step.tone === 'failed' || step.tone === 'needs-action') expect(step.next).toBeTruthy();
    }
    expect(numberNextStep({ state: 'waiting-loa', failure: null, qualificationState: null }).action).toBe(
      'reissue',
    );
    expect(numberNextStep({ state: 'not-eligible', failure: null, qualificationState: null }).action).toBe(
      'qualify',
    );
    expect(numberNextStep({ state: 'hosted', failure: null, qualificationState: null }).next).toBeNull();
  });

  it('offers a button only where the app can do it', () => {
    const n = { phone: '+12025550134', kind: 'imported' as const, lastJobId: 7 };
    expect(actionFor('reissue', n)).toEqual({ kind: 'reissue', label: 'Re-issue LOA', jobId: 7 });
    expect(actionFor('retry', { ...n, lastJobId: null })).toBeNull();
    expect(actionFor('relink', { ...n, kind: 'qualified' })).toBeNull();
    expect(actionFor('verify', n)).toMatchObject({ href: '#/verify?numbers=%2B12025550134' });
    expect(actionFor('sendInvoiceEmail', n)).toMatchObject({ href: '#/verify?invoice=%2B12025550134' });
    expect(actionFor(undefined, n)).toBeNull();
  });

  it('words the engine’s notes: no Sinch state names, no kebab or camel names', () => {
    const notes = [
      'osr-update DONE, platform-provisioning IN_PROGRESS, campaign-linking WAITING',
      'campaign-linking failed; osr-update DONE, platform-provisioning DONE, campaign-linking FAILED',
      'sms PROVISION DONE, campaign LINK FAILED (CAMPAIGN_NOT_AVAILABLE)',
      'order REJECTED: GLOBAL_PROCESS_STATE_NOT_ELIGIBLE, SOME_NEW_STATE',
    ];
    for (const note of notes) {
      const words = wordNote(note);
      expect(words, note).not.toMatch(RAW_NAME);
      expect(words).not.toMatch(/osr-update|campaign-linking|platformProvisioning/);
    }
    expect(wordNote('osr-update DONE')).toBe('carrier record update done');
    expect(wordNote('LOA sent')).toBe('LOA sent');
    expect(wordNote('sms PROVISION DONE, campaign LINK FAILED (CAMPAIGN_NOT_AVAILABLE)')).toContain(
      'the 10DLC campaign is not available',
    );
  });

  it('words every kind of history entry', () => {
    const entries: NumberHistoryEntry[] = [
      { kind: 'state', at, state: 'waiting-loa', jobId: 3, note: 'order WAITING_FOR_LOA_SIGNATURE' },
      { kind: 'job', at, jobId: 3, task: 'textEnableNumbers', event: 'created', summary: null },
      { kind: 'order', at, orderId: 'ho-1', type: 'text-enable', state: 'completed' },
      {
        kind: 'step',
        at,
        orderId: 'ho-1',
        step: 'campaignProvisioning',
        state: 'failed',
        failure: { code: 'CAMPAIGN_EXPIRED', remoteMessage: 'expired', text: null },
      },
    ];
    const lines = entries.map(timelineLine);
    for (const l of lines) {
      expect(l.words).not.toMatch(RAW_NAME);
      expect(l.detail ?? '').not.toMatch(RAW_NAME);
    }
    // the state names the job that wrote it (the engine leaves out that job's line at the same moment)
    expect(lines[0]).toMatchObject({
      words: `${NUMBER_STATE_WORDS['waiting-loa'].words} (job #3)`,
      tone: 'action',
    });
    expect(timelineLine({ kind: 'state', at, state: 'planned', jobId: null, note: null }).words).toBe(
      NUMBER_STATE_WORDS.planned.words,
    );
    expect(lines[1]?.words).toBe('Text-enable order (job #3) queued');
    expect(lines[2]).toMatchObject({ tone: 'done', orderId: 'ho-1' });
    expect(lines[3]).toMatchObject({
      words: 'Campaign link: the campaign has expired',
      detail: 'Renew the campaign or link another one.',
      tone: 'failed',
    });
  });
});
