/**
 * Behaviour switches of the simulator, for the rules REFERENCE.md marks UNCONFIRMED (§10) and for test
 * set-ups. Changeable at run time through the control surface; persisted with the state.
 */
export type Settings = {
  /** §5.2 (11): numbers per `hostingOrders:importNumbers`; 5 by default, raised by the account manager. */
  importLimit: number;
  /** §5.3 (18): numbers per text-enable request. */
  textEnableLimit: number;
  /** §9 #6: enforce the list filters the spec marks required (servicePlanId, campaignId, states, type). */
  strictListFilters: boolean;
  /** §10 #7: text-enable from ELIGIBLE or VERIFIED (default) or only VERIFIED. */
  textEnableFrom: 'ELIGIBLE_OR_VERIFIED' | 'VERIFIED';
  /** §6.9: op 18's text says a campaign must be included; the schema says optional. */
  requireCampaignOnTextEnable: boolean;
  /** 'strict': every API call needs valid credentials for the project; 'off': anything goes. */
  authMode: 'strict' | 'off';
  /** Simulated duration of each provisioning step (IN_PROGRESS → DONE). */
  stepMs: number;
  /** Simulated time an order stays SUBMITTED. */
  submitMs: number;
  /**
   * Sinch's review of a qualification (guide: 1–3 business days): pending until approved or rejected
   * through the control surface, or decided ELIGIBLE when the simulated clock passes this many business
   * days after submission. null = only by control.
   */
  qualificationReviewBusinessDays: number | null;
  /** Simulated time until an LOA is signed automatically; null = only by control (sign/refuse). */
  autoSignLoaMs: number | null;
  tokenTtlSeconds: number;
  pageSizeDefault: number;
  pageSizeMax: number;
  /** §8.1: delivery attempts per callback (retry on non-2xx / network error), backoff 1 s × 2^n. */
  callbackMaxAttempts: number;
  /** §10 #8: wrong voice codes before VERIFICATION_BLOCKED. */
  voiceAttempts: number;
  /**
   * §3.6: request budget per project and auth kind (requests per real second, burst of one second);
   * over it → 429 with Retry-After. null = unlimited. Sinch publishes no numbers: off by default.
   */
  basicRatePerSecond: number | null;
  oauthRatePerSecond: number | null;
};

export const DEFAULT_SETTINGS: Settings = {
  importLimit: 5,
  textEnableLimit: 500,
  strictListFilters: true,
  textEnableFrom: 'ELIGIBLE_OR_VERIFIED',
  requireCampaignOnTextEnable: false,
  authMode: 'strict',
  stepMs: 5 * 60_000,
  submitMs: 60_000,
  qualificationReviewBusinessDays: 2,
  autoSignLoaMs: null,
  tokenTtlSeconds: 3600,
  pageSizeDefault: 20,
  pageSizeMax: 100,
  callbackMaxAttempts: 5,
  voiceAttempts: 3,
  basicRatePerSecond: null,
  oauthRatePerSecond: null,
};

/** Fault injection profile: a probability per kind, drawn from the seeded PRNG once per eligible request. */
export type FaultProfile = {
  /** Added delay (real milliseconds) before every API response. */
  latencyMs?: number;
  rate429?: number;
  rate5xx?: number;
  /** Hold the response until the client gives up (the request is NOT processed). */
  timeout?: number;
  /** Process the request, then destroy the socket without answering (the ambiguous case). */
  resetAfter?: number;
  /** Reject a valid bearer token as expired (401 with `WWW-Authenticate: … expired`). */
  tokenExpiry?: number;
  /** Only mutating requests (POST/PATCH/DELETE) are eligible for faults. */
  mutatingOnly?: boolean;
  retryAfterSeconds?: number;
  /** Re-seeds the fault PRNG when the profile is set (defaults to the simulator's seed). */
  seed?: number;
};
