import { describe, expect, it } from 'vitest';
import type { OrderState } from '../contract/orders';
import {
  createOrderNotifier,
  DEFAULT_NOTIFY_SETTINGS,
  type DeskCall,
  dueNotifications,
  type NotifiableOrder,
  nextSignatureDue,
  notifySettingsOf,
} from './notify';

const NOW = Date.parse('2026-01-06T09:00:00Z');
const order = (id: string, state: OrderState, waitingSince: string | null = null): NotifiableOrder => ({
  id,
  state,
  displayName: id === 'o1' ? 'March batch' : null,
  signatureWaitingSince: waitingSince,
});
const due = (
  orders: NotifiableOrder[],
  previous: Array<[string, OrderState]>,
  said: string[] = [],
  settings = DEFAULT_NOTIFY_SETTINGS,
) => dueNotifications({ orders, previous: new Map(previous), said: new Set(said), settings, now: NOW });

describe('when to notify', () => {
  it('says an order completed or was rejected when it changes to that state, once', () => {
    const out = due(
      [order('o1', 'completed'), order('o2', 'rejected')],
      [
        ['o1', 'in-progress'],
        ['o2', 'waiting-loa'],
      ],
    );
    expect(out.map((n) => [n.key, n.title])).toEqual([
      ['o1:completed', 'Order completed'],
      ['o2:rejected', 'Order rejected'],
    ]);
    expect(out[0]?.body).toContain('“March batch”');
    expect(due([order('o1', 'completed')], [['o1', 'in-progress']], ['o1:completed'])).toEqual([]);
  });

  it('is silent about orders first seen in their end state, and about no change', () => {
    expect(due([order('o1', 'completed')], [])).toEqual([]);
    expect(due([order('o1', 'completed')], [['o1', 'completed']])).toEqual([]);
    expect(due([order('o1', 'in-progress')], [['o1', 'submitted']])).toEqual([]);
  });

  it('says a signature has waited too long after the set time, once, whenever first seen', () => {
    const since = (h: number) => new Date(NOW - h * 3_600_000).toISOString();
    expect(due([order('o3', 'waiting-loa', since(23))], [])).toEqual([]);
    const [n] = due([order('o3', 'waiting-loa', since(25))], []);
    expect(n).toMatchObject({ key: 'o3:signature-wait', title: 'Waiting for a signature' });
    expect(n?.body).toContain('25 hours');
    expect(due([order('o3', 'waiting-loa', since(72))], [], [])[0]?.body).toContain('3 days');
    expect(due([order('o3', 'waiting-loa', since(25))], [], ['o3:signature-wait'])).toEqual([]);
  });

  it('follows the setting of each kind', () => {
    const off = { completed: false, rejected: false, signatureWaitMinutes: null };
    const since = new Date(NOW - 100 * 3_600_000).toISOString();
    expect(
      due(
        [order('o1', 'completed'), order('o2', 'rejected'), order('o3', 'waiting-loa', since)],
        [
          ['o1', 'in-progress'],
          ['o2', 'waiting-loa'],
        ],
        [],
        off,
      ),
    ).toEqual([]);
    expect(
      due([order('o3', 'waiting-loa', new Date(NOW - 10 * 60_000).toISOString())], [], [], {
        ...off,
        signatureWaitMinutes: 5,
      }),
    ).toHaveLength(1);
  });
});

