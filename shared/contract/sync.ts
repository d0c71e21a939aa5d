import { z } from 'zod';
import { channel, isoDateTime, noInput } from './define';

/** The sync engine's states (electron/core/sync): the same names, so the renderer can word them. */
export const SYNC_STATUSES = [
  'online',
  'offline',
  'rate-limited',
  'credentials-missing',
  'credentials-rejected',
  /** the disk refuses writes (full, I/O error): sending waits, nothing is lost, it resumes by itself */
  'storage-full',
  'paused',
  'stopped',
] as const;

/**
 * Whether the active workspace is sending its queue. The flag is persisted in the workspace
 * database, so a restart resumes what the user last chose.
 */
export const syncStateSchema = z.object({
  workspaceId: z.string(),
  running: z.boolean(),
  /** set while a 429 pauses all sending for the project (DESIGN.md "Store and queue") */
  rateLimitedUntil: isoDateTime.nullable(),
  /** one sentence: why it is (not) sending */
  detail: z.string(),
  changedAt: isoDateTime.nullable(),
  /**
   * What the sync engine is doing right now (absent while no sync engine runs, e.g. the workspace
   * has no open database): `running` is the user's choice, `status` what actually happens.
   */
  status: z.enum(SYNC_STATUSES).optional(),
  /** rate-limited: sending resumes then; offline: the next reachability probe */
  until: isoDateTime.nullable().optional(),
});
export type SyncState = z.infer<typeof syncStateSchema>;

export const syncChannels = {
  'sync.status': channel(noInput, syncStateSchema),
  /** Start sending the queue. Live workspaces need their key secret first (UNAUTHENTICATED otherwise). */
  'sync.start': channel(noInput, syncStateSchema),
  /** Stop sending after the requests in flight; preparation continues. */
  'sync.pause': channel(noInput, syncStateSchema),
};

export const syncEvents = {
  'sync.state': syncStateSchema,
};
