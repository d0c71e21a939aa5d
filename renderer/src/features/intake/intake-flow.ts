import {
  type ColumnInfo,
  type ColumnRole,
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
 * Remembered mappings per file shape (issue 8: "mappings remembered per file shape"). The engine's
 * `settings.get/set` (key `intake.columnMappings`) is the home for them once those channels exist;
 * until then the screen keeps them for the session behind this interface, so swapping the store is
 * one constructor.
 */
export type MappingMemory = {
  get(signature: string): ColumnRoles | undefined;
  set(signature: string, roles: ColumnRoles): void;
};

export function sessionMappingMemory(): MappingMemory {
  const store = new Map<string, ColumnRoles>();
  return { get: (s) => store.get(s), set: (s, r) => void store.set(s, { ...r }) };
}

/** A remembered mapping applies only if every column it names still exists. */
export function applyRemembered(
  remembered: ColumnRoles | undefined,
  columns: readonly ColumnInfo[],
): ColumnRoles | undefined {
  if (!remembered) return undefined;
  const indexes = new Set(columns.map((c) => c.index));
  return Object.keys(remembered).every((i) => indexes.has(Number(i))) ? remembered : undefined;
}

/** Counts in the app's status words and tones. */
export const STATUS_WORDS = {
  valid: { label: 'Ready', tone: 'done' },
  fixed: { label: 'Fixed spelling', tone: 'done' },
  duplicate: { label: 'Duplicate', tone: 'action' },
  error: { label: 'Needs a fix', tone: 'failed' },
} as const;
