import { z } from 'zod';
import { directLoaInfo, loaAddress, loaAuthorisedPerson, resellerLoaInfo } from '../sinch/requests';
import { channel, cursorOrOffset, isoDateTime, offsetWindow, page, pageRequest } from './define';

/**
 * Reusable LOA profiles (DESIGN.md: "end business, authorised person, address, carrier"): a named record
 * per workspace holding exactly the wire fields of REFERENCE.md §6.8, so a direct or reseller text-enable
 * can build its `directLoaInfo` / `resellerLoaInfo` from it. Blanket LOA (`{}`) needs no profile.
 *
 * The shapes extend the client's own request schemas (shared/sinch/requests.ts) and make them strict:
 * what the user saves is exactly what Sinch takes, and a misspelt key is refused instead of dropped.
 */
export const LOA_PROFILE_KINDS = ['direct', 'reseller'] as const;
export const loaProfileKindSchema = z.enum(LOA_PROFILE_KINDS);
export type LoaProfileKind = z.infer<typeof loaProfileKindSchema>;

// No length limits are documented (§6.8): these bounds only keep a record sane.
const text = (max: number) => z.string().trim().min(1).max(max);

/** The LOA goes to this address for e-signature (guide workflow D): it must be an address. */
export const loaAuthorisedPersonInput = loaAuthorisedPerson
  .extend({ firstName: text(100), lastName: text(100), email: z.email().max(254) })
  .strict();

/** `postalCode` stays a string (leading zeros); `country` is `US` or `USA` in the spec's examples (§9 #9). */
export const loaAddressInput = loaAddress
  .extend({
    buildingNumber: text(40),
    street: text(200),
    city: text(100),
    state: text(60),
    postalCode: text(20),
    country: text(60),
  })
  .strict();

export const directLoaInfoInput = directLoaInfo
  .extend({
    authorisedPerson: loaAuthorisedPersonInput,
    address: loaAddressInput,
    currentVoiceCarrier: text(100),
  })
  .strict();
export type DirectLoaInfoInput = z.infer<typeof directLoaInfoInput>;

export const resellerLoaInfoInput = resellerLoaInfo
  .extend({
    businessName: text(200),
    authorisedPerson: loaAuthorisedPersonInput,
    address: loaAddressInput,
    currentVoiceCarrier: text(100),
  })
  .strict();
export type ResellerLoaInfoInput = z.infer<typeof resellerLoaInfoInput>;

/** Either info; strict, so a reseller's `businessName` never parses as a direct info. */
export const loaInfoInput = z.union([resellerLoaInfoInput, directLoaInfoInput]);
export type LoaProfileInfo = z.infer<typeof loaInfoInput>;

/** The info must be the profile kind's: a reseller needs `businessName`, a direct profile has none. */
export const loaInfoSchemaFor = (kind: LoaProfileKind) =>
  kind === 'direct' ? directLoaInfoInput : resellerLoaInfoInput;

export const loaProfileSchema = z.object({
  id: z.string(),
  label: z.string(),
  kind: loaProfileKindSchema,
  info: loaInfoInput,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type LoaProfile = z.infer<typeof loaProfileSchema>;

const label = text(120);
const profileId = z.string().min(1).max(64);
const byId = z.object({ id: profileId }).strict();

export const loaProfileCreateSchema = z
  .object({ label, kind: loaProfileKindSchema, info: loaInfoInput })
  .strict()
  .superRefine((value, ctx) => {
    const parsed = loaInfoSchemaFor(value.kind).safeParse(value.info);
    if (!parsed.success)
      ctx.addIssue({
        code: 'custom',
        path: ['info'],
        message:
          value.kind === 'direct'
            ? 'A direct LOA profile has no businessName (that is a reseller profile).'
            : 'A reseller LOA profile needs the end business name (businessName).',
      });
  });

export const loaProfileUpdateSchema = z
  .object({
    id: profileId,
    /** The kind cannot change: queued jobs were checked against it. `info` replaces the whole info. */
    patch: z.object({ label: label.optional(), info: loaInfoInput.optional() }).strict(),
  })
  .strict();

/** `jobs` = queued orders (one job sends one order), `numbers` = the numbers they carry. */
const queuedUsageSchema = z.object({
  jobs: z.number().int().nonnegative(),
  numbers: z.number().int().nonnegative(),
});

export const loaProfilesChannels = {
  'loaProfiles.list': channel(
    pageRequest
      .extend({
        ...offsetWindow,
        kind: loaProfileKindSchema.optional(),
        /** matches label, business name, authorised person's name or email (case-insensitive) */
        text: z.string().trim().max(200).optional(),
      })
      .strict()
      .refine(...cursorOrOffset),
    page(loaProfileSchema),
  ),
  'loaProfiles.get': channel(byId, loaProfileSchema),
  'loaProfiles.create': channel(loaProfileCreateSchema, loaProfileSchema),
  'loaProfiles.update': channel(loaProfileUpdateSchema, loaProfileSchema),
  /**
   * Refused with CONFLICT while an unfinished job (pending, running, waiting) still names the profile
   * itself (jobs queued before jobs took their own copy of the LOA at commit).
   */
  'loaProfiles.delete': channel(byId, z.object({ id: z.string() })),
  /**
   * The profile, under the same name, in another workspace (Sandbox → Live and back). Refused with
   * CONFLICT (`details.field = 'label'`) when that workspace has a profile of that name already.
   */
  'loaProfiles.copy': channel(
    z.object({ id: profileId, toWorkspaceId: z.string().min(1).max(64) }).strict(),
    z.object({ workspaceId: z.string(), profile: loaProfileSchema }),
  ),
  /**
   * Each queued order carries the copy of its LOA taken at commit. These are the orders not yet sent
   * (waiting or ready; never one being sent or done) whose copy differs from the profile as it is now.
   */
  'loaProfiles.queuedUsage': channel(byId, queuedUsageSchema),
  /** Those orders take the profile as it is now, in one transaction; answers how many changed. */
  'loaProfiles.applyToQueued': channel(byId, queuedUsageSchema),
};

export const loaProfilesEvents = {
  /** Profiles were created, edited or deleted; re-query the list. */
  'loaProfiles.changed': z.object({ ids: z.array(z.string()) }),
};
