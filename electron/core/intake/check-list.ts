import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import {
  columnLetter,
  compactHeader,
  INTAKE_ACTIONS,
  type IntakeAction,
  type IntakeMapping,
  type IntakeRow,
  inspectTable,
  isIntakeError,
  openIntake,
  readAllRows,
  ROW_STATUSES,
  type RowStatus,
  type WorkspaceLookup,
} from '../../../shared/domain/intake';
import type { SecretStore } from '../secrets/secret-store';
import { databaseExists, isPlaintextDatabase } from '../store/database';
import { openDatabaseReadOnly } from '../store/read-only';
import { databaseFile, loadRegistry, secretName } from '../workspaces/registry';
import { workspaceLookup } from './workspace-numbers';

/**
 * `npm run check-list -- FILE [--json] [--column NAME] [--sheet NAME] [--action A] [--data-dir DIR --workspace NAME]`
 *
 * The intake pipeline without a window: reads the file exactly as the app does, auto-detects the
 * phone column, and prints the counts per status (with `--json`, every row). With a workspace, the
 * numbers it already holds are duplicates; its database is opened read-only, without the data-dir
 * lock, so this runs beside a running app. Exit 0: clean; 1: errors or duplicates; 2: unreadable.
 */
export type CheckListIo = {
  stdout(text: string): void;
  stderr(text: string): void;
  /** the keychain holding workspace database keys (only asked with --workspace) */
  secretStore(): SecretStore;
  readFile?(path: string): Uint8Array;
};

export const CHECK_LIST_USAGE = `Usage: npm run check-list -- FILE [--json] [--column NAME] [--sheet NAME] [--action import|qualify|text-enable]
                            [--data-dir DIR --workspace NAME]

Reads a CSV, TSV or Excel (.xlsx) file the way Hosting Desk does and reports each row as valid, fixed,
error or duplicate. --column picks the phone column by its header or letter (default: detected);
--action decides what counts as already done in the workspace (default: import).
Exit status: 0 all rows usable, 1 some rows are errors or duplicates, 2 the file could not be read.
`;

export type CheckListJson = {
  counts: Record<RowStatus, number>;
  rows: {
    row: number;
    original: string;
    e164: string | null;
    region: 'US' | 'CA' | null;
    tollFree: boolean;
    status: RowStatus;
    reason: string | null;
  }[];
};

class Unreadable extends Error {}

