import { randomBytes } from 'node:crypto';
import type { LoaProfileKind } from '../../../shared/contract';
import type { Plan } from '../../../shared/domain/planner';
import { directLoaInfo, resellerLoaInfo } from '../../../shared/sinch';
import { unsentJobsNamingLoa } from '../queue/job-queue';
import type { Db } from '../store/database';
import type { LoaInfo, LoaResolver } from '../sync';
import { readRow, requireProfile } from './profiles';

/**
 * What is sent is what was shown (issue 8): at commit each direct/reseller text-enable call gets its
 * own copy of the profile's info (table `loa_job_copies`, migration 009) and its payload's
 * `loaProfileId` names the copy. The sync engine's resolver (`loaResolver` below) reads the
 * copy at send time, so a later edit of the profile changes nothing already queued — until the user
 * applies the edit to the queued orders that have not been sent (`applyEditToQueued`).
 *
 * One copy per call (not per profile and commit) so that, of one batch, the calls already sent keep
 * what they sent while the ones still waiting take the edit.
 */

/** Copy ids are told apart from profile ids (`loa-…`) by their prefix. */
const COPY_PREFIX = 'loacopy-';
export const isCopyId = (id: string) => id.startsWith(COPY_PREFIX);
const newCopyId = () => `${COPY_PREFIX}${randomBytes(8).toString('hex')}`;

type CopyRow = { id: string; profile_id: string; kind: string; info: string; copied_at: number };

const readCopy = (db: Db, id: string): CopyRow | undefined =>
  db.prepare('SELECT * FROM loa_job_copies WHERE id = ?').get(id) as CopyRow | undefined;

/** A copy's kind and info as it will be sent (null when there is no such copy). */
export function copyOf(
  db: Db,
  id: string,
): { profileId: string; kind: LoaProfileKind; info: unknown } | null {
  const row = readCopy(db, id);
  if (!row) return null;
  return { profileId: row.profile_id, kind: row.kind as LoaProfileKind, info: JSON.parse(row.info) };
}

/** The profile an LOA id stands for: a copy's origin, or the id itself. */
export const profileIdOf = (db: Db, id: string): string =>
  isCopyId(id) ? (readCopy(db, id)?.profile_id ?? id) : id;

