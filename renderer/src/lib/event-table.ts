import type { QueryClient } from '@tanstack/react-query';
import type { ChannelName, EventName, EventPayload } from '../../../shared/contract';
import type { Desk } from './desk';

/**
 * THE table of what each engine event does to the cached server state (UI.md, "server state").
 * Typed over every event of the contract: adding an event to shared/contract does not compile until
 * it has an entry here (proven by event-table.typecheck.ts). Screens never subscribe to events to
 * refetch by hand; they read queries, and this table keeps those queries true.
 */
export type EventTable = { [E in EventName]: (payload: EventPayload<E>, queryClient: QueryClient) => void };

/** Marks every query of these channels stale (and refetches the ones on screen). */
export function invalidateChannels(queryClient: QueryClient, ...channels: readonly ChannelName[]): void {
  const names = new Set<string>(channels);
  void queryClient.invalidateQueries({
    predicate: (query) => names.has(String(query.queryKey[0])),
  });
}

/** Every query whose channel starts with one of these prefixes (e.g. `jobs.` covers list and get). */
export function invalidatePrefixes(queryClient: QueryClient, ...prefixes: readonly string[]): void {
  void queryClient.invalidateQueries({
    predicate: (query) => prefixes.some((p) => String(query.queryKey[0]).startsWith(p)),
  });
}

export const eventTable: EventTable = {
  'app.statusChanged': ({ reason }, queryClient) => {
    // Another workspace means another database: everything cached belongs to the old one.
    if (reason === 'workspace') return void queryClient.invalidateQueries();
    // The keychain decides whether sync can run (and the storage row); the simulator only app.status.
    if (reason === 'keychain')
      invalidateChannels(queryClient, 'app.status', 'sync.status', 'credentials.status');
    else invalidateChannels(queryClient, 'app.status');
  },
  'jobs.changed': (_payload, queryClient) => {
    // Jobs moving also move the audit trail. (Lists are re-asked, never patched: the page shown may be
    // any offset window, and the engine filters and sorts.)
    invalidatePrefixes(queryClient, 'jobs.', 'audit.', 'voice.'); // a checked code moves the attempts estimate
  },
  'sync.state': (state, queryClient) => {
    // The event carries the whole state: patch it in, no round trip.
    queryClient.setQueryData(['sync.status', {}], state);
  },
  'workspaces.changed': (_payload, queryClient) => {
    invalidatePrefixes(queryClient, 'workspaces.');
    // The frame's workspace badge comes from app.status.
    invalidateChannels(queryClient, 'app.status');
  },
  'loaProfiles.changed': (_payload, queryClient) => {
    invalidatePrefixes(queryClient, 'loaProfiles.');
  },
  'intake.changed': (_payload, queryClient) => {
    // A draft's rows, counts and plan all follow from it: re-ask what is shown.
    invalidatePrefixes(queryClient, 'intake.', 'plan.');
  },
  'settings.changed': (_payload, queryClient) => {
    // Few and small: re-ask every settings query rather than match keys and scopes here.
    invalidatePrefixes(queryClient, 'settings.');
  },
  'orders.changed': (_payload, queryClient) => {
    // An order's state also moves its numbers' rows (the numbers event follows separately).
    invalidatePrefixes(queryClient, 'orders.');
  },
  'numbers.changed': (_payload, queryClient) => {
    // Orders show their numbers' per-carrier states, so an order's detail is re-asked too.
    invalidatePrefixes(queryClient, 'numbers.');
    invalidateChannels(queryClient, 'orders.get');
  },
};

/**
 * Wires the table and the connection signal to a query client; returns the unsubscribe function.
 * On the connection signal (the event stream reconnected, the engine restarted) events may have been
 * missed, so every query is invalidated.
 */
export function connectEvents(
  desk: Desk,
  queryClient: QueryClient,
  table: EventTable = eventTable,
): () => void {
  const offs = desk.events.map((name) => subscribe(desk, queryClient, table, name));
  offs.push(desk.onConnection(() => void queryClient.invalidateQueries()));
  return () => {
    for (const off of offs) off();
  };
}

function subscribe<E extends EventName>(desk: Desk, queryClient: QueryClient, table: EventTable, name: E) {
  const apply = table[name] as (payload: EventPayload<E>, queryClient: QueryClient) => void;
  return desk.on(name, (payload) => apply(payload, queryClient));
}
