/**
 * Business-day arithmetic for remote waits Sinch describes in business days (qualification review
 * "takes 1–3 business days", sinch-skill.md Workflow C). Saturdays and Sundays do not count; public
 * holidays are not known to the app and count as business days (a limit then ends a day early, which
 * only makes the user look sooner). UTC, so the engine and the simulator agree on every machine.
 */
const DAY_MS = 24 * 60 * 60_000;

const isWeekend = (epochMs: number): boolean => {
  const day = new Date(epochMs).getUTCDay();
  return day === 0 || day === 6;
};

/** `start` moved forward by `days` business days (same time of day; a weekend start counts from Monday). */
export function addBusinessDays(start: number, days: number): number {
  let t = start;
  while (isWeekend(t)) t += DAY_MS;
  let left = Math.max(0, Math.floor(days));
  while (left > 0) {
    t += DAY_MS;
    if (!isWeekend(t)) left--;
  }
  return t;
}
