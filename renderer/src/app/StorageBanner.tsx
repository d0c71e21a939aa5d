import type { AppStatus } from '../../../shared/contract';
import { useKeychainProbe } from '../lib/app-state';
import { StatusIcon } from '../ui/StatusBadge';

/** The banner shows while the open database is unencrypted or could not be opened. */
export const needsStorageBanner = (
  storage: AppStatus['storage'],
): storage is NonNullable<AppStatus['storage']> =>
  storage !== undefined && !(storage.available && storage.encrypted);

/**
 * The permanent banner DESIGN.md ("Secrets") asks for: while the open database is not encrypted (no
 * keychain answered) or cannot be opened at all, every screen says so. It cannot be dismissed — it
 * goes away only when `app.status` says the storage is encrypted again. Nothing silently downgrades.
 */
export function StorageBanner({ storage }: { storage: NonNullable<AppStatus['storage']> }) {
  const probe = useKeychainProbe();
  const checking = probe.isPending;
  const probeError = probe.error;
  const check = () => probe.mutate({});
  const broken = !storage.available;
  return (
    <div
      className={`banner ${broken ? 'banner-failed' : 'banner-action'}`}
      role={broken ? 'alert' : 'status'}
      data-testid="storage-banner"
    >
      <StatusIcon tone={broken ? 'failed' : 'action'} />
      <div className="banner-body">
        <p className="banner-title">
          {broken ? 'The workspace database could not be opened' : 'Storage is not encrypted'}
        </p>
        <p>
          {storage.reason}{' '}
          <span className="banner-fix">
            To fix: install or unlock a Secret Service keychain (GNOME Keyring or KWallet; on macOS and
            Windows the system keychain), then check again.
          </span>
        </p>
        {probeError && <p className="banner-error">{probeError.message}</p>}
      </div>
      <button type="button" className="button" onClick={check} disabled={checking}>
        {checking ? 'Checking…' : 'Check again'}
      </button>
    </div>
  );
}
