import { useQuery } from '@tanstack/react-query';
import type { AppStatus } from '../../../shared/contract';
import { deskQueryOptions, useDesk, useDeskMutation, useQueryClient } from './query';

/**
 * The app-wide server state the frame and several screens share: `app.status` (workspace badge,
 * storage banner, status page) and the sync state (frame's sync pill, Start/Pause). Kept true by the
 * event table (`app.statusChanged`, `sync.state`); nothing here polls or tracks requests by hand.
 */
/** `enabled: false` while the page has no session (nothing to ask; the answer would be 401). */
export function useAppStatus(enabled = true) {
  return useQuery({ ...deskQueryOptions(useDesk(), 'app.status', {}), enabled });
}

export function useSyncState() {
  return useQuery(deskQueryOptions(useDesk(), 'sync.status', {}));
}

/** Start when paused, Pause when running; the answer is the new state, patched in at once. */
export function useSyncToggle(running: boolean) {
  const queryClient = useQueryClient();
  return useDeskMutation(running ? 'sync.pause' : 'sync.start', {
    onSuccess: (state) => queryClient.setQueryData(['sync.status', {}], state),
  });
}

/** Probe the keychain again; the answer patches app.status (the event re-asks the rest). */
export function useKeychainProbe() {
  const queryClient = useQueryClient();
  return useDeskMutation('keychain.probe', {
    onSuccess: (keychain) =>
      queryClient.setQueryData<AppStatus>(['app.status', {}], (status) =>
        status ? { ...status, keychain } : status,
      ),
  });
}
