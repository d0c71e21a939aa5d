import { describe, expect, it } from 'vitest';
import type { SyncState } from '../../../shared/contract';
import { syncView } from './sync-view';

const base: SyncState = {
  workspaceId: 'ws-sandbox',
  running: true,
  rateLimitedUntil: null,
  detail: 'Sending.',
  changedAt: '2026-01-02T10:00:00.000Z',
};
// Locale-free: the ISO time part, so the expectations below are written by hand.
const hhmmss = (iso: string) => iso.slice(11, 19);

describe('syncView', () => {
  it('words each engine state with its tone', () => {
    const cases: [Partial<SyncState>, string, string][] = [
      [{ status: 'online' }, 'done', 'Online'],
      [{ status: 'offline', until: '2026-01-02T10:00:30.000Z' }, 'action', 'Offline — retrying at 10:00:30'],
      [{ status: 'offline', until: null }, 'action', 'Offline'],
      [
        { status: 'rate-limited', until: '2026-01-02T10:01:05.000Z' },
        'action',
        'Paused by rate limit until 10:01:05',
      ],
      [
        { status: 'rate-limited', until: null, rateLimitedUntil: '2026-01-02T10:02:00.000Z' },
        'action',
        'Paused by rate limit until 10:02:00',
      ],
      [{ status: 'credentials-missing' }, 'action', 'Needs action: no key'],
      [{ status: 'credentials-rejected' }, 'action', 'Needs action: key refused'],
      [{ status: 'storage-full' }, 'action', 'Needs action: disk full or failing'],
      [{ status: 'paused', running: false }, 'waiting', 'Paused'],
      [{ status: 'stopped' }, 'waiting', 'Stopped'],
      [{ running: true }, 'progress', 'Starting'],
      [{ running: false }, 'waiting', 'Paused'],
    ];
    for (const [patch, tone, label] of cases) {
      const view = syncView({ ...base, ...patch }, hhmmss);
      expect({ tone: view.tone, label: view.label }).toEqual({ tone, label });
    }
  });

  it('tells a Live workspace never started from one the user paused, and says how to start it', () => {
    // the engine leaves changedAt null until the user first starts or pauses (queue/sync-flag.ts)
    for (const status of ['paused', undefined] as const) {
      const never = syncView({ ...base, running: false, changedAt: null, status }, hhmmss);
      expect({ tone: never.tone, label: never.label }).toEqual({ tone: 'action', label: 'Not started' });
      expect(never.fix).toMatch(/Start sync/);
      const byYou = syncView({ ...base, running: false, status }, hhmmss);
      expect({ tone: byYou.tone, label: byYou.label, fix: byYou.fix }).toEqual({
        tone: 'waiting',
        label: 'Paused',
        fix: null,
      });
    }
  });

  it('says what to do whenever the state needs the user, and nothing when all is well', () => {
    expect(syncView({ ...base, status: 'online' }, hhmmss).fix).toBeNull();
    expect(syncView({ ...base, status: 'credentials-missing' }, hhmmss).fix).toMatch(/key secret/);
    expect(syncView({ ...base, status: 'credentials-rejected' }, hhmmss).fix).toMatch(/Access Keys/);
    expect(syncView({ ...base, status: 'offline' }, hhmmss).fix).toMatch(/resume by themselves/);
    // the engine's own words: what happened and what to free
    const full = {
      ...base,
      status: 'storage-full' as const,
      detail: 'Sending is paused because the disk is full. Free space…',
    };
    expect(syncView(full, hhmmss).fix).toBe(full.detail);
  });
});
