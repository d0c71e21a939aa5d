import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { eventNames, type SyncState } from '../../../shared/contract';
import type { ConnectionReason, Desk } from './desk';
import { connectEvents, eventTable } from './event-table';
import { createDeskQueryClient } from './query';

/** A desk whose events and connection signal the test fires by hand. */
function fakeDesk() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connection = new Set<(reason: ConnectionReason) => void>();
  const desk: Desk = {
    transport: 'http',
    channels: [],
    events: eventNames,
    call: async () => ({ ok: true, value: null }) as never,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    onConnection(listener) {
      connection.add(listener);
      return () => connection.delete(listener);
    },
  };
  return {
    desk,
    emit: (event: string, payload: unknown) => {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    reconnect: () => {
      for (const l of connection) l('reconnected');
    },
    listenerCount: () => [...listeners.values()].reduce((n, s) => n + s.size, 0) + connection.size,
  };
}

/** Seeds a fresh (not stale) query per key, so the test can see which ones an event invalidates. */
function seeded(client: QueryClient, keys: unknown[][]) {
  for (const key of keys) client.setQueryData(key, { seeded: true });
  return () => keys.filter((key) => client.getQueryState(key)?.isInvalidated).map((key) => String(key[0]));
}

const sync: SyncState = {
  workspaceId: 'ws-sandbox',
  running: false,
  rateLimitedUntil: null,
  detail: 'Paused by you.',
  changedAt: '2026-01-02T10:00:00.000Z',
  status: 'paused',
};

const keys = [
  ['app.status', {}],
  ['sync.status', {}],
  ['jobs.list', { limit: 50 }],
  ['jobs.get', { id: 3 }],
  ['audit.query', {}],
  ['loaProfiles.list', {}],
  ['workspaces.list', {}],
  ['credentials.status', {}],
];

describe('event table', () => {
  it('has an entry for every event of the contract', () => {
    expect(Object.keys(eventTable).sort()).toEqual([...eventNames].sort());
  });

  it('jobs.changed invalidates the job queries and the audit trail, nothing else', () => {
    const client = new QueryClient();
    const invalidated = seeded(client, keys);
    eventTable['jobs.changed']({ ids: [3], counts: {} as never }, client);
    expect(invalidated()).toEqual(['jobs.list', 'jobs.get', 'audit.query']);
  });

  it('sync.state patches sync.status in place (no refetch)', () => {
    const client = new QueryClient();
    const invalidated = seeded(client, keys);
    eventTable['sync.state'](sync, client);
    expect(client.getQueryData(['sync.status', {}])).toEqual(sync);
    expect(invalidated()).toEqual([]);
  });

  it('app.statusChanged: a workspace switch invalidates everything, the simulator only app.status', () => {
    const client = new QueryClient();
    let invalidated = seeded(client, keys);
    eventTable['app.statusChanged']({ reason: 'simulator' }, client);
    expect(invalidated()).toEqual(['app.status']);

    const other = new QueryClient();
    invalidated = seeded(other, keys);
    eventTable['app.statusChanged']({ reason: 'keychain' }, other);
    expect(invalidated()).toEqual(['app.status', 'sync.status', 'credentials.status']);

    const third = new QueryClient();
    invalidated = seeded(third, keys);
    eventTable['app.statusChanged']({ reason: 'workspace' }, third);
    expect(invalidated()).toHaveLength(keys.length);
  });

  it('workspaces.changed and loaProfiles.changed invalidate their own lists (and the badge)', () => {
    const client = new QueryClient();
    const invalidated = seeded(client, keys);
    eventTable['workspaces.changed']({ ids: ['ws-1'], activeId: 'ws-1' }, client);
    expect(invalidated()).toEqual(['app.status', 'workspaces.list']);

    const other = new QueryClient();
    const again = seeded(other, keys);
    eventTable['loaProfiles.changed']({ ids: ['p1'] }, other);
    expect(again()).toEqual(['loaProfiles.list']);
  });
});

describe('connectEvents', () => {
  it('routes each desk event through the table and invalidates everything on the connection signal', () => {
    const { desk, emit, reconnect, listenerCount } = fakeDesk();
    const client = createDeskQueryClient();
    const invalidated = seeded(client, keys);
    const off = connectEvents(desk, client);

    emit('sync.state', sync);
    expect(client.getQueryData(['sync.status', {}])).toEqual(sync);
    expect(invalidated()).toEqual([]);

    reconnect();
    expect(invalidated()).toHaveLength(keys.length);

    off();
    expect(listenerCount()).toBe(0);
  });
});
