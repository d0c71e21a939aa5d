/**
 * Seeded randomness. Everything the simulator decides by chance (fault injection, voice codes, ids) comes
 * from here, so the same seed and the same request sequence give the same run.
 */

/** mulberry32: tiny, fast, good enough for simulation; the whole state is one uint32 (easy to persist). */
export class Prng {
  constructor(private state: number) {
    this.state = state >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  get snapshot(): number {
    return this.state;
  }
}

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A 26-char lower-case Crockford base32 id, ULID-like (REFERENCE §3.2: `01arz3nhyrtsv4rrffq69g5fav`):
 * 10 chars of millisecond time, then 16 random chars.
 */
export function ulidLike(timeMs: number, prng: Prng): string {
  let time = '';
  let t = Math.max(0, Math.floor(timeMs));
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let rand = '';
  for (let i = 0; i < 16; i++) rand += CROCKFORD[prng.int(32)];
  return time + rand;
}

/** A numeric code of `digits` digits, e.g. the voice challenge's "1234" (REFERENCE §5.3 (20)). */
export function numericCode(digits: number, prng: Prng): string {
  let code = '';
  for (let i = 0; i < digits; i++) code += String(prng.int(10));
  return code;
}
