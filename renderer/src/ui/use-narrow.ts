import { useSyncExternalStore } from 'react';

/**
 * True while the window is narrower than `px` (a media query, so it follows resizes without a
 * resize listener of our own). Tables drop their secondary columns with it: the grid's columns are
 * inline styles, which a stylesheet's @media cannot reach.
 */
export function useNarrow(px = 1000): boolean {
  const query = `(max-width: ${px}px)`;
  return useSyncExternalStore(
    (changed) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', changed);
      return () => list.removeEventListener('change', changed);
    },
    () => window.matchMedia(query).matches,
  );
}
