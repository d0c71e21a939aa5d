/**
 * The simulator's agenda: which record has its next transition when. A binary min-heap with lazy deletion
 * (a map holds each id's current time; stale heap entries are skipped), so stepping thousands of numbers
 * stays O(log n) per transition.
 */
export class DueQueue {
  private readonly at = new Map<string, number>();
  private heap: [number, string][] = [];

  set(id: string, time: number | null): void {
    if (time === null) {
      this.at.delete(id);
      return;
    }
    if (this.at.get(id) === time) return;
    this.at.set(id, time);
    this.push([time, id]);
  }

  /** Removes and returns the earliest entry due at or before `until`, if any. */
  popDue(until: number): [number, string] | undefined {
    for (;;) {
      const top = this.heap[0];
      if (!top) return undefined;
      if (this.at.get(top[1]) !== top[0]) {
        this.pop(); // stale: rescheduled or removed since
        continue;
      }
      if (top[0] > until) return undefined;
      this.pop();
      this.at.delete(top[1]);
      return top;
    }
  }

  clear(): void {
    this.at.clear();
    this.heap = [];
  }

  get size(): number {
    return this.at.size;
  }

  private less(a: [number, string], b: [number, string]): boolean {
    return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  }

  private push(entry: [number, string]): void {
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(h[i] as [number, string], h[parent] as [number, string])) break;
      [h[i], h[parent]] = [h[parent] as [number, string], h[i] as [number, string]];
      i = parent;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop();
    if (!last || h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l] as [number, string], h[m] as [number, string])) m = l;
      if (r < h.length && this.less(h[r] as [number, string], h[m] as [number, string])) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m] as [number, string], h[i] as [number, string]];
      i = m;
    }
  }
}
