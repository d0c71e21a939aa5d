import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { channelNames, channels, DeskFailure } from './index';
import { dispatch, type HandlerTable, validateInput } from './dispatch';

/**
 * Generated from the contract map: a new channel is covered without new test code.
 * Every channel's input is an object schema, so a malformed input of each wrong kind must be refused
 * with VALIDATION before any handler runs.
 */
const malformedInputs: [string, unknown][] = [
  ['a number', 42],
  ['a string', 'not an object'],
  ['an array', []],
  [
    'an object with an unknown field of the wrong type',
    { __proto_pollution__: { polluted: true }, limit: 'x' },
  ],
];

function spyTable() {
  const spies = Object.fromEntries(channelNames.map((c) => [c, vi.fn()])) as unknown as HandlerTable &
    Record<string, ReturnType<typeof vi.fn>>;
  return spies;
}

describe('contract: every channel', () => {
  it('has an object input schema and an output schema', () => {
    for (const name of channelNames) {
      expect(channels[name].input, name).toBeInstanceOf(z.ZodObject);
      expect(channels[name].output, name).toBeInstanceOf(z.ZodType);
    }
  });

  describe.each(channelNames)('%s', (name) => {
    it.each(malformedInputs)(
      'refuses %s with VALIDATION and never calls the handler',
      async (_label, input) => {
        const table = spyTable();
        const result = await dispatch(table, name, input);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('VALIDATION');
        for (const spy of Object.values(table)) expect(spy).not.toHaveBeenCalled();
      },
    );
  });
});

describe('dispatch', () => {
  it('refuses an unknown channel (and prototype keys) with VALIDATION', async () => {
    for (const bogus of ['no.such.channel', 'constructor', '__proto__', 'toString', 42]) {
      const result = await dispatch(spyTable(), bogus, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(validateInput('hasOwnProperty', {}).ok).toBe(false);
  });

  it('maps a DeskFailure to its code and hides any other exception behind INTERNAL', async () => {
    const table = spyTable();
    const onInternal = vi.fn();
    (table['app.status'] as ReturnType<typeof vi.fn>).mockRejectedValueOnce(
      new DeskFailure('NOT_FOUND', 'No such workspace', { id: 'w1' }),
    );
    expect(await dispatch(table, 'app.status', {}, onInternal)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No such workspace', details: { id: 'w1' } },
    });
    (table['app.status'] as ReturnType<typeof vi.fn>).mockRejectedValueOnce(
      new Error('SQLITE_CORRUPT at /home/someone/secret/path'),
    );
    const hidden = await dispatch(table, 'app.status', {}, onInternal);
    expect(hidden).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(hidden)).not.toContain('/home/someone');
    expect(onInternal).toHaveBeenCalledTimes(1);
  });

  it('validates outputs too and strips fields the contract does not declare', async () => {
    const table = spyTable();
    const status = {
      available: true,
      backend: 'memory',
      detail: 'ok',
      checkedAt: '2026-11-30T12:00:00.000Z',
      keySecret: 'fake-key-secret-0000',
    };
    (table['keychain.probe'] as ReturnType<typeof vi.fn>).mockResolvedValueOnce(status);
    const result = await dispatch(table, 'keychain.probe', {});
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain('fake-key-secret-0000');

    (table['keychain.probe'] as ReturnType<typeof vi.fn>).mockResolvedValueOnce({ available: 'yes' });
    expect(await dispatch(table, 'keychain.probe', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });
});
