import type { SyncState } from '../../../shared/contract';
import type { Tone } from './StatusBadge';

/** How the Sync row words a sync state: badge tone + label, and what the user can do (if anything). */
export type SyncView = { tone: Tone; label: string; fix: string | null };

/**
 * Maps the engine's sync vocabulary (shared/contract/sync.ts) onto the app's five tones. `formatTime`
 * is passed in so tests can check the wording without depending on the machine's locale.
 */
export function syncView(state: SyncState, formatTime: (iso: string) => string): SyncView {
  const at = (iso: string | null | undefined, prefix: string) => (iso ? ` ${prefix} ${formatTime(iso)}` : '');
  switch (state.status) {
    case 'online':
      return { tone: 'done', label: 'Online', fix: null };
    case 'offline':
      return {
        tone: 'action',
        label: `Offline${state.until ? ` — retrying at ${formatTime(state.until)}` : ''}`,
        fix: 'Jobs wait and resume by themselves. If it lasts, check this computer’s internet connection.',
      };
    case 'rate-limited':
      return {
        tone: 'action',
        label: `Paused by rate limit${at(state.until ?? state.rateLimitedUntil, 'until')}`,
        fix: 'Sinch asked us to slow down; sending resumes by itself.',
      };
    case 'credentials-missing':
      return {
        tone: 'action',
        label: 'Needs action: no key',
        fix: 'Save this workspace’s access key secret; sending starts once it is there. Preparation keeps working.',
      };
    case 'credentials-rejected':
      return {
        tone: 'action',
        label: 'Needs action: key refused',
        fix: 'Check the key ID and secret against the project’s Access Keys in the Sinch dashboard and save them again.',
      };
    case 'storage-full':
      // The engine's detail says what happened and what to free (electron/core/store/storage-errors.ts).
      return { tone: 'action', label: 'Needs action: disk full or failing', fix: state.detail };
    case 'paused':
      return paused(state);
    case 'stopped':
      return { tone: 'waiting', label: 'Stopped', fix: null };
    case undefined:
      // No sync engine runs for this workspace: only the user's choice is known.
      return state.running ? { tone: 'progress', label: 'Starting', fix: null } : paused(state);
  }
}

/**
 * Nobody ever chose (`changedAt` null) only where a workspace starts out paused: a Live one, which
 * waits for one explicit start (electron/core/queue/sync-flag.ts). That needs the user, unlike a
 * pause they made themselves.
 */
const paused = (state: SyncState): SyncView =>
  state.changedAt === null
    ? {
        tone: 'action',
        label: 'Not started',
        fix: 'Sending to Sinch is real, so it waits for you: press Start sync once when you are ready.',
      }
    : { tone: 'waiting', label: 'Paused', fix: null };
