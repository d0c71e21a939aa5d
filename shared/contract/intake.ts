import { z } from 'zod';
// the light modules only: the contract is in every bundle (preload included), the file readers are not
import { INTAKE_ACTIONS, OPTIONAL_FIELD_KEYS } from '../domain/intake/fields';
import { MAX_CHUNK_ROWS } from '../domain/intake/limits';
import { ROW_STATUSES } from '../domain/intake/status';
import { LOA_TYPES } from '../domain/tasks';
import { channel, cursorOrOffset, isoDateTime, offsetWindow, page, pageRequest } from './define';

/**
 * Intake drafts (UI.md "Where data lives"): every list brought in is a draft in the workspace
 * database from its first chunk, so a half-reviewed list survives restarts and workspace switches.
 * The renderer's worker reads the file (shared/domain/intake) and sends rows here in chunks
 * (≤ 5,000 rows or ≤ 512 KiB a call); the engine checks them against what the workspace holds and
 * owns them from then on. Plan preview and commit take the draft's id (shared/contract/jobs.ts).
 */
export const intakeActionSchema = z.enum(INTAKE_ACTIONS);
export const rowStatusSchema = z.enum(ROW_STATUSES);
export const DRAFT_STATES = ['loading', 'ready', 'queued'] as const;
export const draftStateSchema = z.enum(DRAFT_STATES);

const id = z.string().min(1).max(64);
const text = (max: number) => z.string().trim().min(1).max(max);

/** The optional fields a row carries (shared/domain/intake/row-fields.ts), as the wire takes them. */
export const intakeFieldsSchema = z
  .object({
    regionCode: z.enum(['US', 'CA']),
    servicePlanId: text(64),
    campaignId: text(64),
    displayName: text(200),
    callbackUrl: z.string().url().max(2000),
    nnid: z.string().regex(/^\d{1,16}$/),
    loaProfile: text(200),
    loaType: z.enum(LOA_TYPES),
    scheduledOsrUpdateTime: isoDateTime,
    scheduledZipwhipProvisioningTime: isoDateTime,
    migrateToSinchTmo: z.boolean(),
  })
  .partial()
  .strict();
export type IntakeFieldsInput = z.infer<typeof intakeFieldsSchema>;

/** One row as the worker read it. */
export const intakeRowInputSchema = z
  .object({
    row: z.number().int().min(1).max(10_000_000),
    original: z.string().max(200),
    e164: z
      .string()
      .regex(/^\+1\d{10}$/)
      .nullable(),
    region: z.enum(['US', 'CA']).nullable(),
    tollFree: z.boolean(),
    extension: z.string().max(16).nullable(),
    status: rowStatusSchema,
    reason: z.string().max(1000).nullable(),
    skipsQualification: z.boolean().optional(),
    fields: intakeFieldsSchema,
    /** per optional field whose cell could not be used, the message (kept so a later fix can clear it) */
    problems: z.partialRecord(z.enum(OPTIONAL_FIELD_KEYS), z.string().max(300)).optional(),
  })
  .strict();

export const intakeRowSchema = intakeRowInputSchema.extend({ skipsQualification: z.boolean() });
export type IntakeRowItem = z.infer<typeof intakeRowSchema>;

export const rowCountsSchema = z.object(
  Object.fromEntries(ROW_STATUSES.map((s) => [s, z.number().int().nonnegative()])) as Record<
    (typeof ROW_STATUSES)[number],
    z.ZodNumber
  >,
);

/** Values that hold for the whole batch unless a row says otherwise (and the workspace defaults below them). */
export const draftValuesSchema = z
  .object({
    regionCode: z.enum(['US', 'CA']),
    servicePlanId: text(64),
    campaignId: text(64),
    /** the saved LOA profile that signs for the batch (text-enable) */
    loaProfileId: id,
    loaType: z.enum(LOA_TYPES),
  })
  .partial()
  .strict();

export const draftSourceSchema = z
  .object({
    fileName: z.string().max(260).optional(),
    sheet: z.string().max(120).optional(),
    size: z.number().int().nonnegative().optional(),
    format: z.string().max(16).optional(),
    /** shared/domain/intake shapeSignature, to remember the mapping per file shape */
    signature: z.string().max(120).optional(),
  })
  .strict();