describe('the notifier both shells run', () => {
  type Summary = {
    id: string;
    state: OrderState;
    displayName: string | null;
    signatureWaitingSince: string | null;
  };
  /** A fake engine: orders by id, the two settings, every call counted. */
  function fakeEngine(orders: Summary[]) {
    const byId = new Map(orders.map((o) => [o.id, o]));
    let sent: string[] = [];
    let notifications = {
      orderCompleted: true,
      orderRejected: true,
      signatureWaitingHours: 2 as number | null,
    };
    let failSave = false;
    const calls: string[] = [];
    const call = (async (channel: string, input: Record<string, unknown>) => {
      calls.push(channel);
      if (channel === 'settings.get')
        return {
          ok: true,
          value: {
            items: [
              { key: 'notifications', value: notifications },
              { key: 'notifications.sent', value: sent },
            ],
          },
        };
      if (channel === 'settings.set') {
        if (failSave) return { ok: false, error: { code: 'INTERNAL', message: 'disk full' } };
        sent = input.value as string[];
        return { ok: true, value: {} };
      }
      if (channel === 'orders.list')
        return {
          ok: true,
          value: { items: [...byId.values()].filter((o) => !['completed', 'rejected'].includes(o.state)) },
        };
      if (channel === 'orders.get') return { ok: true, value: byId.get(input.id as string) };
      throw new Error(`unexpected ${channel}`);
    }) as unknown as DeskCall;
    return {
      call,
      calls,
      set: (id: string, patch: Partial<Summary>) => byId.set(id, { ...(byId.get(id) as Summary), ...patch }),
      sent: () => sent,
      configure: (n: typeof notifications) => {
        notifications = n;
      },
      failSaves: () => {
        failSave = true;
      },
    };
  }
  const harness = (orders: Summary[], now = NOW) => {
    const engine = fakeEngine(orders);
    const shown: string[] = [];
    const timers: Array<{ ms: number; run: () => void; cancelled: boolean }> = [];
    const notifier = createOrderNotifier({
      call: engine.call,
      show: (n) => shown.push(n.key),
      now: () => now,
      setTimer: (run, ms) => {
        const t = { ms, run, cancelled: false };
        timers.push(t);
        return () => {
          t.cancelled = true;
        };
      },
    });
    return { engine, shown, timers, notifier };
  };

  it('an order seen in flight that completes is shown once, remembered by the engine first', async () => {
    const h = harness([order('o1', 'in-progress')]);
    await h.notifier.check();
    expect(h.shown).toEqual([]);
    h.engine.set('o1', { state: 'completed' });
    await h.notifier.check(['o1']);
    await h.notifier.check(['o1']);
    expect(h.shown).toEqual(['o1:completed']);
    expect(h.engine.sent()).toEqual(['o1:completed']);
    // a fresh start (another window, the other shell, a restart) with the engine's memory: silent
    const again = harness([order('o1', 'completed')]);
    expect(await again.notifier.check(['o1'])).toEqual([]);
  });

  it('says nothing when the memory cannot be written (rather than twice later)', async () => {
    const h = harness([order('o2', 'waiting-loa')]);
    await h.notifier.check();
    h.engine.failSaves();
    h.engine.set('o2', { state: 'rejected' });
    expect(await h.notifier.check(['o2'])).toEqual([]);
    expect(h.shown).toEqual([]);
  });

  it('sets one timer for the moment a signature wait falls due, and shows it then', async () => {
    const since = new Date(NOW - 90 * 60_000).toISOString(); // 1.5 h of a 2 h limit
    const h = harness([order('o3', 'waiting-loa', since)]);
    await h.notifier.check();
    expect(h.shown).toEqual([]);
    expect(h.timers.at(-1)?.ms).toBe(30 * 60_000 + 1_000);
    const later = harness([order('o3', 'waiting-loa', since)], NOW + 31 * 60_000);
    await later.notifier.check();
    expect(later.shown).toEqual(['o3:signature-wait']);
    expect(later.timers.filter((t) => !t.cancelled)).toEqual([]);
  });

  it('reads only orders in flight plus the ones an event named that it had seen', async () => {
    const h = harness([order('o4', 'completed')]);
    await h.notifier.check(['o4']);
    expect(h.engine.calls).not.toContain('orders.get');
    expect(
      nextSignatureDue({ orders: [], said: new Set(), settings: DEFAULT_NOTIFY_SETTINGS, now: NOW }),
    ).toBeNull();
  });

  it('the stored hours become the decision’s minutes', () => {
    expect(
      notifySettingsOf({ orderCompleted: false, orderRejected: true, signatureWaitingHours: 3 }),
    ).toEqual({
      completed: false,
      rejected: true,
      signatureWaitMinutes: 180,
    });
    expect(
      notifySettingsOf({ orderCompleted: true, orderRejected: true, signatureWaitingHours: null })
        .signatureWaitMinutes,
    ).toBeNull();
  });
});
