import { describe, expect, it } from 'vitest';
import {
  type ConnectionTest,
  connectionVerdict,
  endpointsChange,
  keychainView,
  optionalText,
} from './settings-view';

const at = '2026-12-03T09:00:00.000Z';
const failed = (code: ConnectionTest['code'], status?: number): ConnectionTest => ({
  ok: false,
  detail: 'what the engine said',
  checkedAt: at,
  ...(code ? { code } : {}),
  ...(status ? { details: { status } } : {}),
});

describe('connectionVerdict', () => {
  it('names each failure the go-live wizard must tell apart', () => {
    expect(connectionVerdict({ ok: true, detail: 'ok', checkedAt: at }).label).toBe('Connected');
    expect(connectionVerdict(failed('UNAUTHENTICATED', 401)).label).toBe('Wrong key');
    expect(connectionVerdict(failed('UNAUTHENTICATED', 403)).label).toBe('Wrong project');
    expect(connectionVerdict(failed('OFFLINE')).label).toBe('No network');
    expect(connectionVerdict(failed('SINCH_ERROR', 429)).label).toBe('Rate-limited');
    expect(connectionVerdict(failed('RATE_LIMITED')).label).toBe('Rate-limited');
    expect(connectionVerdict(failed('SINCH_ERROR', 500)).label).toBe('Sinch refused');
    expect(connectionVerdict(failed(undefined)).label).toBe('Not tested');
  });

  it('every failure says what to do; the engine’s sentence is kept', () => {
    for (const r of [failed('UNAUTHENTICATED', 401), failed('UNAUTHENTICATED', 403), failed('OFFLINE')]) {
      const v = connectionVerdict(r);
      expect(v.tone).toBe('failed');
      expect(v.fix).toBeTruthy();
      expect(v.detail).toBe('what the engine said');
    }
  });

  it('an UNAUTHENTICATED answer without a status is read as the key', () => {
    expect(connectionVerdict(failed('UNAUTHENTICATED')).label).toBe('Wrong key');
  });
});

describe('endpointsChange', () => {
  it('compares trimmed text, empty = default', () => {
    expect(endpointsChange({}, { baseUrl: '', tokenUrl: ' ' })).toBe(false);
    expect(endpointsChange({ baseUrl: 'https://a' }, { baseUrl: 'https://a ', tokenUrl: '' })).toBe(false);
    expect(endpointsChange({ baseUrl: 'https://a' }, { baseUrl: '', tokenUrl: '' })).toBe(true);
    expect(endpointsChange({}, { baseUrl: '', tokenUrl: 'https://t' })).toBe(true);
  });
});

describe('small helpers', () => {
  it('optionalText drops blanks', () => {
    expect(optionalText('  ')).toBeUndefined();
    expect(optionalText(' x ')).toBe('x');
  });
  it('a missing keychain says what to do', () => {
    expect(keychainView({ available: false, detail: '' }).fix).toMatch(/Check again/);
    expect(keychainView({ available: true, detail: '' }).fix).toBeNull();
  });
});
