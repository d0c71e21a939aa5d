/** The profiles list's pure pieces: the page window and the shortcut guard. */

export type PageWindow = { text: string; previous: number | null; next: number | null };

/** "51–100 of 230" and where Previous / Next go (null: no such page). */
export function pageWindow(offset: number, size: number, total: number, shown: number): PageWindow {
  const first = shown === 0 ? 0 : offset + 1;
  const last = offset + shown;
  return {
    text: `${first.toLocaleString('en-US')}–${last.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`,
    previous: offset > 0 ? Math.max(0, offset - size) : null,
    next: last < total ? offset + size : null,
  };
}

/** Single-key shortcuts must not fire while the user types in a field. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
