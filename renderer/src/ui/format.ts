/**
 * Counts on screen ("12,345"), in the user's locale like `toLocaleString()` — but with ONE
 * `Intl.NumberFormat`. `Number#toLocaleString` builds a formatter per call: as a table cell it ran
 * for every row on every scrolled frame and took 16 s of a 100,000-job scroll of the Queue
 * (test/bench/ui, `queue_100k_long_tasks`).
 */
const counts = new Intl.NumberFormat();

export const formatCount = (n: number): string => counts.format(n);
