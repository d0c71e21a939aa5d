/**
 * Keyboard navigation of a DataTable (ARIA grid pattern, rows as the unit): the next focused row for
 * a key, or null when the key is not ours. Pure, so every edge (first row, last row, empty table) is
 * unit-tested.
 */
export type GridMove = { focus: number } | { select: number } | { open: number } | null;

export function gridKey(key: string, current: number, total: number, pageSize: number): GridMove {
  if (total <= 0) return null;
  const clamp = (i: number) => Math.max(0, Math.min(total - 1, i));
  const at = clamp(current);
  switch (key) {
    case 'ArrowDown':
      return { focus: clamp(at + 1) };
    case 'ArrowUp':
      return { focus: clamp(at - 1) };
    case 'Home':
      return { focus: 0 };
    case 'End':
      return { focus: total - 1 };
    case 'PageDown':
      return { focus: clamp(at + Math.max(1, pageSize)) };
    case 'PageUp':
      return { focus: clamp(at - Math.max(1, pageSize)) };
    case ' ':
      return { select: at };
    case 'Enter':
      return { open: at };
    default:
      return null;
  }
}
