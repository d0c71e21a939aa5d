import { z } from 'zod';
import { QUALIFY_LIMIT } from '../domain/limits';
import { channel } from './define';
import { jobSummarySchema } from './jobs';

/**
 * Operations on single numbers and qualifications that are not batch plans (issue 9, "Operations that
 * must be reachable"): qualify on their own, record the invoice route, voice challenge, update /
 * unlink / relink / delete imported numbers, delete qualified numbers. Each queues jobs (the queue
 * sends them, retries, reconciles) and answers with those jobs; progress arrives as `jobs.changed`.
 *
 * `intentId` identifies the user's intent (generate it when the user acts): the same intent twice
 * queues once. A deliberate repeat — a new voice call, a second code — is a new intent.
 */
const phoneNumber = z
  .string()
  .regex(/^\+1\d{10}$/, 'An E.164 number of the US or Canada, e.g. +12025550134.');
const intentId = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_-]+$/, 'Letters, digits, - and _ only.');
const queued = z.object({ jobs: z.array(jobSummarySchema) });

/** "Attempts left" is an estimate: Sinch reports none; the app counts the wrong codes it sent. */
export const voiceAttemptsSchema = z.object({
  phoneNumber: z.string(),
  wrongCodes: z.number().int().nonnegative(),
  /** the workspace setting (Sinch blocks the number after this many wrong codes) */
  allowed: z.number().int().positive(),
  attemptsLeftEstimate: z.number().int().nonnegative(),
});

export const qualificationChannels = {
  /**
   * Workflow C: add numbers for qualification (addNumbers, in calls of at most 500) and follow each
   * until Sinch decided (ELIGIBLE or later, or not eligible), within the review limit setting.
   */
  'qualification.qualify': channel(
    z
      .object({
        intentId,
        numbers: z
          .array(phoneNumber)
          .min(1)
          .max(10 * QUALIFY_LIMIT),
      })
      .strict(),
    queued,
  ),
  /** The invoice route: evidence for these numbers was e-mailed to Sinch on `emailedOn`. */
  'qualification.recordInvoice': channel(
    z
      .object({
        numbers: z.array(phoneNumber).min(1).max(QUALIFY_LIMIT),
        emailedOn: z.iso.date(),
        note: z.string().trim().max(200).optional(),
      })
      .strict(),
    z.object({ recorded: z.number().int(), emailedOn: z.string() }),
  ),
  /** DELETE a qualified number at Sinch. */
  'qualification.delete': channel(z.object({ intentId, phoneNumber }).strict(), queued),
};

export const voiceChannels = {
  /** Place the voice call with a code (the number must be ELIGIBLE or waiting for a code). */
  'voice.send': channel(
    z.object({ intentId, phoneNumber }).strict(),
    queued.extend({ attempts: voiceAttemptsSchema }),
  ),
  /** Check the code the user heard. One try per intent: a lost answer is never re-sent. */
  'voice.verify': channel(
    z
      .object({
        intentId,
        phoneNumber,
        code: z
          .string()
          .trim()
          .regex(/^\d{4,10}$/, 'The digits the call read out.'),
      })
      .strict(),
    queued.extend({ attempts: voiceAttemptsSchema }),
  ),
  'voice.attempts': channel(z.object({ phoneNumber }).strict(), voiceAttemptsSchema),
};

export const importedNumbersChannels = {
  /** Change the display name and/or the callback URL (PATCH with only those keys). */
  'importedNumbers.update': channel(
    z
      .object({
        intentId,
        phoneNumber,
        displayName: z.string().trim().max(200).optional(),
        callbackUrl: z
          .url({ protocol: /^https?$/ })
          .max(2000)
          .optional(),
      })
      .strict()
      .refine((v) => v.displayName !== undefined || v.callbackUrl !== undefined, {
        path: ['displayName'],
        message: 'Give a display name or a callback URL to change.',
      }),
    queued,
  ),
  /** Unlink from the service plan and campaign (both set to ""), and nothing else. */
  'importedNumbers.unlink': channel(z.object({ intentId, phoneNumber }).strict(), queued),
  /** Move to another service plan / campaign: two ordered jobs, unlink then link (guide: unlink before relink). */
  'importedNumbers.relink': channel(
    z
      .object({
        intentId,
        phoneNumber,
        servicePlanId: z.string().trim().min(1).max(64),
        campaignId: z.string().trim().max(64).optional(),
      })
      .strict(),
    queued,
  ),
  'importedNumbers.delete': channel(z.object({ intentId, phoneNumber }).strict(), queued),
};

export const operationsEvents = {};
export type QueuedJobs = z.infer<typeof queued>;
