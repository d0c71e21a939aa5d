/**
 * Type-level proof (checked by `npm run typecheck`, tsconfig.web.json) that the event table is
 * exhaustive: a table missing any one event of the contract does not compile. If someone makes
 * EventTable partial, the `@ts-expect-error` lines below become unused and tsc fails.
 */
import type { EventName } from '../../../shared/contract';
import { type EventTable, eventTable } from './event-table';

type Without<E extends EventName> = Omit<EventTable, E>;

// Each of these drops one real event; assigning it to EventTable must be an error.
const withoutJobs: Without<'jobs.changed'> = eventTable;
const withoutSync: Without<'sync.state'> = eventTable;
// @ts-expect-error 'jobs.changed' has no entry
export const missingJobs: EventTable = withoutJobs;
// @ts-expect-error 'sync.state' has no entry
export const missingSync: EventTable = withoutSync;
