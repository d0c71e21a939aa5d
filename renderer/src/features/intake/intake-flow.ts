import {
  type ColumnInfo,
  type ColumnRole,
  compactHeader,
  INTAKE_FIELDS,
  type IntakeAction,
  type IntakeMapping,
  type IntakeSourceInfo,
  OPTIONAL_FIELD_KEYS,
  type OptionalFieldKey,
} from '../../../../shared/domain/intake';

/**
 * The "Bring numbers" wizard's view-model (pure): which steps a file needs, the words for each
 * choice, the column mapping as the screen edits it (a role per column) and back, and the summary
 * of a read. IntakePage.tsx stays thin.
 */

export const ACTIONS: readonly { id: IntakeAction; label: string; hint: string }[] = [
  {
    id: 'import',
    label: 'Import numbers',
    hint: 'Bring the numbers into your Sinch project so they can send and receive messages.',
  },
  {
    id: 'qualify',
    label: 'Check they can be hosted',
    hint: 'Ask whether each number can be text-enabled before you collect LOAs.',
  },
  {
    id: 'text-enable',
    label: 'Text-enable (hosting order)',
    hint: 'Enable texting on numbers that stay with their voice carrier; each order needs an LOA signature.',
  },
];

export type Step = 'action' | 'sheet' | 'header' | 'columns' | 'read';

/** The steps after the file is open; a workbook with one sheet skips the sheet step. */
export function stepsFor(info: IntakeSourceInfo): Step[] {
  return info.sheets.length > 1
    ? ['action', 'sheet', 'header', 'columns', 'read']
    : ['action', 'header', 'columns', 'read'];
}

export const STEP_LABELS: Record<Step, string> = {
  action: 'What for',
  sheet: 'Sheet',
  header: 'Header row',
  columns: 'Columns',
  read: 'Read',
};

