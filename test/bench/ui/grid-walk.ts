import type { Page } from '@playwright/test';

/**
 * Page-side measuring for the Chromium UI bench. The functions handed to `page.evaluate` are
 * serialised with `toString()` and run in the page, so they use no imports and no named inner
 * functions (tsx's keep-names helper `__name` does not exist in the page).
 */

/** Installed before the app's first script: every main-thread task over 50 ms, buffered. */
export const LONG_TASK_OBSERVER = `
  window.__benchLongTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__benchLongTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
`;

export type LongTask = { start: number; duration: number };

/** The long tasks that started at or after `since` (page clock, `performance.now()`). */
export async function longTasksSince(page: Page, since: number): Promise<LongTask[]> {
  const all = await page.evaluate(
    () => (window as unknown as { __benchLongTasks?: LongTask[] }).__benchLongTasks ?? [],
  );
  return all.filter((t) => t.start >= since);
}

export const pageNow = (page: Page): Promise<number> => page.evaluate(() => performance.now());

export type GridWalk = {
  /** rows the grid says it has (aria-rowcount minus the header row) */
  total: number;
  steps: number;
  /** the most row elements (role=row, header included) in the DOM after any step */
  maxDomRows: number;
  /** the highest row index (0-based) seen filled in the viewport */
  lastIndex: number;
  /** page clock at the first and last step */
  startedAt: number;
  endedAt: number;
  /** what `read` asked for, per row index seen: those columns' cells, or the row's whole text */
  seen: (string[] | undefined)[] | null;
  /** a viewport that stayed unfilled (skeleton rows) or left a gap, with the step */
  problems: string[];
};

/**
 * Scrolls the grid named `grid` from the top to its last row in one-viewport steps (scrollTop +=
 * clientHeight, as Page Down does), and after each step waits (frame by frame, at most
 * `stepTimeoutMs`) until every row inside the viewport is in the DOM with its data (no `aria-busy`
 * skeleton). Counts the row elements then. With `read`, returns what each row showed, by row index,
 * so the caller can compare it with what should be there.
 */
