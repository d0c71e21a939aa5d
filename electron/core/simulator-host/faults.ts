import type { SandboxFaultPreset } from '../../../shared/contract';
import type { FaultProfile } from '../../sandbox';

/** Named misbehaviours of the simulated Sinch, for the Sandbox's controls (electron/sandbox/settings.ts). */
export const FAULT_PRESETS: Record<SandboxFaultPreset, { profile: FaultProfile; detail: string }> = {
  none: { profile: {}, detail: 'The simulated Sinch behaves.' },
  flaky: {
    profile: { rate5xx: 0.1, resetAfter: 0.05, latencyMs: 150 },
    detail: 'About 1 request in 10 fails with a 5xx and 1 in 20 is cut off after Sinch processed it.',
  },
  'rate-limited': {
    profile: { rate429: 0.3, retryAfterSeconds: 5 },
    detail: 'About 3 requests in 10 are answered 429 with Retry-After: 5.',
  },
  slow: { profile: { latencyMs: 1_500 }, detail: 'Every answer takes 1.5 seconds longer.' },
  'token-expiry': {
    profile: { tokenExpiry: 0.2 },
    detail: 'About 1 request in 5 finds its access token expired and must refresh it.',
  },
};
