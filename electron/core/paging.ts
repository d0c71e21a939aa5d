import { DeskFailure } from '../../shared/contract/envelope';

/**
 * Paging for every list channel: one cursor format, one answer to a bad cursor, and offset windows.
 *
 * - A cursor is `base64url(JSON [tag, ...key])`: the list's tag plus the key of the last item seen
 *   (keyset paging: stable while rows are added or removed between pages). A cursor that is not
 *   ours, or belongs to another list, is a `VALIDATION` failure — never silently "the first page".
 * - An offset window (`{ offset, limit }`, see `pageRequest`) jumps anywhere in a big table, as a
 *   virtualised table fetching blocks does; it returns `total` and no cursor.
 */
export type CursorKey = readonly (string | number)[];

export function encodeCursor(tag: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify([tag, ...key])).toString('base64url');
}

/** The key inside `cursor` (null when there is none), checked against `shape`: one type per position. */
export function decodeCursor<K extends CursorKey>(
  tag: string,
  cursor: string | undefined,
  shape: readonly ('string' | 'number')[],
): K | null {
  if (!cursor) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    value = null;
  }
  if (
    Array.isArray(value) &&
    value[0] === tag &&
    value.length === shape.length + 1 &&
    shape.every(
      (type, i) => typeof value[i + 1] === type && (type !== 'number' || Number.isSafeInteger(value[i + 1])),
    )
  )
    return value.slice(1) as unknown as K;
  throw new DeskFailure('VALIDATION', 'This list cursor is not valid; reload the list.', { field: 'cursor' });
}

/** What a list handler receives (the contract's `pageRequest` after parsing). */
export type PageInput = { cursor?: string | undefined; offset?: number | undefined; limit: number };

/** A page cut from an in-memory list (small lists: workspaces). Keyed by position. */
export function pageOfArray<T>(tag: string, all: readonly T[], input: PageInput) {
  const start = input.offset ?? decodeCursor<[number]>(tag, input.cursor, ['number'])?.[0] ?? 0;
  const items = all.slice(start, start + input.limit);
  const more = start + input.limit < all.length;
  return {
    items,
    nextCursor: more && input.offset === undefined ? encodeCursor(tag, [start + input.limit]) : null,
    total: all.length,
  };
}
