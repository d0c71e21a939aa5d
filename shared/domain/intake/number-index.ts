/**
 * First row per number, for in-file de-duplication of up to 100,000 rows. Keys are the ten national
 * digits as a number; an open-addressing table over typed arrays costs a fraction of a
 * `Map<string, number>` (no string hashing, nothing for the garbage collector), which matters
 * inside the intake budget (DESIGN.md "Performance budgets").
 */
export class NumberIndex {
  private keys: Float64Array;
  private values: Int32Array;
  private mask: number;
  private size = 0;

  constructor(capacity = 1 << 12) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.keys = new Float64Array(slots);
    this.values = new Int32Array(slots);
    this.mask = slots - 1;
  }

  /** The value stored for `key`, or `add` it with `value` and return undefined. Keys are > 0. */
  getOrAdd(key: number, value: number): number | undefined {
    let slot = this.slot(key);
    for (;;) {
      const found = this.keys[slot] as number;
      if (found === key) return this.values[slot];
      if (found === 0) break;
      slot = (slot + 1) & this.mask;
    }
    this.keys[slot] = key;
    this.values[slot] = value;
    if (++this.size * 2 > this.mask) this.grow();
    return undefined;
  }

  get(key: number): number | undefined {
    let slot = this.slot(key);
    for (;;) {
      const found = this.keys[slot] as number;
      if (found === key) return this.values[slot];
      if (found === 0) return undefined;
      slot = (slot + 1) & this.mask;
    }
  }

  private slot(key: number): number {
    // mix the low and high halves (a 10-digit number exceeds 32 bits); `>>> 0` takes the low half
    // without a floating-point modulo
    const low = key >>> 0;
    const high = (key / 4294967296) | 0;
    return (Math.imul(low ^ Math.imul(high, 0x27d4eb2d), 0x9e3779b1) >>> 0) & this.mask;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.values = new Int32Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    this.size = 0;
    for (let i = 0; i < keys.length; i++)
      if (keys[i] !== 0) this.getOrAdd(keys[i] as number, values[i] as number);
  }
}