export async function walkGrid(
  page: Page,
  options: {
    /** the grid's accessible name; the first grid on the page when absent */
    grid?: string;
    /** cells to return per row: these columns (by header), or `'row'` for each row's whole text */
    read?: readonly string[] | 'row';
    stepTimeoutMs?: number;
  },
): Promise<GridWalk> {
  const walk = await page.evaluate(
    async ({ grid: name, read, stepTimeoutMs }) => {
      const grid = [...document.querySelectorAll<HTMLElement>('[role="grid"]')].find(
        (g) => name === null || g.getAttribute('aria-label') === name,
      );
      if (!grid) throw new Error(`no grid named "${name ?? '(any)'}" on the page`);
      const body = [...grid.querySelectorAll<HTMLElement>('[role="rowgroup"]')].find(
        (g) => g.scrollHeight > g.clientHeight || getComputedStyle(g).overflowY === 'auto',
      );
      if (!body) throw new Error(`grid "${name}" has no scrolling row group`);
      const total = Number(grid.getAttribute('aria-rowcount')) - 1;
      const headers = [...grid.querySelectorAll<HTMLElement>('[role="columnheader"]')].map((h) =>
        (h.textContent ?? '').trim(),
      );
      const wanted = (read === null || read === 'row' ? [] : read).map((c) => {
        const at = headers.indexOf(c);
        if (at < 0) throw new Error(`grid "${name}" has no column "${c}" (has ${headers.join(', ')})`);
        return at;
      });
      const seen: (string[] | undefined)[] | null = read ? new Array(total) : null;
      const problems: string[] = [];
      let maxDomRows = 0;
      let lastIndex = -1;
      let steps = 0;
      const startedAt = performance.now();
      body.scrollTop = 0;
      await new Promise((done) => requestAnimationFrame(done));
      for (;;) {
        // the row box of the first data row gives the height (the kit's fixed row height)
        const sample = body.querySelector<HTMLElement>('[role="row"][data-row-index]');
        const rowHeight = sample?.offsetHeight || 32;
        const firstVisible = Math.floor(body.scrollTop / rowHeight);
        const lastVisible = Math.min(
          total - 1,
          Math.floor((body.scrollTop + body.clientHeight - 1) / rowHeight),
        );
        const deadline = performance.now() + stepTimeoutMs;
        let filled = false;
        let rows: HTMLElement[] = [];
        while (!filled) {
          rows = [...body.querySelectorAll<HTMLElement>('[role="row"][data-row-index]')];
          const byIndex = new Map(rows.map((r) => [Number(r.dataset.rowIndex), r]));
          filled = true;
          for (let i = firstVisible; i <= lastVisible; i++) {
            const row = byIndex.get(i);
            if (!row || row.getAttribute('aria-busy') === 'true') {
              filled = false;
              break;
            }
          }
          if (filled) break;
          if (performance.now() > deadline) {
            problems.push(
              `step ${steps}: rows ${firstVisible + 1}–${lastVisible + 1} not filled in ${stepTimeoutMs} ms`,
            );
            break;
          }
          await new Promise((done) => requestAnimationFrame(done));
        }
        maxDomRows = Math.max(maxDomRows, grid.querySelectorAll('[role="row"]').length);
        for (const row of rows) {
          const index = Number(row.dataset.rowIndex);
          if (index < firstVisible || index > lastVisible || row.getAttribute('aria-busy') === 'true')
            continue;
          if (Number(row.getAttribute('aria-rowindex')) !== index + 2)
            problems.push(
              `step ${steps}: row ${index + 1} says aria-rowindex ${row.getAttribute('aria-rowindex')}`,
            );
          if (seen && read === 'row') seen[index] = [(row.textContent ?? '').trim()];
          else if (seen) {
            const cells = [...row.querySelectorAll<HTMLElement>('[role="gridcell"]')];
            seen[index] = wanted.map((at) => (cells[at]?.textContent ?? '').trim());
          }
          lastIndex = Math.max(lastIndex, index);
        }
        steps++;
        const atEnd = body.scrollTop + body.clientHeight >= body.scrollHeight - 1;
        if (atEnd || steps > total + 10) break;
        body.scrollTop += body.clientHeight;
        await new Promise((done) => requestAnimationFrame(done));
      }
      const endedAt = performance.now();
      // Kept in the page and read back in slices below: handing 100,000 row texts back as this
      // evaluate's result is one serialisation task of ~700 ms on the page's main thread, which the
      // long-task figure counted as the screen's (it started before endedAt).
      (window as unknown as { __benchSeen?: unknown }).__benchSeen = seen;
      return { total, steps, maxDomRows, lastIndex, startedAt, endedAt, problems };
    },
    {
      grid: options.grid ?? null,
      read: options.read ?? null,
      stepTimeoutMs: options.stepTimeoutMs ?? 15_000,
    },
  );
  if (!options.read) return { ...walk, seen: null };
  const seen: (string[] | undefined)[] = [];
  for (let from = 0; from < walk.total; from += SEEN_SLICE) {
    const slice = await page.evaluate(
      ({ from, to }) =>
        ((window as unknown as { __benchSeen: (string[] | null)[] }).__benchSeen ?? [])
          .slice(from, to)
          // a hole (a row never seen) travels as null: Playwright's serialiser keeps no holes
          .map((cells) => cells ?? null),
      { from, to: from + SEEN_SLICE },
    );
    for (const cells of slice) seen.push(cells ?? undefined);
  }
  await page.evaluate(() => {
    (window as unknown as { __benchSeen?: unknown }).__benchSeen = undefined;
  });
  return { ...walk, seen };
}

/** rows read back per evaluate after a walk: small enough to stay far below a long task */
const SEEN_SLICE = 2_000;
