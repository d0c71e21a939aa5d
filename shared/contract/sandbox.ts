import { z } from 'zod';
import { CALLBACK_FAILURE_CODES } from '../sinch/enums';
import { channel, isoDateTime } from './define';

/**
 * The Sandbox's control surface (ROADMAP: reachable through the contract in the Sandbox workspace
 * only). Each channel refuses with CONFLICT while a Live workspace is open: real Sinch has no such
 * buttons. They act on the simulated Sinch; only `sandbox.reset` also clears the Sandbox's own work.
 */
const phoneNumber = z.string().regex(/^\+[1-9]\d{6,14}$/, 'An E.164 number, e.g. +12025550134.');
const hostingOrderId = z.string().min(1).max(128);
const reason = z.string().trim().min(1).max(500);

export const SANDBOX_FAULT_PRESETS = ['none', 'flaky', 'rate-limited', 'slow', 'token-expiry'] as const;
export type SandboxFaultPreset = (typeof SANDBOX_FAULT_PRESETS)[number];

/** Provisioning steps a failure can be injected into (REFERENCE.md §7.4): OSR update, SMS platform, 10DLC campaign. */
export const SANDBOX_FAILURE_STEPS = ['osr', 'platform', 'campaign'] as const;

export const sandboxSettingsSchema = z.object({
  autoSignLoa: z.boolean(),
  qualificationReviewBusinessDays: z.number().int().nullable(),
  requestBudgetPerSecond: z.number().nullable(),
  detail: z.string(),
});

/** What the simulator did, in one sentence, and its simulated time afterwards. */
export const sandboxActionResultSchema = z.object({
  detail: z.string(),
  /** the simulated Sinch's clock (it runs faster than real time) */
  simulatedNow: isoDateTime,
  /** state of the order or qualified number afterwards, when there is one */
  state: z.string().optional(),
});

export const sandboxChannels = {
  /** The customer signs the LOA of a hosting order that waits for it. */
  'sandbox.signLoa': channel(z.object({ hostingOrderId }).strict(), sandboxActionResultSchema),
  /** The customer refuses the LOA: the order is rejected. */
  'sandbox.refuseLoa': channel(
    z.object({ hostingOrderId, reason: reason.optional() }).strict(),
    sandboxActionResultSchema,
  ),
  /** Decide a pending qualification: eligible (optionally only after a voice verification). */
  'sandbox.approveQualification': channel(
    z.object({ phoneNumber, requireVerification: z.boolean().default(false) }).strict(),
    sandboxActionResultSchema,
  ),
  'sandbox.rejectQualification': channel(
    z.object({ phoneNumber, reason: reason.optional() }).strict(),
    sandboxActionResultSchema,
  ),
  /** The code the simulated voice call "says" (null until a challenge was sent). */
  'sandbox.voiceCode': channel(
    z.object({ phoneNumber }).strict(),
    z.object({ phoneNumber: z.string(), code: z.string().nullable(), detail: z.string() }),
  ),
  /** Jump the simulated clock forward (orders, qualification and provisioning move on). */
  'sandbox.advanceClock': channel(
    z
      .object({
        minutes: z
          .number()
          .int()
          .min(1)
          .max(7 * 24 * 60),
      })
      .strict(),
    sandboxActionResultSchema,
  ),
  /** Make the simulated Sinch misbehave in a named way (none = behave). */
  'sandbox.setFaults': channel(
    z.object({ preset: z.enum(SANDBOX_FAULT_PRESETS) }).strict(),
    z.object({ preset: z.enum(SANDBOX_FAULT_PRESETS), detail: z.string() }),
  ),
  /**
   * What a rehearsal needs to set (keys left out stay as they are): whether the customer signs LOAs by
   * himself, how long Sinch's qualification review takes, and the request budget (over it: 429).
   */
  'sandbox.configure': channel(
    z
      .object({
        /** the customer signs every LOA some simulated minutes after it was e-mailed */
        autoSignLoa: z.boolean().optional(),
        /** business days until an undecided qualification is approved by itself; null = only by hand */
        qualificationReviewBusinessDays: z.number().int().min(0).max(30).nullable().optional(),
        /** requests per second per project before Sinch answers 429; null = unlimited */
        requestBudgetPerSecond: z.number().min(0.1).max(10_000).nullable().optional(),
      })
      .strict(),
    sandboxSettingsSchema,
  ),
  /** Make one step of one number fail in the next order that carries it (once), with Sinch's code. */
  'sandbox.injectFailure': channel(
    z
      .object({
        phoneNumber,
        step: z.enum(SANDBOX_FAILURE_STEPS),
        failureCode: z.enum(CALLBACK_FAILURE_CODES).optional(),
      })
      .strict(),
    z.object({ detail: z.string() }),
  ),
  /**
   * Every create request the simulated Sinch received, per number (accepted or refused), oldest first:
   * how a rehearsal (and a test) sees that no number was sent twice. Counted on the simulator's side.
   */
  'sandbox.createRequests': channel(
    z
      .object({
        phoneNumber: phoneNumber.optional(),
        /** also answer each request's JSON body as the simulator received it (`bodies`) */
        withBodies: z.boolean().optional(),
      })
      .strict(),
    z.object({
      requests: z.array(
        z.object({
          at: isoDateTime,
          operation: z.string(),
          phoneNumber: z.string(),
          outcome: z.enum(['ACCEPTED', 'REFUSED']),
          httpStatus: z.number().int(),
          hostingOrderId: z.string().optional(),
          /** the same for every number of one request */
          requestId: z.number().int(),
        }),
      ),
      /** with `withBodies`: each listed request's body by its `requestId` (once per request) */
      bodies: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
  /**
   * Start the Sandbox over: the simulated Sinch forgets every number and order, and this workspace its
   * jobs, batches, numbers, orders, history and audit records. LOA profiles and settings stay. Sending
   * pauses while it runs and works right after it.
   */
  'sandbox.reset': channel(z.object({}).strict(), sandboxActionResultSchema),
};

export const sandboxEvents = {};
