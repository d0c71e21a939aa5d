import { sourceFiles } from './source-files';

/**
 * Ownership check (issue 9, "one owner per table"): SQL that touches a table appears only in the
 * module that owns it; everyone else calls that module's functions. Adding a table means adding it
 * here — a table created anywhere without an owner fails the check too.
 */
export const TABLE_OWNERS: Readonly<Record<string, readonly string[]>> = {
  // the durable queue; job-views is its read model for the contract (jobs.list / jobs.get)
  jobs: ['electron/core/queue/job-queue.ts', 'electron/core/queue/job-views.ts'],
  job_dependencies: ['electron/core/queue/job-queue.ts', 'electron/core/queue/job-views.ts'],
  // job-views reads attempts for a number's history (when a job was first sent, how it ended)
  job_attempts: ['electron/core/queue/job-queue.ts', 'electron/core/queue/job-views.ts'],
  queue_pauses: ['electron/core/queue/job-queue.ts'],
  batches: ['electron/core/queue/commit-plan.ts'],
  // readmodel/*-views are the contract's read model over them (orders.*, numbers.*), like job-views
  numbers: ['electron/core/store/numbers.ts', 'electron/core/readmodel/number-views.ts'],
  number_states: ['electron/core/store/numbers.ts', 'electron/core/readmodel/number-views.ts'],
  number_steps: ['electron/core/store/numbers.ts', 'electron/core/readmodel/number-views.ts'],
  orders: ['electron/core/store/orders.ts', 'electron/core/readmodel/order-views.ts'],
  order_numbers: ['electron/core/store/orders.ts', 'electron/core/readmodel/order-views.ts'],
  loa_profiles: ['electron/core/loa/profiles.ts'],
  loa_job_copies: ['electron/core/loa/job-copies.ts'],
  intake_drafts: ['electron/core/intake/drafts.ts'],
  intake_rows: ['electron/core/intake/drafts.ts'],
  audit_log: ['electron/core/audit/audit-log.ts'],
  settings: ['electron/core/queue/sync-flag.ts'],
  workspace_settings: ['electron/core/store/workspace-settings.ts'],
  // the simulator's own document store
  docs: ['electron/sandbox/db.ts'],
  meta: ['electron/sandbox/db.ts'],
};

export const TABLE_ROOTS = ['electron', 'shared'] as const;

/** Not production code: migrations create the tables, tests and test kits poke at them on purpose. */
const NOT_PRODUCTION = [
  /\.test\.tsx?$/,
  /(^|\/)test-support\.ts$/,
  /(^|\/)test-kit\.ts$/,
  /\.fixture\.ts$/,
  /^electron\/core\/store\/migrations\//,
];

// Upper-case keywords only: SQL in this codebase is written that way, prose in comments is not.
const TOUCH = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE(?: IF NOT EXISTS)?)\s+([a-z_][a-z0-9_]*)/g;
const CREATE = /\bCREATE TABLE(?: IF NOT EXISTS)?\s+([a-z_][a-z0-9_]*)/g;

export type TableViolation = { file: string; table: string; reason: 'not-owner' | 'no-owner' };

export function tableViolations(
  root: string,
  owners: Readonly<Record<string, readonly string[]>> = TABLE_OWNERS,
  dirs: readonly string[] = TABLE_ROOTS,
): TableViolation[] {
  const violations: TableViolation[] = [];
  const files = sourceFiles(root, dirs);
  for (const file of files) {
    // every table a migration (or the simulator) creates needs an owner
    if (!/\.test\.tsx?$/.test(file.path))
      for (const m of file.text.matchAll(CREATE)) {
        const table = m[1] as string;
        if (!owners[table]) violations.push({ file: file.path, table, reason: 'no-owner' });
      }
    if (NOT_PRODUCTION.some((re) => re.test(file.path))) continue;
    const touched = new Set<string>();
    for (const m of file.text.matchAll(TOUCH)) touched.add(m[1] as string);
    for (const table of touched) {
      const own = owners[table];
      if (own && !own.includes(file.path)) violations.push({ file: file.path, table, reason: 'not-owner' });
    }
  }
  return violations;
}

export const describeViolation = (v: TableViolation): string =>
  v.reason === 'no-owner'
    ? `${v.file}: table "${v.table}" has no owner module in test/checks/table-owners.ts`
    : `${v.file}: SQL on table "${v.table}" outside its owner (${(TABLE_OWNERS[v.table] ?? []).join(', ')})`;
