import { useEffect, useState } from 'react';
import { createOrderNotifier } from '../../../../shared/domain/notify';
import type { Desk } from '../../lib/desk';
import { useDesk } from '../../lib/query';

/** Whether this browser lets the page show notifications; null where there is no Notifications API. */
export function browserPermission(): NotificationPermission | null {
  return typeof Notification === 'undefined' ? null : Notification.permission;
}

/** Said when the user allowed notifications on the settings panel, so the watcher starts at once. */
export const PERMISSION_EVENT = 'hosting-desk:notification-permission';

/**
 * The browser shell's order notifications: once the user allowed them (NotificationsPanel), the
 * renderer runs the same notifier as Electron's main (shared/domain/notify.ts) and shows what it
 * decides with the Notifications API. In Electron main shows them, so this renders nothing and
 * runs nothing there. Mounted once, in the app's root (app/router.tsx), whatever screen is open.
 */
export function OrderNotifications() {
  const desk = useDesk();
  const [granted, setGranted] = useState(browserPermission() === 'granted');
  useEffect(() => {
    const recheck = () => setGranted(browserPermission() === 'granted');
    window.addEventListener(PERMISSION_EVENT, recheck);
    return () => window.removeEventListener(PERMISSION_EVENT, recheck);
  }, []);
  useEffect(() => {
    if (desk.transport !== 'http' || !granted) return;
    return watchOrders(desk);
  }, [desk, granted]);
  return null;
}

function watchOrders(desk: Desk): () => void {
  const notifier = createOrderNotifier({
    call: (channel, input) => desk.call(channel, input),
    show: (n) => {
      const shown = new Notification(n.title, { body: n.body, tag: n.key });
      shown.onclick = () => {
        window.focus();
        window.location.hash = `#/orders/${encodeURIComponent(n.orderId)}`;
      };
    },
    now: Date.now,
    setTimer: (run, ms) => {
      const t = window.setTimeout(run, Math.min(ms, 2 ** 31 - 1));
      return () => window.clearTimeout(t);
    },
  });
  const offs = [
    desk.on('orders.changed', ({ ids }) => void notifier.check(ids)),
    desk.on('settings.changed', () => void notifier.check()),
    desk.on('app.statusChanged', ({ reason }) => {
      if (reason !== 'workspace') return;
      notifier.reset();
      void notifier.check();
    }),
    // events may have been missed while the stream was down
    desk.onConnection(() => void notifier.check()),
  ];
  void notifier.check();
  return () => {
    for (const off of offs) off();
    notifier.stop();
  };
}
