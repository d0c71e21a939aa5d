import { z } from 'zod';
import { channel, isoDateTime } from './define';
import { ERROR_CODES } from './envelope';

/**
 * Credentials of a Live workspace. The key secret and the callback HMAC secret go to the OS
 * keychain and nowhere else; the renderer only ever learns whether they exist.
 */
export const credentialStatusSchema = z.object({
  workspaceId: z.string(),
  keyId: z.string().nullable(),
  keySecret: z.boolean(),
  callbackSecret: z.boolean(),
  keychainAvailable: z.boolean(),
});
export type CredentialStatus = z.infer<typeof credentialStatusSchema>;

const workspaceRef = z.string().min(1).max(64);

export const credentialsChannels = {
  /** Which credentials exist for a workspace (default: the active one). Never the values. */
  'credentials.status': channel(
    z.object({ workspaceId: workspaceRef.optional() }).strict(),
    credentialStatusSchema,
  ),
  /** Store the key secret (and optionally the key id and callback secret) in the OS keychain. */
  'credentials.set': channel(
    z
      .object({
        workspaceId: workspaceRef,
        keyId: z.string().trim().min(1).max(128).optional(),
        keySecret: z.string().min(1).max(1024).optional(),
        callbackSecret: z.string().min(1).max(1024).optional(),
      })
      .strict(),
    credentialStatusSchema,
  ),
  'credentials.delete': channel(
    z
      .object({
        workspaceId: workspaceRef,
        which: z.enum(['keySecret', 'callbackSecret', 'all']).default('all'),
      })
      .strict(),
    credentialStatusSchema,
  ),
  /**
   * Check a callback someone pasted: does its `X-Sinch-Signature` match the body under the
   * workspace's callback secret? The secret stays in the engine; only the verdict comes back.
   */
  'credentials.verifyCallback': channel(
    z
      .object({
        workspaceId: workspaceRef.optional(),
        /** the raw request body, exactly as received */
        body: z
          .string()
          .min(1)
          .max(64 * 1024),
        /** the X-Sinch-Signature header's value */
        signature: z.string().trim().min(1).max(200),
      })
      .strict(),
    z.object({ valid: z.boolean(), detail: z.string() }),
  ),
  /** Try the stored credentials against the API (one cheap authenticated call). */
  'credentials.test': channel(
    z.object({ workspaceId: workspaceRef.optional() }).strict(),
    z.object({
      ok: z.boolean(),
      detail: z.string(),
      checkedAt: isoDateTime,
      /** when not ok: UNAUTHENTICATED (401/403), OFFLINE (not reached), SINCH_ERROR (other answer) */
      code: z.enum(ERROR_CODES).optional(),
      /** SINCH_ERROR: `{ status, violations }` as Sinch sent them (never a secret) */
      details: z.unknown().optional(),
    }),
  ),
};

export const credentialsEvents = {};
