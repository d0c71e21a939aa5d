import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * The bench's figures: one flat JSON object shared by every benchmark. Each benchmark adds its own
 * keys with `record()`; `BENCH_JSON=<file>` merges them into the file's existing object (so a later
 * issue's benchmark, run separately, adds keys instead of overwriting), and `printTable` shows the
 * same figures.
 */
export type Figure = {
  key: string;
  /** null: not measured this run (`skip`); the note says why; JSON gets null */
  value: number | null;
  unit: string;
  target?: string;
  note?: string;
};

export class BenchReport {
  private readonly figures: Figure[] = [];

  record(key: string, value: number, unit: string, extra: { target?: string; note?: string } = {}): void {
    const at = this.figures.findIndex((f) => f.key === key);
    const figure: Figure = { key, value, unit, ...extra };
    if (at >= 0) this.figures[at] = figure;
    else this.figures.push(figure);
  }

  /** A figure this run could not measure (e.g. its screen is not on this branch yet), with why. */
  skip(key: string, unit: string, extra: { target?: string; note: string }): void {
    const at = this.figures.findIndex((f) => f.key === key);
    const figure: Figure = { key, value: null, unit, ...extra };
    if (at >= 0) this.figures[at] = figure;
    else this.figures.push(figure);
  }

  get(key: string): number | undefined {
    return this.figures.find((f) => f.key === key)?.value ?? undefined;
  }

  asObject(): Record<string, number | null> {
    return Object.fromEntries(this.figures.map((f) => [f.key, f.value]));
  }

  table(): string {
    const rows = this.figures.map((f) => [
      f.key,
      f.value === null ? 'skipped' : Number.isInteger(f.value) ? String(f.value) : f.value.toFixed(3),
      f.unit,
      f.target ?? '',
      f.note ?? '',
    ]);
    const head = ['figure', 'value', 'unit', 'target', 'note'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
    const line = (cells: string[]) =>
      cells
        .map((c, i) => (i === 1 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number)))
        .join('  ');
    return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
  }
}

/** Merge `figures` into the JSON object already in `file` (if any) and write it back. */
export function mergeBenchJson(
  file: string,
  figures: Record<string, number | null>,
): Record<string, unknown> {
  let existing: Record<string, unknown> = {};
  if (existsSync(file)) {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8') || '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      existing = parsed as Record<string, unknown>;
  }
  const merged = { ...existing, ...figures };
  writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
  return merged;
}
