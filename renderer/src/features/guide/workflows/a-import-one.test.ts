import { describe, expect, it } from 'vitest';
import { checkImportOne, followImportOne } from './a-import-one';

const form = { phone: '(202) 555-0301', servicePlanId: 'plan-a', campaignId: '', displayName: '' };

describe('workflow A: import one number', () => {
  it('makes a one-row import draft with the plan and campaign as the list values', () => {
    const checked = checkImportOne({ ...form, campaignId: ' C3O8OGA ', displayName: 'Front desk' });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.request.phone).toBe('+12025550301');
    expect(checked.request.displayName).toBe('Front desk');
    expect(checked.request.draft).toMatchObject({
      action: 'import',
      values: { servicePlanId: 'plan-a', campaignId: 'C3O8OGA' },
    });
    expect(checked.request.draft.rows.map((r) => [r.e164, r.status])).toEqual([['+12025550301', 'fixed']]);
    // the name rides on the row: the planner sends it with the single import (no change afterwards)
    expect(checked.request.draft.rows[0]?.fields).toEqual({ displayName: 'Front desk' });
  });

  it('puts no name on the row when none is asked for', () => {
    const checked = checkImportOne(form);
    if (!checked.ok) throw new Error('expected a request');
    expect(checked.request.displayName).toBeNull();
    expect(checked.request.draft.rows[0]?.fields).toEqual({});
  });

  it('names the field and the fix for each problem', () => {
    const errors = (f: Partial<typeof form>) => {
      const c = checkImportOne({ ...form, ...f });
      return c.ok ? {} : c.errors;
    };
    expect(errors({ phone: '' }).phone).toMatch(/^Phone number: type/);
    expect(errors({ phone: '+12025550301, +12025550302' }).phone).toMatch(/Import several numbers/);
    expect(errors({ phone: '12345' }).phone).toMatch(/^Phone number: .*10 digits/);
    expect(errors({ phone: '+18005550100' }).phone).toMatch(/toll-free.*Text-enable/);
    expect(errors({ servicePlanId: ' ' }).servicePlanId).toMatch(/^Service plan: type/);
    expect(errors({ campaignId: 'x'.repeat(65) }).campaignId).toMatch(/at most 64/);
    expect(errors({ displayName: 'x'.repeat(201) }).displayName).toMatch(/at most 200/);
  });

  it('is finished when the import is done and SMS and campaign provisioning are DONE', () => {
    const done = { state: 'done' as const, failure: null, since: null };
    const jobs = [{ state: 'done' as const, blocked: false, lastError: null }];
    const number = {
      kind: 'imported' as const,
      smsProvisioning: done,
      campaignProvisioning: done,
      campaignId: 'C',
      displayName: 'Desk',
    };
    expect(followImportOne({ jobs, number, campaign: true, displayName: null }).finished).toBe(true);
    const running = { ...number, campaignProvisioning: { ...done, state: 'in-progress' as const } };
    const follow = followImportOne({ jobs, number: running, campaign: true, displayName: null });
    expect(follow.finished).toBe(false);
    expect(follow.lines.map((l) => `${l.label}: ${l.words}`)).toEqual([
      'Import: Done',
      'SMS provisioning: Done',
      'Campaign provisioning: In progress',
    ]);
    // a name asked for: finished once the imported number shows it
    const named = followImportOne({ jobs, number, campaign: true, displayName: 'Desk' });
    expect(named.finished).toBe(true);
    expect(named.lines.at(-1)).toEqual({ label: 'Display name', tone: 'done', words: 'Done' });
    const unnamed = followImportOne({
      jobs,
      number: { ...number, displayName: '' },
      campaign: true,
      displayName: 'Desk',
    });
    expect(unnamed.finished).toBe(false);
    expect(unnamed.lines.at(-1)?.words).toBe('Not shown yet');
    // not imported yet: nothing is known of its provisioning
    const planned = followImportOne({ jobs: [], number: undefined, campaign: false, displayName: 'Desk' });
    expect(planned.lines.map((l) => l.words)).toEqual(['Queued', 'Not known yet', 'Sent with the import']);
  });

  it('shows a failed step with its words', () => {
    const failedStep = {
      state: 'failed' as const,
      failure: { code: 'X', remoteMessage: null, text: 'Ask Sinch.' },
      since: null,
    };
    const number = {
      kind: 'imported' as const,
      smsProvisioning: failedStep,
      campaignProvisioning: null,
      campaignId: null,
      displayName: null,
    };
    const follow = followImportOne({ jobs: [], number, campaign: false, displayName: null });
    expect(follow.lines[1]).toEqual({
      label: 'SMS provisioning',
      tone: 'failed',
      words: 'Failed: Ask Sinch.',
    });
  });
});
