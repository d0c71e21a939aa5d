import { describe, expect, it } from 'vitest';
import { blockOffsets, knownTotal, rowAt } from './blocks';
import { gridKey } from './grid-keys';

describe('block math', () => {
  it('covers the visible rows with block-aligned offsets', () => {
    expect(blockOffsets(0, 20, 100, 1000)).toEqual([0]);
    expect(blockOffsets(95, 130, 100, 1000)).toEqual([0, 100]);
    expect(blockOffsets(60_000, 60_030, 200, 100_000)).toEqual([60_000]);
    expect(blockOffsets(59_990, 60_030, 200, 100_000)).toEqual([59_800, 60_000]);
  });

  it('clamps to the rows that exist and asks nothing of an empty list', () => {
    expect(blockOffsets(0, 50, 100, 0)).toEqual([]);
    expect(blockOffsets(900, 1200, 100, 950)).toEqual([900]);
    expect(blockOffsets(5, 4, 100, 50)).toEqual([]);
    expect(() => blockOffsets(0, 1, 0, 10)).toThrow(RangeError);
  });

  it('finds a row in its block, undefined while the block is not loaded', () => {
    const blocks = new Map([[100, { offset: 100, rows: ['a', 'b', 'c'], total: 103 }]]);
    expect(rowAt(101, 100, blocks)).toBe('b');
    expect(rowAt(5, 100, blocks)).toBeUndefined();
    expect(rowAt(103, 100, blocks)).toBeUndefined();
  });

  it('lays out the newest total any block reported', () => {
    expect(knownTotal([], 7)).toBe(7);
    expect(
      knownTotal([
        { offset: 0, rows: [], total: 10, fetchedAt: 2 },
        { offset: 100, rows: [], total: 12, fetchedAt: 5 },
        { offset: 200, rows: [], total: 11, fetchedAt: 3 },
      ]),
    ).toBe(12);
  });
});

describe('grid keys', () => {
  it('moves, pages, jumps and clamps', () => {
    expect(gridKey('ArrowDown', 0, 10, 5)).toEqual({ focus: 1 });
    expect(gridKey('ArrowDown', 9, 10, 5)).toEqual({ focus: 9 });
    expect(gridKey('ArrowUp', 0, 10, 5)).toEqual({ focus: 0 });
    expect(gridKey('PageDown', 7, 10, 5)).toEqual({ focus: 9 });
    expect(gridKey('PageUp', 7, 10, 5)).toEqual({ focus: 2 });
    expect(gridKey('Home', 7, 10, 5)).toEqual({ focus: 0 });
    expect(gridKey('End', 0, 60_000, 5)).toEqual({ focus: 59_999 });
    expect(gridKey(' ', 3, 10, 5)).toEqual({ select: 3 });
    expect(gridKey('Enter', 3, 10, 5)).toEqual({ open: 3 });
    expect(gridKey('x', 3, 10, 5)).toBeNull();
    expect(gridKey('ArrowDown', 0, 0, 5)).toBeNull();
  });
});
