import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeskError, SyncState } from '../../../../shared/contract';
import type { Desk } from '../../lib/desk';

export type SyncControl = {
  /** null until the first answer */
  state: SyncState | null;
  /** `sync.status` failed (e.g. no open database) */
  loadError: DeskError | null;
  /** the last Start/Pause was refused (e.g. a Live workspace without its key secret) */
  actionError: DeskError | null;
  busy: boolean;
  /** Start when paused, Pause when running. */
  toggle(): Promise<void>;
};

/**
 * The active workspace's sync state: asked once, then kept current by the `sync.state` event, which
 * carries the whole state (no polling). A workspace switch announces itself with `app.statusChanged`;
 * then the state is asked again.
 */
export function useSync(desk: Desk, enabled: boolean): SyncControl {
  const [state, setState] = useState<SyncState | null>(null);
  const [loadError, setLoadError] = useState<DeskError | null>(null);
  const [actionError, setActionError] = useState<DeskError | null>(null);
  const [busy, setBusy] = useState(false);
  // Every answer or event takes a number; an older query answering late must not undo a newer event.
  const latest = useRef(0);

  const load = useCallback(async () => {
    const request = ++latest.current;
    const result = await desk.call('sync.status', {});
    if (request !== latest.current) return;
    if (result.ok) {
      setState(result.value);
      setLoadError(null);
    } else setLoadError(result.error);
  }, [desk]);

  useEffect(() => {
    if (!enabled) return;
    void load();
    const offState = desk.on('sync.state', (next) => {
      latest.current++;
      setState(next);
      setLoadError(null);
    });
    const offStatus = desk.on('app.statusChanged', ({ reason }) => {
      if (reason === 'workspace' || reason === 'keychain') void load();
    });
    return () => {
      offState();
      offStatus();
    };
  }, [desk, enabled, load]);

  const toggle = useCallback(async () => {
    setBusy(true);
    setActionError(null);
    const result = await desk.call(state?.running ? 'sync.pause' : 'sync.start', {});
    if (result.ok) {
      latest.current++;
      setState(result.value);
      setLoadError(null);
    } else setActionError(result.error);
    setBusy(false);
  }, [desk, state?.running]);

  return { state, loadError, actionError, busy, toggle };
}