export const draftSchema = z.object({
  id: z.string(),
  name: z.string(),
  action: intakeActionSchema,
  state: draftStateSchema,
  source: draftSourceSchema,
  /** the column mapping the worker used (opaque to the engine) */
  mapping: z.unknown(),
  values: draftValuesSchema,
  counts: rowCountsSchema,
  rows: z.number().int().nonnegative(),
  /** changes on every edit; plan.commit must name the one its preview showed */
  revision: z.number().int(),
  /** the batch it was queued as, once queued (then read-only) */
  batchId: z.string().nullable(),
  /** a bulk action that `intake.undo` can take back */
  canUndo: z.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Draft = z.infer<typeof draftSchema>;

const draftId = z.object({ draftId: id }).strict();

/** Which rows a bulk action touches. */
export const rowTargetSchema = z.union([
  z.object({ all: z.literal(true) }).strict(),
  z.object({ rows: z.array(z.number().int().min(1)).min(1).max(MAX_CHUNK_ROWS) }).strict(),
  z.object({ statuses: z.array(rowStatusSchema).min(1).max(ROW_STATUSES.length) }).strict(),
]);

/** A value set on rows; `null` clears what the row said (the batch value or default applies again). */
const fieldChanges = z
  .object(
    Object.fromEntries(
      OPTIONAL_FIELD_KEYS.map((k) => [k, (intakeFieldsSchema.shape[k] as z.ZodType).nullable().optional()]),
    ) as { [K in (typeof OPTIONAL_FIELD_KEYS)[number]]: z.ZodOptional<z.ZodNullable<z.ZodType>> },
  )
  .strict();

export const intakeChannels = {
  /** Start a draft before the first chunk; it stays `loading` until `intake.append` says `last`. */
  'intake.create': channel(
    z
      .object({
        name: text(120),
        action: intakeActionSchema,
        source: draftSourceSchema.default({}),
        mapping: z.unknown().optional(),
        values: draftValuesSchema.default({}),
      })
      .strict(),
    draftSchema,
  ),
  /**
   * Rows of a loading draft, in file order (≤ 5,000 a call; the browser shell refuses bodies over
   * 1 MiB). The engine marks numbers the workspace already holds as duplicates. `last: true` makes
   * the draft ready.
   */
  'intake.append': channel(
    z
      .object({
        draftId: id,
        rows: z.array(intakeRowInputSchema).max(MAX_CHUNK_ROWS),
        last: z.boolean().default(false),
      })
      .strict(),
    draftSchema,
  ),
  /** Cancel (or a read error) while loading: the draft and its rows are deleted. */
  'intake.cancel': channel(draftId, z.object({ deleted: z.boolean() })),
  'intake.list': channel(
    pageRequest
      .extend({ ...offsetWindow })
      .strict()
      .refine(...cursorOrOffset),
    page(draftSchema),
  ),
  'intake.get': channel(draftId, draftSchema),
  /** Rows of a draft: a status filter, a sort, offset windows for a virtualised table. */
  'intake.rows': channel(
    pageRequest
      .extend({
        ...offsetWindow,
        draftId: id,
        statuses: z.array(rowStatusSchema).max(ROW_STATUSES.length).optional(),
        sort: z.enum(['row', 'status', 'e164']).default('row'),
        descending: z.boolean().default(false),
      })
      .strict()
      .refine(...cursorOrOffset),
    page(intakeRowSchema),
  ),
  'intake.counts': channel(draftId, rowCountsSchema),
  /** Fix one row: its number and/or fields; re-validated as if read from the file. */
  'intake.edit': channel(
    z
      .object({
        draftId: id,
        row: z.number().int().min(1),
        original: z.string().max(200).optional(),
        fields: fieldChanges.optional(),
      })
      .strict(),
    intakeRowSchema,
  ),
  'intake.remove': channel(
    z.object({ draftId: id, rows: z.array(z.number().int().min(1)).min(1).max(MAX_CHUNK_ROWS) }).strict(),
    draftSchema,
  ),
  /** Set values on all rows, a selection, or all rows of some statuses; `intake.undo` takes it back. */
  'intake.apply': channel(
    z.object({ draftId: id, target: rowTargetSchema, values: fieldChanges }).strict(),
    draftSchema.extend({ changed: z.number().int() }),
  ),
  /** Take back the last bulk action (apply or remove). */
  'intake.undo': channel(draftId, draftSchema),
  /** Rename, or change the batch values (the LOA choice among them). */
  'intake.update': channel(
    z.object({ draftId: id, name: text(120).optional(), values: draftValuesSchema.optional() }).strict(),
    draftSchema,
  ),
  'intake.discard': channel(draftId, z.object({ deleted: z.boolean() })),
  /** A copy in another workspace (Sandbox → Live): ready, unqueued, re-checked against that workspace. */
  'intake.copy': channel(
    z.object({ draftId: id, workspaceId: id }).strict(),
    z.object({ draftId: z.string() }),
  ),
};

export const intakeEvents = {
  /** Drafts changed (ids, coalesced): re-query the list or the rows shown. */
  'intake.changed': z.object({ draftIds: z.array(z.string()) }),
};