/** "messy.csv · CSV, 1.2 MB, semicolons, Windows-1252". */
export function describeSource(info: IntakeSourceInfo): string {
  const parts = [info.format === 'paste' ? 'pasted list' : info.format.toUpperCase()];
  if (info.format !== 'paste') parts.push(formatSize(info.size));
  const delimiters: Record<string, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs', '|': 'pipes' };
  if (info.delimiter && info.format !== 'paste')
    parts.push(delimiters[info.delimiter] ?? `“${info.delimiter}”`);
  if (info.encoding && info.encoding !== 'utf-8')
    parts.push(info.encoding.toUpperCase().replace('WINDOWS', 'Windows'));
  if (info.sheets.length > 1) parts.push(`${info.sheets.length} sheets`);
  return `${info.name} · ${parts.join(', ')}`;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** One choice of the header-row picker: spreadsheet row number and its first cells. */
export type HeaderChoice = { index: number; label: string };

export function headerChoices(preview: readonly (readonly string[])[]): HeaderChoice[] {
  const choices: HeaderChoice[] = [{ index: -1, label: 'No header row: the first row is already a number' }];
  preview.slice(0, 15).forEach((cells, index) => {
    const text = cells
      .map((c) => c.trim())
      .filter(Boolean)
      .slice(0, 5)
      .join(' · ');
    choices.push({ index, label: `Row ${index + 1}: ${text === '' ? '(blank)' : truncate(text, 70)}` });
  });
  return choices;
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** What a column can be, for this action: the number, its area code, the action's fields, or nothing. */
export type RoleChoice = ColumnRole | 'ignore';

export function roleOptions(action: IntakeAction): { id: RoleChoice; label: string }[] {
  const fields = INTAKE_FIELDS.filter(
    (f) => f.key === 'phoneNumber' || f.key === 'areaCode' || f.templateFor.includes(action),
  );
  return [
    { id: 'ignore', label: 'Not used' },
    ...fields.map((f) => ({ id: f.key as RoleChoice, label: f.label })),
  ];
}

/** The mapping as the screen edits it: one role per column index. */
export type ColumnRoles = Record<number, RoleChoice>;

export function rolesFromMapping(mapping: IntakeMapping | null, columns: readonly ColumnInfo[]): ColumnRoles {
  const roles: ColumnRoles = {};
  for (const c of columns) roles[c.index] = 'ignore';
  if (!mapping) return roles;
  roles[mapping.phone] = 'phoneNumber';
  if (mapping.areaCode !== undefined) roles[mapping.areaCode] = 'areaCode';
  for (const key of OPTIONAL_FIELD_KEYS) {
    const index = mapping.fields[key];
    if (index !== undefined) roles[index] = key;
  }
  return roles;
}

/** Sets one column's role; a role that can belong to one column only moves off the column that had it. */
export function setRole(roles: ColumnRoles, column: number, role: RoleChoice): ColumnRoles {
  const next: ColumnRoles = { ...roles };
  if (role !== 'ignore')
    for (const [index, r] of Object.entries(next)) if (r === role) next[Number(index)] = 'ignore';
  next[column] = role;
  return next;
}

export type MappingResult = { ok: true; mapping: IntakeMapping } | { ok: false; message: string };

export function mappingFromRoles(roles: ColumnRoles): MappingResult {
  const entries = Object.entries(roles).map(([i, r]) => [Number(i), r] as const);
  const phone = entries.find(([, r]) => r === 'phoneNumber')?.[0];
  if (phone === undefined)
    return { ok: false, message: 'Phone number: choose the column that holds the numbers.' };
  const areaCode = entries.find(([, r]) => r === 'areaCode')?.[0];
  const fields: Partial<Record<OptionalFieldKey, number>> = {};
  for (const [index, role] of entries)
    if ((OPTIONAL_FIELD_KEYS as readonly string[]).includes(role)) fields[role as OptionalFieldKey] = index;
  return { ok: true, mapping: { phone, ...(areaCode === undefined ? {} : { areaCode }), fields } };
}

/**
 * Remembered mappings per file layout (issue 8: "mappings remembered per file shape"), kept in the
 * workspace setting `intake.columnMappings`: layout key → column index → role. The next file of the
 * same layout starts with the columns the user chose last time.
 */
export type SavedMappings = Record<string, Record<string, string>>;

/** how many layouts a workspace remembers; the least recently used goes first */
export const MAX_SAVED_LAYOUTS = 50;

/**
 * The layout of a table: its header row normalised (case, accents, spaces and punctuation ignored;
 * blank trailing header cells dropped), plus the sheet's name for a workbook. Neither the rows nor
 * the title rows above the header count, nor CSV against TSV; without a header row, the column
 * count is all there is.
 */
export function layoutKey(table: {
  format: string;
  sheet: string | null;
  headerRow: number;
  columns: readonly ColumnInfo[];
}): string {
  let text: string;
  let width = table.columns.length;
  if (table.headerRow >= 0) {
    const cells = table.columns.map((c) => compactHeader(c.header));
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    width = cells.length;
    text = `header:${cells.join('|')}`;
  } else text = `columns:${width}`;
  if (table.format === 'xlsx' && table.sheet !== null) text += `\nsheet:${table.sheet.trim().toLowerCase()}`;
  // FNV-1a: short, stable, and the setting's keys stay well under their 200 characters
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `layout-${width}-${hash.toString(16).padStart(8, '0')}`;
}

const ROLES: ReadonlySet<string> = new Set(['phoneNumber', 'areaCode', ...OPTIONAL_FIELD_KEYS]);

/**
 * The roles saved for `key`, on these columns; undefined when nothing is saved or the saved mapping
 * names a column this table does not have (or a role the app no longer knows).
 */
export function rememberedRoles(
  saved: SavedMappings | undefined,
  key: string,
  columns: readonly ColumnInfo[],
): ColumnRoles | undefined {
  const stored = saved?.[key];
  if (!stored) return undefined;
  const indexes = new Set(columns.map((c) => c.index));
  const roles: ColumnRoles = {};
  for (const c of columns) roles[c.index] = 'ignore';
  for (const [index, role] of Object.entries(stored)) {
    if (!indexes.has(Number(index)) || !ROLES.has(role)) return undefined;
    roles[Number(index)] = role as ColumnRole;
  }
  return roles;
}

/** `saved` with `roles` as the latest for `key` (unused columns left out), at most MAX_SAVED_LAYOUTS. */
export function withRemembered(saved: SavedMappings, key: string, roles: ColumnRoles): SavedMappings {
  const entry: Record<string, string> = {};
  for (const [index, role] of Object.entries(roles)) if (role !== 'ignore') entry[index] = role;
  // keys are not integers, so the object keeps insertion order: oldest first
  const others = Object.entries(saved).filter(([k]) => k !== key);
  return Object.fromEntries([...others.slice(-(MAX_SAVED_LAYOUTS - 1)), [key, entry]]);
}

/** Roles the chosen action does not offer are shown, and read, as "Not used". */
export function rolesForAction(roles: ColumnRoles, action: IntakeAction): ColumnRoles {
  const offered = new Set<string>(roleOptions(action).map((o) => o.id));
  const out: ColumnRoles = {};
  for (const [index, role] of Object.entries(roles)) out[Number(index)] = offered.has(role) ? role : 'ignore';
  return out;
}

/** Counts in the app's status words and tones. */
export const STATUS_WORDS = {
  valid: { label: 'Ready', tone: 'done' },
  fixed: { label: 'Fixed spelling', tone: 'done' },
  duplicate: { label: 'Duplicate', tone: 'action' },
  error: { label: 'Needs a fix', tone: 'failed' },
} as const;
