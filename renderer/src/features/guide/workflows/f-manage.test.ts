import { describe, expect, it } from 'vitest';
import { actionsFor, changeVisible, checkChange, checkPick, deleteWarning, parseChange } from './f-manage';

const imported = {
  phone: '+12025550351',
  kind: 'imported' as const,
  state: 'imported' as const,
  displayName: 'Old',
  servicePlanId: 'plan-a',
  campaignId: 'C1',
};
const empty = { displayName: '', servicePlanId: '', campaignId: '' };

describe('workflow F: manage numbers', () => {
  it('picks one number in any usual spelling', () => {
    expect(checkPick('(202) 555-0351')).toEqual({ ok: true, phone: '+12025550351' });
    expect(checkPick('')).toMatchObject({ ok: false });
    expect(checkPick('+12025550351, +12025550352')).toMatchObject({ ok: false });
    expect(checkPick('555')).toMatchObject({ ok: false, error: expect.stringMatching(/^Number:/) });
  });

  it('offers what the number allows', () => {
    expect(actionsFor(imported)).toEqual(['rename', 'relink', 'unlink', 'delete']);
    expect(actionsFor({ ...imported, servicePlanId: '' })).toEqual(['rename', 'relink', 'delete']);
    expect(actionsFor({ ...imported, kind: 'qualified' })).toEqual(['delete']);
    expect(actionsFor({ ...imported, kind: 'local' })).toEqual([]);
    expect(actionsFor({ ...imported, state: 'deleted' })).toEqual([]);
  });

  it('turns each change into its operation channel, refusing what changes nothing', () => {
    expect(checkChange(imported, 'rename', { ...empty, displayName: ' Front desk ' })).toEqual({
      ok: true,
      change: {
        channel: 'importedNumbers.update',
        input: { phoneNumber: imported.phone, displayName: 'Front desk' },
      },
    });
    expect(checkChange(imported, 'rename', { ...empty, displayName: 'Old' })).toMatchObject({ ok: false });
    expect(checkChange(imported, 'relink', { ...empty, servicePlanId: 'plan-b' })).toEqual({
      ok: true,
      change: {
        channel: 'importedNumbers.relink',
        input: { phoneNumber: imported.phone, servicePlanId: 'plan-b' },
      },
    });
    expect(
      checkChange(imported, 'relink', { ...empty, servicePlanId: 'plan-a', campaignId: 'C1' }),
    ).toMatchObject({
      ok: false,
      errors: { servicePlanId: expect.stringMatching(/already/) },
    });
    expect(checkChange(imported, 'relink', empty)).toMatchObject({
      ok: false,
      errors: { servicePlanId: expect.stringMatching(/^Service plan:/) },
    });
    expect(checkChange(imported, 'unlink', empty)).toMatchObject({
      change: { channel: 'importedNumbers.unlink' },
    });
    expect(checkChange(imported, 'delete', empty)).toMatchObject({
      change: { channel: 'importedNumbers.delete' },
    });
    expect(checkChange({ ...imported, kind: 'qualified' }, 'delete', empty)).toMatchObject({
      change: { channel: 'qualification.delete' },
    });
  });

  it('says what a delete does before it is confirmed', () => {
    expect(deleteWarning(imported)).toMatch(/deleted at Sinch/);
    expect(deleteWarning({ ...imported, kind: 'qualified' })).toMatch(/qualify it again/);
  });

  it('sees each change on the number as re-read', () => {
    const rename = {
      channel: 'importedNumbers.update',
      input: { phoneNumber: 'x', displayName: 'New' },
    } as const;
    expect(changeVisible(rename, { ...imported, displayName: 'New' })).toBe(true);
    expect(changeVisible(rename, imported)).toBe(false);
    const relink = {
      channel: 'importedNumbers.relink',
      input: { phoneNumber: 'x', servicePlanId: 'plan-b' },
    } as const;
    expect(changeVisible(relink, { ...imported, servicePlanId: 'plan-b', campaignId: '' })).toBe(true);
    expect(changeVisible(relink, { ...imported, servicePlanId: 'plan-b' })).toBe(false);
    const unlink = { channel: 'importedNumbers.unlink', input: { phoneNumber: 'x' } } as const;
    expect(changeVisible(unlink, { ...imported, servicePlanId: null })).toBe(true);
    const del = { channel: 'importedNumbers.delete', input: { phoneNumber: 'x' } } as const;
    expect(changeVisible(del, { ...imported, state: 'deleted' })).toBe(true);
    expect(changeVisible(del, null)).toBe(true);
    expect(changeVisible(del, imported)).toBe(false);
  });

  it('reads a change back from the URL, and nothing else', () => {
    const change = { channel: 'importedNumbers.relink', input: { phoneNumber: '+1', servicePlanId: 'p' } };
    expect(parseChange(JSON.stringify(change))).toEqual(change);
    expect(parseChange(undefined)).toBeNull();
    expect(parseChange('{not json')).toBeNull();
    expect(
      parseChange(JSON.stringify({ channel: 'sandbox.reset', input: { phoneNumber: '+1' } })),
    ).toBeNull();
    expect(parseChange(JSON.stringify({ channel: 'importedNumbers.delete' }))).toBeNull();
  });
});
