import { describe, expect, it, vi } from 'vitest';
import { DeskError } from '../lib/query';
import { applyDeskError, validationIssues } from './form';

type Form = { name: string; signer: { email: string; name: string }; numbers: string[] };
const fields = ['name', 'signer.email', 'signer.name', 'numbers'] as const;

const validation = (details: unknown) =>
  new DeskError({ code: 'VALIDATION', message: 'Invalid input for loaProfiles.create', details });

describe('applyDeskError', () => {
  it('puts each issue on its field (nested and array paths), first issue per field, focus on the first', () => {
    const setError = vi.fn();
    const rest = applyDeskError<Form>(
      validation([
        { path: 'signer.email', message: 'Enter an e-mail address.' },
        { path: 'signer.email', message: 'Too long.' },
        { path: 'numbers.3', message: 'An E.164 number, e.g. +12025550134.' },
        { path: 'name', message: 'Required.' },
      ]),
      fields,
      setError,
    );
    expect(rest).toEqual([]);
    expect(setError.mock.calls).toEqual([
      ['signer.email', { type: 'server', message: 'Enter an e-mail address.' }, { shouldFocus: true }],
      ['numbers', { type: 'server', message: 'An E.164 number, e.g. +12025550134.' }, { shouldFocus: false }],
      ['name', { type: 'server', message: 'Required.' }, { shouldFocus: false }],
    ]);
  });

  it('returns what no field owns, and the message for non-validation errors', () => {
    const setError = vi.fn();
    expect(
      applyDeskError<Form>(validation([{ path: 'label', message: 'Too long.' }]), fields, setError),
    ).toEqual(['Too long.']);
    expect(
      applyDeskError<Form>(validation([{ path: '', message: 'Unrecognized key.' }]), fields, setError),
    ).toEqual(['Unrecognized key.']);
    expect(
      applyDeskError<Form>(
        new DeskError({ code: 'CONFLICT', message: 'It changed meanwhile.' }),
        fields,
        setError,
      ),
    ).toEqual(['It changed meanwhile.']);
    expect(setError).not.toHaveBeenCalled();
  });

  it('survives odd details: not an array, or entries without path/message', () => {
    expect(validationIssues(validation('nope'))).toEqual([]);
    expect(validationIssues(validation([{ path: 1 }, null, { path: 'a', message: 'b' }]))).toEqual([
      { path: 'a', message: 'b' },
    ]);
    const setError = vi.fn();
    expect(applyDeskError<Form>(validation(undefined), fields, setError)).toEqual([
      'Invalid input for loaProfiles.create',
    ]);
  });
});
