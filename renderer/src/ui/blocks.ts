/**
 * Block math for tables whose rows come from the engine in offset windows (UI.md, "big tables"):
 * rows are fetched in fixed-size blocks keyed by their offset, so scrolling to row 60,000 asks for
 * one or two blocks, and blocks once fetched are reused while they stay in the cache.
 */
export type Block<Row> = { offset: number; rows: readonly Row[]; total: number };

/** The block offsets covering rows [first, last] (inclusive), clamped to [0, total). */
export function blockOffsets(first: number, last: number, blockSize: number, total: number): number[] {
  if (blockSize <= 0) throw new RangeError('blockSize must be positive');
  if (total <= 0 || last < first) return [];
  const lo = Math.max(0, Math.min(first, total - 1));
  const hi = Math.max(0, Math.min(last, total - 1));
  const offsets: number[] = [];
  for (let o = Math.floor(lo / blockSize) * blockSize; o <= hi; o += blockSize) offsets.push(o);
  return offsets;
}

/** The row at `index` from the blocks loaded so far, or undefined while its block is not there. */
export function rowAt<Row>(
  index: number,
  blockSize: number,
  blocks: ReadonlyMap<number, Block<Row>>,
): Row | undefined {
  const offset = Math.floor(index / blockSize) * blockSize;
  return blocks.get(offset)?.rows[index - offset];
}

/**
 * The row count to lay out: the newest total any loaded block reported (blocks fetched at different
 * times may disagree while rows arrive; the last answer wins), or `fallback` before any answer.
 */
export function knownTotal<Row>(blocks: Iterable<Block<Row> & { fetchedAt: number }>, fallback = 0): number {
  let best: { total: number; fetchedAt: number } | null = null;
  for (const b of blocks) if (!best || b.fetchedAt >= best.fetchedAt) best = b;
  return best ? best.total : fallback;
}
