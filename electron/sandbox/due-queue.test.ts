import { describe, expect, it } from 'vitest';
import { DueQueue } from './due-queue';

describe('DueQueue', () => {
  it('pops in time order, only what is due, honouring reschedules and removals', () => {
    const q = new DueQueue();
    q.set('c', 30);
    q.set('a', 10);
    q.set('b', 20);
    q.set('d', 5);
    q.set('d', null); // removed
    q.set('c', 15); // rescheduled earlier
    const popped: string[] = [];
    for (let e = q.popDue(25); e; e = q.popDue(25)) popped.push(`${e[1]}@${e[0]}`);
    expect(popped).toEqual(['a@10', 'c@15', 'b@20']);
    expect(q.popDue(100)).toBeUndefined();
    q.set('a', 50);
    expect(q.popDue(49)).toBeUndefined();
    expect(q.popDue(50)).toEqual([50, 'a']);
  });

  it('sorts many random entries like Array.sort does', () => {
    const q = new DueQueue();
    const entries = Array.from({ length: 500 }, (_, i) => [(i * 7919) % 1000, `id${i}`] as [number, string]);
    for (const [t, id] of entries) q.set(id, t);
    const out: number[] = [];
    for (let e = q.popDue(Number.POSITIVE_INFINITY); e; e = q.popDue(Number.POSITIVE_INFINITY))
      out.push(e[0]);
    expect(out).toEqual(entries.map(([t]) => t).sort((a, b) => a - b));
  });
});
