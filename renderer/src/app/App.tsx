import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppStatus, DeskError } from '../../../shared/contract';
import { StatusPage } from '../features/status/StatusPage';
import { useSync } from '../features/status/useSync';
import type { Desk } from '../lib/desk';
import { ErrorNotice } from '../ui/ErrorNotice';
import { AppFrame } from './AppFrame';
import { needsStorageBanner, StorageBanner } from './StorageBanner';

/**
 * Root: owns `app.status` (the frame needs the workspace and the storage banner, the page needs the
 * rest) and re-queries it on `app.statusChanged`, and the sync state (kept by `sync.state` events) —
 * the renderer never polls (DESIGN.md, "The contract").
 */
export function App({ desk, sessionError }: { desk: Desk; sessionError: DeskError | null }) {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [loadError, setLoadError] = useState<DeskError | null>(null);
  const latest = useRef(0);

  const load = useCallback(async () => {
    // Only the newest answer counts: an event can trigger a reload while an older one is in flight.
    const request = ++latest.current;
    const result = await desk.call('app.status', {});
    if (request !== latest.current) return;
    if (result.ok) {
      setStatus(result.value);
      setLoadError(null);
    } else setLoadError(result.error);
  }, [desk]);

  useEffect(() => {
    if (sessionError) return;
    void load();
    return desk.on('app.statusChanged', () => void load());
  }, [desk, load, sessionError]);

  const probeKeychain = useCallback(async (): Promise<DeskError | null> => {
    const result = await desk.call('keychain.probe', {});
    if (!result.ok) return result.error;
    setStatus((s) => (s ? { ...s, keychain: result.value } : s));
    return null;
  }, [desk]);

  const sync = useSync(desk, !sessionError);

  const storage = status?.storage;
  const banner = needsStorageBanner(storage) ? (
    <StorageBanner storage={storage} onProbeKeychain={probeKeychain} />
  ) : null;

  return (
    <AppFrame workspace={status?.workspace ?? null} banner={banner}>
      {sessionError ? (
        <section className="page">
          <div className="page-head">
            <h1>Not connected</h1>
          </div>
          <ErrorNotice
            title="This page is not connected to Hosting Desk"
            error={sessionError}
            fix="In the terminal where npm run serve runs, open the one link it printed (http://127.0.0.1:…/#token=…). If it is not running, start it with npm run serve and open the new link."
          />
        </section>
      ) : (
        <StatusPage
          status={status}
          loadError={loadError}
          sync={sync}
          onReload={load}
          onProbeKeychain={probeKeychain}
        />
      )}
    </AppFrame>
  );
}
