import { describe, expect, it } from 'vitest';
import type { OrderNotification } from '../../shared/domain/notify';
import { type NotificationCtor, startOrderNotifications } from './notifications';

/** A fake engine with one order, and the OS `Notification` stubbed (no Electron binary here). */
function setup() {
  let state = 'in-progress';
  let sent: string[] = [];
  const listeners: Array<(event: string, payload: unknown) => void> = [];
  const engine = {
    call: async (channel: string, input: unknown) => {
      const order = { id: 'o1', state, displayName: 'March', signatureWaitingSince: null };
      if (channel === 'settings.get')
        return {
          ok: true as const,
          value: {
            items: [
              {
                key: 'notifications',
                value: { orderCompleted: true, orderRejected: true, signatureWaitingHours: 24 },
              },
              { key: 'notifications.sent', value: sent },
            ],
          },
        };
      if (channel === 'settings.set') {
        sent = (input as { value: string[] }).value;
        return { ok: true as const, value: {} };
      }
      if (channel === 'orders.list')
        return { ok: true as const, value: { items: state === 'in-progress' ? [order] : [] } };
      if (channel === 'orders.get') return { ok: true as const, value: order };
      throw new Error(channel);
    },
    subscribe: (l: (event: string, payload: unknown) => void) => {
      listeners.push(l);
      return () => listeners.splice(listeners.indexOf(l), 1);
    },
  };
  const shown: Array<{ title: string; body: string }> = [];
  const opened: OrderNotification[] = [];
  let click: (() => void) | null = null;
  const Notification = class {
    constructor(readonly options: { title: string; body: string }) {}
    on(_event: 'click', listener: () => void) {
      click = listener;
    }
    show() {
      shown.push(this.options);
    }
    static isSupported() {
      return true;
    }
  } as unknown as NotificationCtor;
  const started = startOrderNotifications({ engine, Notification, onOpen: (n) => opened.push(n) });
  return {
    started,
    shown,
    opened,
    emit: (event: string, payload: unknown) => {
      for (const l of listeners) l(event, payload);
    },
    complete: () => {
      state = 'completed';
    },
    click: () => click?.(),
    listeners,
  };
}

describe('Electron main: order notifications', () => {
  it('an orders.changed that completes an order shows one OS notification; a click opens it', async () => {
    const s = setup();
    await s.started.notifier.check(); // the start-up look has been taken
    s.complete();
    s.emit('orders.changed', { ids: ['o1'], counts: {} });
    s.emit('orders.changed', { ids: ['o1'], counts: {} });
    await s.started.notifier.check();
    expect(s.shown).toEqual([{ title: 'Order completed', body: expect.stringContaining('“March”') }]);
    s.click();
    expect(s.opened.map((n) => n.orderId)).toEqual(['o1']);
    s.started.stop();
    expect(s.listeners).toHaveLength(0);
  });
});
