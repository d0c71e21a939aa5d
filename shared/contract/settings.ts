import { z } from 'zod';
import { channel } from './define';

/**
 * What screens remember (issue 7 item 4): a closed set of setting keys, each with its zod schema, its
 * default and its scope — `app` (the same in every workspace; stored in the data directory next to
 * the workspace registry) or `workspace` (the open workspace's own; stored in its database).
 *
 * Add a setting: one entry in `SETTINGS` below. The channels, their validation, the defaults and the
 * storage pick it up from there; nothing else changes.
 */
const id = z.string().trim().min(1).max(200);

/** A file's column → the intake field it fills (`phoneNumber`, `servicePlanId`, …). */
export const columnMappingSchema = z
  .record(id, z.string().max(64))
  .refine((m) => Object.keys(m).length <= 200, {
    message: 'At most 200 columns can be mapped.',
  });
/** How a table looks: column widths in px, column order, hidden columns. */
export const tableLayoutSchema = z
  .object({
    widths: z.record(id, z.number().int().min(24).max(2000)).default({}),
    order: z.array(id).max(200).default([]),
    hidden: z.array(id).max(200).default([]),
  })
  .strict();

export const SETTINGS = {
  /** per file-shape signature (e.g. the normalised header row) → how its columns map to intake fields */
  'intake.columnMappings': {
    scope: 'workspace',
    schema: z.record(id, columnMappingSchema),
    default: {},
  },
  /** per table id → its layout */
  'tables.layout': {
    scope: 'app',
    schema: z.record(id, tableLayoutSchema),
    default: {},
  },
  /** which events notify the user; `signatureWaitingHours`: remind when an LOA signature waits longer */
  notifications: {
    scope: 'app',
    schema: z
      .object({
        orderCompleted: z.boolean(),
        orderRejected: z.boolean(),
        signatureWaitingHours: z
          .number()
          .int()
          .min(1)
          .max(24 * 30)
          .nullable(),
      })
      .strict(),
    default: { orderCompleted: true, orderRejected: true, signatureWaitingHours: 24 },
  },
  /**
   * the notifications already shown (`orderId:kind`, newest last): kept by the engine so that neither
   * shell, window nor restart says the same thing twice; per workspace, as the order ids are
   */
  'notifications.sent': {
    scope: 'workspace',
    schema: z.array(z.string().max(120)).max(500),
    default: [],
  },
  /** a qualification still pending after this many business days fails with "contact orders@sinch.com" */
  'qualification.reviewLimitBusinessDays': {
    scope: 'workspace',
    schema: z.number().int().min(1).max(60),
    default: 5,
  },
  /** the first-run tour was skipped or finished: `/` opens Status instead of the tour from then on */
  'welcome.tourSeen': {
    scope: 'app',
    schema: z.boolean(),
    default: false,
  },
  /** voice-challenge attempts Sinch allows (the API does not report them; "attempts left" is an estimate) */
  'voice.maxAttempts': {
    scope: 'workspace',
    schema: z.number().int().min(1).max(10),
    default: 3,
  },
} as const satisfies Record<string, { scope: 'app' | 'workspace'; schema: z.ZodType; default: unknown }>;

export type SettingKey = keyof typeof SETTINGS;
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];
export type SettingScope = (typeof SETTINGS)[SettingKey]['scope'];
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]['schema']>;
export const settingKeySchema = z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]]);

/** One setting as the engine answers it: `isDefault` when nothing was stored. */
export type SettingEntry = {
  [K in SettingKey]: {
    key: K;
    scope: (typeof SETTINGS)[K]['scope'];
    value: SettingValue<K>;
    isDefault: boolean;
    /** the workspace a `workspace` setting belongs to; null for `app` settings */
    workspaceId: string | null;
  };
}[SettingKey];

/** `settings.set` input: a key and a value of that key's schema (a discriminated union over `key`). */
export type SettingWrite = {
  [K in SettingKey]: { key: K; value: z.input<(typeof SETTINGS)[K]['schema']> };
}[SettingKey];

const entries = SETTING_KEYS.map((key) => ({ key, def: SETTINGS[key] }));
/**
 * Inputs are objects (the contract's convention): `value` is checked against the key's schema here,
 * issues reported under `value.…`, so a form can put the message on the field.
 */
const settingWriteSchema = z
  .object({ key: settingKeySchema, value: z.unknown() })
  .strict()
  .superRefine((input, ctx) => {
    const parsed = SETTINGS[input.key].schema.safeParse(input.value);
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: 'custom', path: ['value', ...issue.path], message: issue.message });
  });
const settingEntrySchema = z.discriminatedUnion(
  'key',
  entries.map(({ key, def }) =>
    z.object({
      key: z.literal(key),
      scope: z.literal(def.scope),
      value: def.schema,
      isDefault: z.boolean(),
      workspaceId: z.string().nullable(),
    }),
  ) as unknown as [z.ZodObject<{ key: z.ZodLiteral<SettingKey> }>],
) as unknown as z.ZodType<SettingEntry>;

export const settingsChannels = {
  /** The settings of `keys` (all when omitted), defaults filled in; workspace ones are the open workspace's. */
  'settings.get': channel(
    z.object({ keys: z.array(settingKeySchema).max(SETTING_KEYS.length).optional() }).strict(),
    z.object({ items: z.array(settingEntrySchema) }),
  ),
  /** Store one setting (validated by its key's schema; the open workspace's for `workspace` settings). */
  'settings.set': channel(settingWriteSchema, settingEntrySchema),
};

export const settingsEvents = {
  /** Settings changed; re-read those keys. `workspaceId`: whose workspace settings changed (null: only app-wide ones). */
  'settings.changed': z.object({ keys: z.array(settingKeySchema), workspaceId: z.string().nullable() }),
};
