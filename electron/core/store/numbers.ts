import type { NumberState } from '../../../shared/domain/tasks';
import type { Db } from './database';

/**
 * Per-number state and its history (timelines). The state vocabulary is the sync engine's to grow;
 * the planner writes `planned`. Every change appends to `number_states`, in the same transaction.
 */
export type NumberRow = {
  phone: string;
  region: 'US' | 'CA';
  toll_free: 0 | 1;
  state: NumberState;
  batch_id: string | null;
  service_plan_id: string | null;
  campaign_id: string | null;
  loa_profile_id: string | null;
  loa_type: string | null;
  updated_at: number;
};
export type NumberStateRow = {
  id: number;
  phone: string;
  at: number;
  state: NumberState;
  job_id: number | null;
  note: string | null;
};

/** Move numbers to `state` and record it in their history. Call inside the transaction that caused it. */
export function setNumberState(
  db: Db,
  phones: readonly string[],
  state: NumberState,
  at: number,
  context: { jobId?: number; note?: string } = {},
): number {
  const update = db.prepare(
    'UPDATE numbers SET state = ?, updated_at = ? WHERE phone = ? AND state IS NOT ?',
  );
  const history = db.prepare(
    'INSERT INTO number_states (phone, at, state, job_id, note) VALUES (?, ?, ?, ?, ?)',
  );
  let changed = 0;
  const run = () => {
    for (const phone of phones) {
      if (update.run(state, at, phone, state).changes === 1) {
        history.run(phone, at, state, context.jobId ?? null, context.note ?? null);
        changed++;
      }
    }
  };
  if (db.inTransaction) run();
  else db.transaction(run).immediate();
  return changed;
}

export const getNumber = (db: Db, phone: string): NumberRow | null =>
  (db.prepare('SELECT * FROM numbers WHERE phone = ?').get(phone) as NumberRow | undefined) ?? null;

export const numberTimeline = (db: Db, phone: string): NumberStateRow[] =>
  db.prepare('SELECT * FROM number_states WHERE phone = ? ORDER BY id').all(phone) as NumberStateRow[];

/** The fields of a planned call that a number's row takes from it. */
export type PlannedNumbersCall = {
  numbers: readonly string[];
  regionCode?: string | undefined;
  tollFree: boolean;
  servicePlanId?: string | undefined;
  campaignId?: string | undefined;
  loaProfileId?: string | undefined;
  loaType?: string | undefined;
};

/**
 * The rows of the numbers that planned calls define (state `planned`) and their first history entry,
 * for a whole plan at once: commitPlan writes 100,000 numbers in under a second with it.
 *
 * Each statement writes its rows in phone order, and there are only a few statements: one per
 * distinct set of call fields for `numbers`, one for all the history. Why: an INSERT … SELECT that
 * may fail half-way keeps a statement journal, a copy of every page it touches for the first time.
 * One statement per call over numbers in file order (a messy spreadsheet is in no order) touched a
 * different page for nearly every number and copied ~3 pages per number (4x the CPU of the same
 * rows in order); in phone order, each page is copied once and filled left to right.
 * A plan defines each number once (the planner drops repeats), so the order changes no outcome.
 */
export function insertPlannedNumbers(
  db: Db,
  calls: ReadonlyArray<{ call: PlannedNumbersCall; jobId: number }>,
  context: { batchId: string; note: string; at: number },
): void {
  if (calls.length === 0) return;
  // `WHERE true` is SQLite's required disambiguation between an INSERT … SELECT's upsert clause and a join's ON.
  const insertNumbers = db.prepare(
    `INSERT INTO numbers (phone, region, toll_free, state, batch_id, service_plan_id, campaign_id, loa_profile_id, loa_type, updated_at)
     SELECT value, ?, ?, 'planned', ?, ?, ?, ?, ?, ?
     FROM json_each(?) WHERE true
     ON CONFLICT (phone) DO UPDATE SET state = 'planned', batch_id = excluded.batch_id,
       service_plan_id = excluded.service_plan_id, campaign_id = excluded.campaign_id,
       loa_profile_id = excluded.loa_profile_id, loa_type = excluded.loa_type, updated_at = excluded.updated_at`,
  );
  // "phone jobId" strings: the job differs per call, the order must be the phones' (a string split
  // costs half of extracting two values from a JSON pair per row)
  const insertHistory = db.prepare(
    `INSERT INTO number_states (phone, at, state, job_id, note)
     SELECT substr(value, 1, instr(value, ' ') - 1), ?, 'planned', CAST(substr(value, instr(value, ' ') + 1) AS INTEGER), ?
     FROM json_each(?)`,
  );
  const groups = new Map<string, { call: PlannedNumbersCall; phones: string[] }>();
  const history: string[] = [];
  for (const { call, jobId } of calls) {
    const key = [
      call.regionCode ?? '',
      call.tollFree ? 1 : 0,
      call.servicePlanId ?? '',
      call.campaignId ?? '',
      call.loaProfileId ?? '',
      call.loaType ?? '',
    ].join('\u0000');
    let group = groups.get(key);
    if (!group) {
      group = { call, phones: [] };
      groups.set(key, group);
    }
    for (const phone of call.numbers) {
      group.phones.push(phone);
      history.push(`${phone} ${jobId}`);
    }
  }
  for (const { call, phones } of groups.values())
    insertNumbers.run(
      call.regionCode ?? null,
      call.tollFree ? 1 : 0,
      context.batchId,
      call.servicePlanId ?? null,
      call.campaignId ?? null,
      call.loaProfileId ?? null,
      call.loaType ?? null,
      context.at,
      JSON.stringify(phones.sort()),
    );
  // phones are E.164 (ASCII; the space sorts before any digit): JavaScript's order is SQLite's BINARY order
  history.sort();
  insertHistory.run(context.at, context.note, JSON.stringify(history));
}

