import { z } from 'zod';

/** Sinch's global OAuth2 token endpoint (§2.2); regional aliases exist but are not needed. */
export const DEFAULT_TOKEN_URL = 'https://auth.sinch.com/oauth2/token';
/** The one global base URL of this API (§1). */
export const DEFAULT_BASE_URL = 'https://imported.numbers.api.sinch.com';

/**
 * Client-credentials token response (§2.2). `token_type` may be `Bearer` or `bearer` (compare
 * case-insensitively); `scope` is `""`.
 */
export const oauthTokenResponse = z
  .object({
    access_token: z.string().min(1),
    token_type: z.string(),
    expires_in: z.number().int().positive(),
    scope: z.string().optional(),
  })
  .loose();
export type OAuthTokenResponse = z.infer<typeof oauthTokenResponse>;
