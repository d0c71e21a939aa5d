import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { SettingValue } from '../../../../shared/contract';
import { deskQueryOptions, useDesk, useDeskMutation } from '../../lib/query';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { StatusBadge } from '../../ui/StatusBadge';
import { browserPermission, PERMISSION_EVENT } from './OrderNotifications';

type Stored = SettingValue<'notifications'>;

/**
 * Settings → Notifications: one switch per kind and the signature wait in hours (setting
 * `notifications`), and in the browser shell the "Turn on notifications" button that asks the
 * browser's permission (Electron shows them as system notifications without asking).
 */
export function NotificationsPanel() {
  const desk = useDesk();
  const stored = useQuery(deskQueryOptions(desk, 'settings.get', { keys: ['notifications'] }));
  const entry = stored.data?.items.find((e) => e.key === 'notifications');
  const value = entry?.key === 'notifications' ? entry.value : null;
  const save = useDeskMutation('settings.set');
  const [hours, setHours] = useState('');
  useEffect(() => {
    if (value) setHours(value.signatureWaitingHours === null ? '24' : String(value.signatureWaitingHours));
  }, [value]);
  const hoursValid = /^\d+$/.test(hours) && Number(hours) >= 1 && Number(hours) <= 720;
  const write = (next: Stored) => save.mutate({ key: 'notifications', value: next });

  return (
    <section className="settings-section" aria-labelledby="notifications-title">
      <div className="settings-section-head">
        <h2 id="notifications-title">Notifications</h2>
      </div>
      <p className="settings-lede">
        Hosting Desk tells you when an order completes, when Sinch rejects one, and when an LOA has waited too
        long for its signature — once per order, even while another screen is open.
      </p>
      {desk.transport === 'http' ? <BrowserPermission /> : null}
      {stored.error && <ErrorNotice title="Could not load the notification settings" error={stored.error} />}
      {value && (
        <fieldset className="settings-fieldset">
          <legend>Tell me when</legend>
          <label className="settings-check">
            <input
              type="checkbox"
              checked={value.orderCompleted}
              onChange={(e) => write({ ...value, orderCompleted: e.target.checked })}
            />
            an order completes
          </label>
          <label className="settings-check">
            <input
              type="checkbox"
              checked={value.orderRejected}
              onChange={(e) => write({ ...value, orderRejected: e.target.checked })}
            />
            an order is rejected
          </label>
          <label className="settings-check">
            <input
              type="checkbox"
              checked={value.signatureWaitingHours !== null}
              onChange={(e) =>
                write({
                  ...value,
                  signatureWaitingHours: e.target.checked && hoursValid ? Number(hours) : null,
                })
              }
            />
            an LOA waits for its signature longer than
          </label>
          <div className="field settings-narrow">
            <label className="field-label" htmlFor="notify-hours">
              Hours
            </label>
            <input
              id="notify-hours"
              className="input"
              inputMode="numeric"
              value={hours}
              aria-invalid={hoursValid ? undefined : true}
              aria-describedby={hoursValid ? undefined : 'notify-hours-error'}
              onChange={(e) => setHours(e.target.value)}
              onBlur={() => {
                if (
                  hoursValid &&
                  value.signatureWaitingHours !== null &&
                  Number(hours) !== value.signatureWaitingHours
                )
                  write({ ...value, signatureWaitingHours: Number(hours) });
              }}
            />
            {!hoursValid && (
              <p className="field-error" id="notify-hours-error">
                Hours: give a whole number from 1 to 720 (30 days).
              </p>
            )}
          </div>
        </fieldset>
      )}
      {save.error && <ErrorNotice title="Could not save the notification settings" error={save.error} />}
    </section>
  );
}

/** The browser asks the user once; after a "Block" only the browser's site settings can undo it. */
function BrowserPermission() {
  const [permission, setPermission] = useState(browserPermission());
  if (permission === null)
    return (
      <p className="settings-hint">
        This browser cannot show notifications; open Hosting Desk in Chrome, Edge or Firefox.
      </p>
    );
  if (permission === 'granted')
    return (
      <p className="settings-hint">
        <StatusBadge tone="done">Notifications are on in this browser</StatusBadge>
      </p>
    );
  if (permission === 'denied')
    return (
      <p className="settings-hint">
        <StatusBadge tone="action">This browser blocks notifications from Hosting Desk</StatusBadge> Allow
        them in the site settings (the icon left of the address), then reload this page.
      </p>
    );
  return (
    // the panel's own spacing (React sets it through the CSSOM, which the CSP allows): no settings.css edit
    <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap', marginBottom: 12 }}>
      <button
        type="button"
        className="button button-primary"
        onClick={() =>
          void Notification.requestPermission().then((answer) => {
            setPermission(answer);
            window.dispatchEvent(new Event(PERMISSION_EVENT));
          })
        }
      >
        Turn on notifications
      </button>
      <span className="settings-hint">
        Your browser asks once whether Hosting Desk may show notifications.
      </span>
    </div>
  );
}
