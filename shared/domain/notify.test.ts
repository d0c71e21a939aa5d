import { describe, expect, it } from 'vitest';
import type { OrderState } from '../contract/orders';
import { DEFAULT_NOTIFY_SETTINGS, dueNotifications, type NotifiableOrder } from './notify';

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
