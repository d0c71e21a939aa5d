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

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The question after an edit: how many queued orders (and numbers) still carry the old details. */
export function queuedQuestion(usage: { jobs: number; numbers: number }): { title: string; body: string } {
  const orders = plural(usage.jobs, 'queued order', 'queued orders');
  return {
    title: `${orders} still ${usage.jobs === 1 ? 'uses' : 'use'} the old details — update ${usage.jobs === 1 ? 'it' : 'them'}?`,
    body: `${usage.jobs === 1 ? 'It carries' : 'They carry'} ${plural(usage.numbers, 'number', 'numbers')} and ${usage.jobs === 1 ? 'has' : 'have'} not been sent yet. Orders already sent keep the details they were sent with.`,
  };
}

/** What the notice says once the question is answered. */
export function queuedAnswer(label: string, updated: number | null): string {
  if (updated === null) return `Saved “${label}”. Queued orders keep the details they were queued with.`;
  if (updated === 0) return `Saved “${label}”. No queued order needed the new details any more.`;
  return `Saved “${label}” and updated ${plural(updated, 'queued order', 'queued orders')}.`;
}

/** A workspace as the copy dialog lists it. */
export const workspaceName = (w: { kind: 'sandbox' | 'live'; name: string }) =>
  w.kind === 'sandbox' ? 'Sandbox' : `Live: ${w.name}`;
