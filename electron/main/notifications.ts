import type { ChannelName, Input, Output } from '../../shared/contract';
import type { Result } from '../../shared/contract/envelope';
import { createOrderNotifier, type OrderNotification, type OrderNotifier } from '../../shared/domain/notify';

/**
 * Electron's order notifications (issue 11): main shows them with the OS `Notification`, fed by the
 * engine's events through the supervisor. Thin glue: the decision and the memory of what was shown
 * are `createOrderNotifier`'s (shared/domain/notify.ts, unit-tested); the renderer of the Electron
 * window shows none (features/settings/OrderNotifications.tsx runs in the browser shell only).
 */
export type NotificationLike = { show(): void; on(event: 'click', listener: () => void): unknown };
export type NotificationCtor = {
  new (options: { title: string; body: string }): NotificationLike;
  isSupported(): boolean;
};
type EngineLike = {
  call(channel: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
};

export function startOrderNotifications(deps: {
  engine: EngineLike;
  Notification: NotificationCtor;
  /** the user clicked a notification: bring the window up on that order */
  onOpen: (n: OrderNotification) => void;
  now?: () => number;
}): { notifier: OrderNotifier; stop: () => void } {
  const notifier = createOrderNotifier({
    call: <C extends ChannelName>(channel: C, input: Input<C>) =>
      deps.engine.call(channel, input) as Promise<Result<Output<C>>>,
    show: (n) => {
      if (!deps.Notification.isSupported()) return;
      const shown = new deps.Notification({ title: n.title, body: n.body });
      shown.on('click', () => deps.onOpen(n));
      shown.show();
    },
    now: deps.now ?? Date.now,
    setTimer: (run, ms) => {
      // setTimeout's limit is 2^31-1 ms (24.8 days); a longer wait just looks again then
      const t = setTimeout(run, Math.min(ms, 2 ** 31 - 1));
      return () => clearTimeout(t);
    },
  });
  const off = deps.engine.subscribe((event, payload) => {
    if (event === 'orders.changed') void notifier.check((payload as { ids?: string[] }).ids ?? []);
    else if (event === 'settings.changed') void notifier.check();
    else if (event === 'app.statusChanged' && (payload as { reason?: string }).reason === 'workspace') {
      notifier.reset();
      void notifier.check();
    }
  });
  void notifier.check();
  return {
    notifier,
    stop: () => {
      off();
      notifier.stop();
    },
  };
}
