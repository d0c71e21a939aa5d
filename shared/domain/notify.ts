import type { OrderState } from '../contract/orders';

/**
 * When to tell the user about an order (issue 11, notifications): it completed, it was rejected, or
 * it has waited for its LOA signature longer than the user's limit. Pure: both shells feed it the
 * orders they see and what they already said, and show what it returns (Electron's `Notification`
 * from main; the browser's Notifications API once the user allowed it).
 */
export type NotifySettings = {
  completed: boolean;
  rejected: boolean;
  /** minutes an order may wait for its LOA signature before we say so; null = never */
  signatureWaitMinutes: number | null;
};
export const DEFAULT_NOTIFY_SETTINGS: NotifySettings = {
  completed: true,
  rejected: true,
  signatureWaitMinutes: 24 * 60,
};

export type NotifiableOrder = {
  id: string;
  state: OrderState;
  displayName: string | null;
  signatureWaitingSince: string | null;
};
export type NotificationKind = 'completed' | 'rejected' | 'signature-wait';
export type OrderNotification = {
  key: string;
  kind: NotificationKind;
  orderId: string;
  title: string;
  body: string;
};

/**
 * The notifications due now. `previous` is each order's state when last seen (absent = first sight:
 * an order already completed before we looked is not news); `said` holds the keys already shown, so
 * each thing is said once, whatever the order of calls.
 */
export function dueNotifications(input: {
  orders: readonly NotifiableOrder[];
  previous: ReadonlyMap<string, OrderState>;
  said: ReadonlySet<string>;
  settings: NotifySettings;
  now: number;
}): OrderNotification[] {
  const out: OrderNotification[] = [];
  for (const order of input.orders) {
    const name = order.displayName ? `“${order.displayName}”` : order.id;
    const before = input.previous.get(order.id);
    const changedTo = (state: OrderState) =>
      before !== undefined && before !== state && order.state === state;
    const push = (kind: NotificationKind, title: string, body: string) => {
      const key = `${order.id}:${kind}`;
      if (!input.said.has(key)) out.push({ key, kind, orderId: order.id, title, body });
    };
    if (input.settings.completed && changedTo('completed'))
      push('completed', 'Order completed', `Order ${name} is complete. Open it to see each number’s result.`);
    if (input.settings.rejected && changedTo('rejected'))
      push('rejected', 'Order rejected', `Order ${name} was rejected. Open it to see why and re-issue it.`);
    const limit = input.settings.signatureWaitMinutes;
    if (limit !== null && order.state === 'waiting-loa' && order.signatureWaitingSince) {
      const waited = input.now - Date.parse(order.signatureWaitingSince);
      if (waited >= limit * 60_000)
        push(
          'signature-wait',
          'Waiting for a signature',
          `Order ${name} has waited ${hours(waited)} for its LOA signature. Remind the signer or re-issue it.`,
        );
    }
  }
  return out;
}

const hours = (ms: number) => {
  const h = Math.floor(ms / 3_600_000);
  return h >= 48
    ? `${Math.floor(h / 24)} days`
    : h >= 1
      ? `${h} ${h === 1 ? 'hour' : 'hours'}`
      : `${Math.round(ms / 60_000)} minutes`;
};