/** `profileIdOf` for a page of ids at once (one query): each id → its profile's id. */
export function profileIdsOf(db: Db, ids: ReadonlyArray<string | null>): Map<string, string> {
  const out = new Map<string, string>();
  const copies = [...new Set(ids.filter((id): id is string => id !== null && isCopyId(id)))];
  for (const id of ids) if (id !== null && !isCopyId(id)) out.set(id, id);
  if (copies.length === 0) return out;
  const rows = db
    .prepare('SELECT id, profile_id FROM loa_job_copies WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(copies)) as Array<{ id: string; profile_id: string }>;
  for (const r of rows) out.set(r.id, r.profile_id);
  // a copy gone (a Sandbox reset) keeps its own id rather than none
  for (const id of copies) if (!out.has(id)) out.set(id, id);
  return out;
}

/**
 * The calls (plan calls or a re-issued job's payload) with each direct/reseller profile copied: the
 * copies are written here (one small transaction, before the commit's own) and the returned calls name
 * them. `drop` deletes them again when the commit queues nothing new (the batch or job existed already).
 * Profiles were checked by `planWithLoaProfiles`; a call whose profile is gone by now is refused.
 */
export function withLoaCopies<T extends { loaProfileId?: string | undefined; loaType?: string | undefined }>(
  db: Db,
  calls: readonly T[],
  now: number,
): { calls: T[]; drop(): void } {
  const made: string[] = [];
  const insert = db.prepare(
    'INSERT INTO loa_job_copies (id, profile_id, kind, info, copied_at) VALUES (?, ?, ?, ?, ?)',
  );
  const copied = db.transaction(() =>
    calls.map((call) => {
      if (!call.loaProfileId || (call.loaType !== 'direct' && call.loaType !== 'reseller')) return call;
      // a re-issued job names its earlier copy: copy that copy's profile as it is now
      const profile = requireProfile(db, profileIdOf(db, call.loaProfileId));
      const id = newCopyId();
      insert.run(id, profile.id, profile.kind, JSON.stringify(profile.info), now);
      made.push(id);
      return { ...call, loaProfileId: id };
    }),
  )();
  return {
    calls: copied,
    drop: () => {
      const del = db.prepare('DELETE FROM loa_job_copies WHERE id = ?');
      db.transaction(() => {
        for (const id of made) del.run(id);
      })();
    },
  };
}

/** `withLoaCopies` over a plan's calls. */
export function planWithLoaCopies(db: Db, plan: Plan, now: number): { plan: Plan; drop(): void } {
  const { calls, drop } = withLoaCopies(db, plan.calls, now);
  return { plan: { ...plan, calls }, drop };
}

/** Forget every copy (a Sandbox reset clears the jobs that named them). */
export function clearCopies(db: Db): void {
  db.prepare('DELETE FROM loa_job_copies').run();
}

export type QueuedUsage = { jobs: number; numbers: number; jobIds: number[] };

/**
 * The queued orders (jobs not yet sent: waiting or ready, never leased or possibly sent) whose copy
 * of this profile differs from the profile as it is now.
 */
function staleUnsent(db: Db, profileId: string): { usage: QueuedUsage; copyIds: string[] } {
  const profile = requireProfile(db, profileId);
  const current = JSON.stringify(profile.info);
  const copies = db
    .prepare('SELECT id, kind, info FROM loa_job_copies WHERE profile_id = ?')
    .all(profile.id) as Array<Pick<CopyRow, 'id' | 'kind' | 'info'>>;
  const stale = copies.filter((c) => c.kind !== profile.kind || c.info !== current).map((c) => c.id);
  const jobs = stale.length === 0 ? [] : unsentJobsNamingLoa(db, stale);
  return {
    usage: {
      jobs: jobs.length,
      numbers: jobs.reduce((sum, j) => sum + j.numbers, 0),
      jobIds: jobs.map((j) => j.id),
    },
    copyIds: jobs.map((j) => j.loaId),
  };
}

export const queuedUsage = (db: Db, profileId: string): QueuedUsage => staleUnsent(db, profileId).usage;

/**
 * The profile as it is now becomes the LOA of every queued order that has not been sent, in one
 * transaction (the sync engine runs on this connection, so no job is leased halfway). Applying twice
 * updates nothing the second time.
 */
export function applyEditToQueued(db: Db, profileId: string, now: number): QueuedUsage {
  return db
    .transaction(() => {
      const { usage, copyIds } = staleUnsent(db, profileId);
      if (copyIds.length === 0) return usage;
      const profile = requireProfile(db, profileId);
      const update = db.prepare('UPDATE loa_job_copies SET kind = ?, info = ?, copied_at = ? WHERE id = ?');
      const info = JSON.stringify(profile.info);
      for (const id of copyIds) update.run(profile.kind, info, now, id);
      return usage;
    })
    .immediate();
}

/**
 * The sync engine's LOA resolver (electron/core/sync `loa` option), also used by `plan.call`: for a
 * job's copy (`loacopy-…`), the copy as committed or last applied; for a profile id (a plan not yet
 * committed, or a job queued before copies existed), the saved profile as it is now. Null when missing
 * or of the other kind (the job then fails, saying the profile is unknown).
 */
export function loaResolver(db: Db): LoaResolver {
  return (loaId, loaType): LoaInfo | null => {
    const row = isCopyId(loaId) ? readCopy(db, loaId) : readRow(db, loaId);
    if (!row || row.kind !== loaType) return null;
    const raw: unknown = JSON.parse(row.info);
    if (loaType === 'direct') {
      const info = directLoaInfo.safeParse(raw);
      return info.success ? { kind: 'direct', info: info.data } : null;
    }
    const info = resellerLoaInfo.safeParse(raw);
    return info.success ? { kind: 'reseller', info: info.data } : null;
  };
}