/** The local state of each of these numbers that has a row. */
export function numberStates(db: Db, phones: readonly string[]): Map<string, NumberState> {
  const rows = db
    .prepare('SELECT phone, state FROM numbers WHERE phone IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(phones)) as Array<{ phone: string; state: NumberState }>;
  return new Map(rows.map((r) => [r.phone, r.state]));
}

/** Every number whose local state is one of `states`, as `[phone, state]`. */
export const allNumbersInStates = (
  db: Db,
  states: readonly NumberState[],
): IterableIterator<[string, NumberState]> =>
  db
    .prepare('SELECT phone, state FROM numbers WHERE state IN (SELECT value FROM json_each(?))')
    .raw()
    .iterate(JSON.stringify(states)) as IterableIterator<[string, NumberState]>;

/** Those of these numbers whose local state is one of `states`. */
export function numbersInStates(
  db: Db,
  phones: readonly string[],
  states: readonly NumberState[],
): Set<string> {
  return new Set(
    db
      .prepare(
        `SELECT phone FROM numbers WHERE state IN (SELECT value FROM json_each(?))
           AND phone IN (SELECT value FROM json_each(?))`,
      )
      .pluck()
      .all(JSON.stringify(states), JSON.stringify(phones)) as string[],
  );
}

/** Forget every number and its history (a Sandbox reset). */
export function clearNumbers(db: Db): void {
  db.prepare('DELETE FROM number_steps').run();
  db.prepare('DELETE FROM number_states').run();
  db.prepare('DELETE FROM numbers').run();
}

/** A row per number with its latest history note: what an export of results writes. */
export type NumberResultRow = NumberRow & { note: string | null };
const RESULT_SELECT = `SELECT n.*, (SELECT s.note FROM number_states s WHERE s.phone = n.phone ORDER BY s.id DESC LIMIT 1) AS note
  FROM numbers n`;

/** The numbers of a batch, in phone order (exports). */
export const numbersOfBatch = (db: Db, batchId: string): NumberResultRow[] =>
  db.prepare(`${RESULT_SELECT} WHERE n.batch_id = ? ORDER BY n.phone`).all(batchId) as NumberResultRow[];

/** These numbers' rows (those that have one), in phone order (exports). */
export const numbersByPhones = (db: Db, phones: readonly string[]): NumberResultRow[] =>
  db
    .prepare(`${RESULT_SELECT} WHERE n.phone IN (SELECT value FROM json_each(?)) ORDER BY n.phone`)
    .all(JSON.stringify(phones)) as NumberResultRow[];

/** The histories of these numbers, number by number, oldest entry first (exports). */
export const timelinesOf = (db: Db, phones: readonly string[]): NumberStateRow[] =>
  db
    .prepare('SELECT * FROM number_states WHERE phone IN (SELECT value FROM json_each(?)) ORDER BY phone, id')
    .all(JSON.stringify(phones)) as NumberStateRow[];
// ── read model (issue 9): steps the pollers observed, and what Sinch says about a number ───────────

/** One observed change of a step (order step, carrier, provisioning, qualification sub-status). */
export type StepChange = {
  phone: string;
  at: number;
  /** the orders row it belongs to; null for a number's own provisioning or qualification */
  orderRowId: number | null;
  step: string;
  state: string;
  code: string | null;
  message: string | null;
};

/** Append observed step changes to the numbers' step history (`number_steps`). */
export function recordStepChanges(db: Db, changes: readonly StepChange[]): void {
  if (changes.length === 0) return;
  const insert = db.prepare(
    'INSERT INTO number_steps (phone, at, order_id, step, state, code, message) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const c of changes) insert.run(c.phone, c.at, c.orderRowId, c.step, c.state, c.code, c.message);
}

/** The newest failed, uncoded history row of this step in this order gets the code a callback gave. */
export function codeFailedStep(db: Db, phone: string, orderRowId: number, step: string, code: string): void {
  db.prepare(
    `UPDATE number_steps SET code = ? WHERE id = (SELECT id FROM number_steps
       WHERE phone = ? AND order_id = ? AND step = ? AND state = 'failed' AND code IS NULL
       ORDER BY id DESC LIMIT 1)`,
  ).run(code, phone, orderRowId, step);
}

export type NumberStep = { state: string; code: string | null; message: string | null; since: number };
/** `numbers.remote`: the steps Sinch last showed for the number itself (not inside an order). */
export type NumberRemote = { steps: Record<string, NumberStep> };

/** What a read of the number at Sinch (imported or qualified) told us; absent fields stay as they are. */
export type NumberFacts = {
  phone: string;
  region?: 'US' | 'CA' | undefined;
  tollFree?: boolean | undefined;
  kind?: 'imported' | 'qualified' | undefined;
  qualificationState?: string | undefined;
  displayName?: string | undefined;
  callbackUrl?: string | undefined;
  servicePlanId?: string | undefined;
  campaignId?: string | undefined;
  steps?: Record<string, { state: string; code: string | null; message: string | null }>;
};

/**
 * Fold a read of a number into its row and append its changed steps to `number_steps`. An unknown
 * number is created (`origin = 'adopted'`, state `adoptState`) only when `adoptState` is given.
 * Returns whether anything a screen shows changed.
 */
export function observeNumber(db: Db, facts: NumberFacts, at: number, adoptState?: NumberState): boolean {
  const run = () => {
    let row = db.prepare('SELECT * FROM numbers WHERE phone = ?').get(facts.phone) as
      | (NumberRow & ReadModelColumns)
      | undefined;
    let changed = false;
    if (!row) {
      if (!adoptState) return false;
      db.prepare(
        `INSERT INTO numbers (phone, region, toll_free, state, updated_at, origin) VALUES (?, ?, ?, ?, ?, 'adopted')`,
      ).run(facts.phone, facts.region ?? 'US', facts.tollFree ? 1 : 0, adoptState, at);
      db.prepare('INSERT INTO number_states (phone, at, state, job_id, note) VALUES (?, ?, ?, NULL, ?)').run(
        facts.phone,
        at,
        adoptState,
        'found at Sinch',
      );
      row = db.prepare('SELECT * FROM numbers WHERE phone = ?').get(facts.phone) as NumberRow &
        ReadModelColumns;
      changed = true;
    }
    const remote: NumberRemote = row.remote ? (JSON.parse(row.remote) as NumberRemote) : { steps: {} };
    const history: StepChange[] = [];
    for (const [name, step] of Object.entries(facts.steps ?? {})) {
      const prev = remote.steps[name];
      if (prev && prev.state === step.state && prev.code === step.code && prev.message === step.message)
        continue;
      remote.steps[name] = { ...step, since: at };
      changed = true;
      history.push({ phone: facts.phone, at, orderRowId: null, step: name, ...step });
    }
    recordStepChanges(db, history);
    // An imported number is imported even if it was qualified first (text-enable makes it one).
    const kind = row.kind === 'imported' ? 'imported' : (facts.kind ?? row.kind);
    const next = {
      kind,
      qualification_state: facts.qualificationState ?? row.qualification_state,
      display_name: facts.displayName ?? row.display_name,
      callback_url: facts.callbackUrl ?? row.callback_url,
      service_plan_id: facts.servicePlanId ?? row.service_plan_id,
      campaign_id: facts.campaignId ?? row.campaign_id,
    };
    if ((Object.keys(next) as Array<keyof typeof next>).some((k) => next[k] !== row[k])) changed = true;
    db.prepare(
      `UPDATE numbers SET kind = @kind, qualification_state = @qualification_state, display_name = @display_name,
         callback_url = @callback_url, service_plan_id = @service_plan_id, campaign_id = @campaign_id,
         remote = @remote, checked_at = @at, updated_at = CASE WHEN @changed THEN @at ELSE updated_at END
       WHERE phone = @phone`,
    ).run({ ...next, remote: JSON.stringify(remote), at, changed: changed ? 1 : 0, phone: facts.phone });
    return changed;
  };
  return db.inTransaction ? run() : db.transaction(run).immediate();
}

/** The columns migration 006 added to `numbers`. */
export type ReadModelColumns = {
  kind: 'imported' | 'qualified' | 'local';
  origin: 'app' | 'adopted';
  qualification_state: string | null;
  display_name: string | null;
  callback_url: string | null;
  remote: string | null;
  checked_at: number | null;
};
/**
 * Rows for numbers an operation outside a batch plan touches (qualify, verify, delete…), so their
 * states and history are kept like a planned number's. Existing rows are left as they are.
 */
export function ensureNumbers(
  db: Db,
  numbers: ReadonlyArray<{ phone: string; region: 'US' | 'CA'; tollFree: boolean }>,
  at: number,
  context: { jobId?: number; note: string },
): void {
  const insert = db.prepare(
    `INSERT INTO numbers (phone, region, toll_free, state, updated_at) VALUES (?, ?, ?, 'planned', ?)
     ON CONFLICT (phone) DO NOTHING`,
  );
  const history = db.prepare(
    `INSERT INTO number_states (phone, at, state, job_id, note) VALUES (?, ?, 'planned', ?, ?)`,
  );
  const run = () => {
    for (const n of numbers)
      if (insert.run(n.phone, n.region, n.tollFree ? 1 : 0, at).changes === 1)
        history.run(n.phone, at, context.jobId ?? null, context.note);
  };
  if (db.inTransaction) run();
  else db.transaction(run).immediate();
}

/** The note that marks "qualification evidence e-mailed" in a number's history (workflow C). */
const INVOICE_NOTE = 'invoices e-mailed to Sinch';

/**
 * A history row without a state change (the number keeps its state): an invoice e-mail, a wrong
 * voice code. `at` may be earlier than now (the user says when the e-mail went out).
 */
export function noteNumbers(
  db: Db,
  phones: readonly string[],
  note: string,
  at: number,
  jobId?: number,
): number {
  const insert = db.prepare(
    `INSERT INTO number_states (phone, at, state, job_id, note)
     SELECT phone, ?, state, ?, ? FROM numbers WHERE phone = ?`,
  );
  let recorded = 0;
  const run = () => {
    for (const phone of phones) recorded += insert.run(at, jobId ?? null, note, phone).changes;
  };
  if (db.inTransaction) run();
  else db.transaction(run).immediate();
  return recorded;
}

/** How many history rows of this number carry exactly this note. */
export const noteCount = (db: Db, phone: string, note: string): number =>
  db
    .prepare('SELECT count(*) FROM number_states WHERE phone = ? AND note = ?')
    .pluck()
    .get(phone, note) as number;

/** The user e-mailed the qualification evidence (invoices) for these numbers on `emailedAt`. */
export const recordInvoiceEmailed = (db: Db, phones: readonly string[], emailedAt: number, note?: string) =>
  noteNumbers(db, phones, note ? `${INVOICE_NOTE}: ${note}` : INVOICE_NOTE, emailedAt);

/** When the latest invoice e-mail of this number was recorded (epoch ms), or null. */
export const invoiceEmailedAt = (db: Db, phone: string): number | null =>
  (db
    .prepare(`SELECT max(at) FROM number_states WHERE phone = ? AND (note = ? OR note LIKE ? ESCAPE '\\')`)
    .pluck()
    .get(phone, INVOICE_NOTE, `${INVOICE_NOTE}:%`) as number | null) ?? null;

/** One field of a refused call the user changed (jobs.amend): null = none. */
export type LinkChange = { from: string | null; to: string | null };

/**
 * A refused job's call now links its numbers to another service plan and/or campaign (`jobs.amend`):
 * their rows take the new values and a history note, in the caller's transaction. A row holding
 * another value than the job's old one was planned again since (a later batch owns it) and is left
 * as it is. Returns the numbers changed.
 */
export function relinkNumbersOfJob(
  db: Db,
  phones: readonly string[],
  change: { servicePlanId?: LinkChange; campaignId?: LinkChange },
  at: number,
  context: { jobId: number; note: string },
): string[] {
  const servicePlan = change.servicePlanId;
  const campaign = change.campaignId;
  const changed = db
    .prepare(
      `UPDATE numbers SET
         service_plan_id = CASE WHEN @plan THEN @planTo ELSE service_plan_id END,
         campaign_id = CASE WHEN @campaign THEN @campaignTo ELSE campaign_id END,
         updated_at = @at
       WHERE phone IN (SELECT value FROM json_each(@phones))
         AND (NOT @plan OR service_plan_id IS @planFrom)
         AND (NOT @campaign OR campaign_id IS @campaignFrom)
       RETURNING phone`,
    )
    .pluck()
    .all({
      plan: servicePlan ? 1 : 0,
      planFrom: servicePlan?.from ?? null,
      planTo: servicePlan?.to ?? null,
      campaign: campaign ? 1 : 0,
      campaignFrom: campaign?.from ?? null,
      campaignTo: campaign?.to ?? null,
      at,
      phones: JSON.stringify(phones),
    }) as string[];
  noteNumbers(db, changed, context.note, at, context.jobId);
  return changed;
}