export async function runCheckList(argv: readonly string[], io: CheckListIo): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${CHECK_LIST_USAGE}`);
    return 2;
  }
  if (args.values.help) {
    io.stdout(CHECK_LIST_USAGE);
    return 0;
  }
  const [path] = args.positionals;
  if (!path || args.positionals.length > 1) {
    io.stderr(CHECK_LIST_USAGE);
    return 2;
  }
  const action = (args.values.action ?? 'import') as IntakeAction;
  if (!INTAKE_ACTIONS.includes(action)) {
    io.stderr(`--action must be one of ${INTAKE_ACTIONS.join(', ')}.\n`);
    return 2;
  }
  if (Boolean(args.values['data-dir']) !== Boolean(args.values.workspace)) {
    io.stderr('--data-dir and --workspace go together: the data directory and the workspace in it.\n');
    return 2;
  }

  let closeWorkspace = () => {};
  try {
    let bytes: Uint8Array;
    try {
      bytes = (io.readFile ?? ((p: string) => new Uint8Array(readFileSync(p))))(path);
    } catch (error) {
      throw new Unreadable(
        `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      );
    }
    const book = await openIntake({ name: basename(path), bytes });
    const table = book.table(args.values.sheet);
    const look = inspectTable(table);
    const mapping = chooseMapping(look.mapping, look.columns, args.values.column);
    let lookup: WorkspaceLookup | undefined;
    if (args.values['data-dir'] && args.values.workspace) {
      const opened = await openWorkspaceReadOnly(
        args.values['data-dir'],
        args.values.workspace,
        io.secretStore(),
      );
      closeWorkspace = opened.close;
      lookup = opened.lookup;
    }
    const { rows, summary } = readAllRows(table, {
      action,
      mapping,
      headerRow: look.headerRow,
      firstDataRow: look.firstDataRow,
      ...(lookup ? { lookup } : {}),
    });
    if (args.values.json) io.stdout(`${JSON.stringify(toJson(rows, summary.counts))}\n`);
    else io.stdout(textReport(path, table.sheet, look.columns[mapping.phone]?.label ?? '', rows, summary));
    return summary.counts.error + summary.counts.duplicate > 0 ? 1 : 0;
  } catch (error) {
    if (isIntakeError(error) || error instanceof Unreadable) {
      io.stderr(`${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    closeWorkspace();
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      column: { type: 'string' },
      sheet: { type: 'string' },
      action: { type: 'string' },
      'data-dir': { type: 'string' },
      workspace: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function chooseMapping(
  suggested: IntakeMapping | null,
  columns: { index: number; header: string; label: string }[],
  wanted: string | undefined,
): IntakeMapping {
  if (wanted === undefined) {
    if (suggested) return suggested;
    throw new Unreadable(
      `No column of this file holds phone numbers. Name it with --column (a header, or a letter such as B). Columns: ${columns.map((c) => c.label).join(', ') || 'none'}.`,
    );
  }
  const byHeader = columns.find((c) => compactHeader(c.header) === compactHeader(wanted) && c.header !== '');
  const byLetter = columns.find((c) => columnLetter(c.index) === wanted.trim().toUpperCase());
  const column = byHeader ?? byLetter;
  if (!column)
    throw new Unreadable(
      `There is no column "${wanted}". Columns: ${columns.map((c) => `${columnLetter(c.index)} ${c.label}`).join(', ')}.`,
    );
  const fields = { ...(suggested?.fields ?? {}) };
  for (const key of Object.keys(fields) as (keyof typeof fields)[])
    if (fields[key] === column.index) delete fields[key];
  return { phone: column.index, fields };
}

async function openWorkspaceReadOnly(dataDir: string, wanted: string, secrets: SecretStore) {
  const registry = (() => {
    try {
      return loadRegistry(dataDir, new Date());
    } catch (error) {
      throw new Unreadable((error as Error).message);
    }
  })();
  const profile = registry.workspaces.find(
    (w) => w.id === wanted || w.name.trim().toLowerCase() === wanted.trim().toLowerCase(),
  );
  if (!profile)
    throw new Unreadable(
      `There is no workspace "${wanted}" in ${dataDir}. Workspaces: ${registry.workspaces.map((w) => w.name).join(', ')}.`,
    );
  const file = databaseFile(dataDir, profile.id);
  if (!databaseExists(file)) return { lookup: () => undefined, close: () => {} };
  let key: string | null = null;
  if (!isPlaintextDatabase(file)) {
    try {
      key = await secrets.get(secretName(profile.id, 'db-key'));
    } catch (error) {
      throw new Unreadable(
        `The ${profile.name} database is encrypted with a key kept in the OS keychain, which did not answer: ${(error as Error).message}`,
      );
    }
    if (key === null)
      throw new Unreadable(
        `The key of the ${profile.name} database is not in the OS keychain; it cannot be read.`,
      );
  }
  try {
    const db = openDatabaseReadOnly({ file, key });
    try {
      return { lookup: workspaceLookup(db), close: () => db.close() };
    } catch (error) {
      db.close();
      throw error;
    }
  } catch (error) {
    if (error instanceof Unreadable) throw error;
    throw new Unreadable(`The ${profile.name} database could not be read: ${(error as Error).message}`);
  }
}

function toJson(rows: readonly IntakeRow[], counts: Record<RowStatus, number>): CheckListJson {
  return {
    counts,
    rows: rows.map((r) => ({
      row: r.row,
      original: r.original,
      e164: r.e164,
      region: r.region,
      tollFree: r.tollFree,
      status: r.status,
      reason: r.reason,
    })),
  };
}

const SHOWN_PROBLEMS = 20;

function textReport(
  path: string,
  sheet: string | null,
  column: string,
  rows: readonly IntakeRow[],
  summary: { counts: Record<RowStatus, number>; blankRows: number },
): string {
  const lines = [`${path}${sheet ? ` (sheet ${sheet})` : ''}: phone numbers in column "${column}"`, ''];
  const width = Math.max(...ROW_STATUSES.map((s) => String(summary.counts[s]).length));
  for (const status of ROW_STATUSES)
    lines.push(`  ${status.padEnd(9)} ${String(summary.counts[status]).padStart(width)}`);
  if (summary.blankRows > 0) lines.push(`  (${summary.blankRows} blank rows skipped)`);
  const problems = rows.filter((r) => r.status === 'error' || r.status === 'duplicate');
  if (problems.length > 0) {
    lines.push(
      '',
      `Rows to fix${problems.length > SHOWN_PROBLEMS ? ` (first ${SHOWN_PROBLEMS} of ${problems.length}; --json lists all)` : ''}:`,
    );
    for (const r of problems.slice(0, SHOWN_PROBLEMS))
      lines.push(`  row ${r.row}: ${JSON.stringify(r.original)} — ${r.status}: ${r.reason ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
}
