import type { ChannelName, Input, Output } from '../contract';
import type { Result } from '../contract/envelope';
import type { OrderState, OrderSummary } from '../contract/orders';
import type { SettingValue } from '../contract/settings';

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

// ── delivery: the same loop for both shells ───────────────────────────────────────────────────────

/** The stored setting (`settings` key `notifications`, hours) as the decision takes it. */
export function notifySettingsOf(stored: SettingValue<'notifications'>): NotifySettings {
  return {
    completed: stored.orderCompleted,
    rejected: stored.orderRejected,
    signatureWaitMinutes: stored.signatureWaitingHours === null ? null : stored.signatureWaitingHours * 60,
  };
}

export const toNotifiable = (o: OrderSummary): NotifiableOrder => ({
  id: o.id,
  state: o.state,
  displayName: o.displayName,
  signatureWaitingSince: o.signatureWaitingSince,
});

/**
 * Milliseconds until the next signature-wait notification falls due (null: none will), so a shell
 * sets one timer for that moment instead of polling: nothing else changes while no event arrives.
 */
export function nextSignatureDue(input: {
  orders: readonly NotifiableOrder[];
  said: ReadonlySet<string>;
  settings: NotifySettings;
  now: number;
}): number | null {
  const limit = input.settings.signatureWaitMinutes;
  if (limit === null) return null;
  let next: number | null = null;
  for (const o of input.orders) {
    if (o.state !== 'waiting-loa' || !o.signatureWaitingSince || input.said.has(`${o.id}:signature-wait`))
      continue;
    const wait = Math.max(0, Date.parse(o.signatureWaitingSince) + limit * 60_000 - input.now);
    next = next === null ? wait : Math.min(next, wait);
  }
  return next;
}

/** How many shown keys the engine keeps (oldest dropped first). */
export const SENT_KEEP = 500;

/** A desk call, as both shells have one (the renderer's `desk.call`, Electron main's supervisor). */
export type DeskCall = <C extends ChannelName>(channel: C, input: Input<C>) => Promise<Result<Output<C>>>;

export type OrderNotifier = {
  /** Look again (on `orders.changed` with its ids, on `settings.changed`, at start); serialised. */
  check(changedIds?: readonly string[]): Promise<OrderNotification[]>;
  /** Another workspace: its orders are other orders. */
  reset(): void;
  stop(): void;
};

/**
 * Watches the orders and shows what `dueNotifications` decides. What was shown is remembered by the
 * engine (setting `notifications.sent`, per workspace) and written BEFORE showing: a crash in between
 * loses a notification rather than repeating it, and two windows or both shells never say it twice.
 * Reads only the orders still in flight plus the ones an event named, never the whole list.
 */
export function createOrderNotifier(deps: {
  call: DeskCall;
  show: (n: OrderNotification) => void;
  now: () => number;
  setTimer: (run: () => void, ms: number) => () => void;
}): OrderNotifier {
  const previous = new Map<string, OrderState>();
  let cancelTimer: (() => void) | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const must = async <C extends ChannelName>(channel: C, input: Input<C>): Promise<Output<C> | null> => {
    const r = await deps.call(channel, input);
    return r.ok ? r.value : null;
  };

  async function once(changedIds: readonly string[]): Promise<OrderNotification[]> {
    const settings = await must('settings.get', { keys: ['notifications', 'notifications.sent'] });
    const inFlight = await must('orders.list', { inFlight: true, offset: 0, limit: 500 });
    if (!settings || !inFlight) return [];
    let stored: SettingValue<'notifications'> | undefined;
    let sent: readonly string[] = [];
    for (const e of settings.items) {
      if (e.key === 'notifications') stored = e.value;
      if (e.key === 'notifications.sent') sent = e.value;
    }
    if (!stored) return [];
    const orders = inFlight.items.map(toNotifiable);
    const seen = new Set(orders.map((o) => o.id));
    // orders that left the in-flight list since we looked: completed or rejected (at most 50 a look)
    for (const id of changedIds.filter((i) => !seen.has(i) && previous.has(i)).slice(0, 50)) {
      const o = await must('orders.get', { id });
      if (o) orders.push(toNotifiable(o));
    }
    const said = new Set(sent);
    const cfg = notifySettingsOf(stored);
    const due = dueNotifications({ orders, previous, said, settings: cfg, now: deps.now() });
    if (due.length > 0) {
      const keep = [...sent, ...due.map((n) => n.key)].slice(-SENT_KEEP);
      const saved = await deps.call('settings.set', { key: 'notifications.sent', value: keep });
      if (!saved.ok) return []; // unsaved means it could be said again: say nothing now
      for (const n of due) said.add(n.key);
    }
    for (const o of orders) previous.set(o.id, o.state);
    for (const n of due) if (!stopped) deps.show(n);
    cancelTimer?.();
    cancelTimer = null;
    const wait = nextSignatureDue({ orders, said, settings: cfg, now: deps.now() });
    if (wait !== null && !stopped) cancelTimer = deps.setTimer(() => void check(), wait + 1_000);
    return due;
  }

  function check(changedIds: readonly string[] = []): Promise<OrderNotification[]> {
    const run = queue.then(() => (stopped ? [] : once(changedIds)));
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    check,
    reset: () => previous.clear(),
    stop: () => {
      stopped = true;
      cancelTimer?.();
    },
  };
}
