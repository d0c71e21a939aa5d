import { z } from 'zod';

/**
 * The three error body shapes of the API family (REFERENCE.md §3.5, §2.3). These schemas describe
 * the shapes as the spec writes them (the simulator emits them, H5 checks them); the client's error
 * parser (`electron/core/sinch/errors.ts`) is more lenient and also reads near misses.
 */

export const fieldViolation = z.object({ field: z.string(), description: z.string() }).loose();
export type FieldViolation = z.infer<typeof fieldViolation>;

/** `BadRequest` detail; other detail objects (e.g. Numbers-API 404 resource info) pass through. */
export const errorDetail = z
  .object({ type: z.string().optional(), fieldViolations: z.array(fieldViolation).optional() })
  .loose();

/** (a) Flat `ErrorResponse`, `code` is a STRING (`"404"`); used by imported/qualified/hosting-order ops. */
export const flatErrorBody = z
  .object({
    code: z.string(),
    message: z.string().optional(),
    status: z.string().optional(),
    details: z.array(errorDetail).optional(),
  })
  .loose();
export type FlatErrorBody = z.infer<typeof flatErrorBody>;

/** (b) Wrapped Google-style error, `error.code` is an INTEGER; used by the callbackConfiguration ops. */
export const wrappedErrorBody = z
  .object({
    error: z
      .object({
        code: z.number().int(),
        message: z.string().optional(),
        status: z.string().optional(),
        details: z.array(errorDetail).optional(),
      })
      .loose(),
  })
  .loose();
export type WrappedErrorBody = z.infer<typeof wrappedErrorBody>;

/** (c) RFC 7807 problem JSON from the gateway (401 / 403 / 429; §2.3, §3.6). */
export const problemErrorBody = z
  .object({
    type: z.string(),
    title: z.string().optional(),
    detail: z.string().optional(),
    status: z.number().int().optional(),
    instance: z.string().optional(),
  })
  .loose();
export type ProblemErrorBody = z.infer<typeof problemErrorBody>;

/** Problem `type` URLs of Sinch's error registry (§2.3, §3.6). */
export const PROBLEM_TYPES = {
  invalidCredentials: 'https://developers.sinch.com/docs/errors/registry/invalid-credentials',
  accessTokenExpired: 'https://developers.sinch.com/docs/errors/registry/access-token-expired',
  permissionDenied: 'https://developers.sinch.com/docs/errors/registry/permission-denied',
  tooManyRequests: 'https://developers.sinch.com/docs/errors/registry/too-many-requests',
} as const;

/** Token-endpoint failure, RFC 6749 style (§2.2; exact `error` values unconfirmed). */
export const oauthErrorBody = z
  .object({ error: z.string(), error_description: z.string().optional() })
  .loose();
export type OAuthErrorBody = z.infer<typeof oauthErrorBody>;

/** Which shape an operation's spec declares for its 4xx/5xx (§3.5). */
export type ErrorShape = 'flat' | 'wrapped';
