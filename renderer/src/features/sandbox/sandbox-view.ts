import type { SandboxFaultPreset } from '../../../../shared/contract';

/**
 * Words of the Sandbox controls (pure; sandbox-view.test.ts). A Record over the contract's preset
 * list: a preset the simulator gains does not compile without its words here.
 */
export const FAULT_WORDS: Record<SandboxFaultPreset, { label: string; what: string }> = {
  none: { label: 'Behaves', what: 'Every request is answered normally.' },
  flaky: { label: 'Flaky', what: 'Some requests fail or are cut off after Sinch processed them.' },
  'rate-limited': { label: 'Rate-limited', what: 'Many requests are answered “too many requests”.' },
  slow: { label: 'Slow', what: 'Every answer takes noticeably longer.' },
  'token-expiry': { label: 'Tokens expire', what: 'Access tokens often expire and must be fetched again.' },
};

/** Provisioning steps a failure can be injected into, in plain words. */
export const STEP_WORDS = {
  osr: 'Number registry (OSR) update',
  platform: 'SMS platform provisioning',
  campaign: '10DLC campaign link',
} as const;

/** The clock jumps people need most: an hour (callbacks), a day, two business days (a review), a week. */
export const CLOCK_JUMPS = [
  { label: '1 hour', minutes: 60 },
  { label: '1 day', minutes: 24 * 60 },
  { label: '3 days', minutes: 3 * 24 * 60 },
  { label: '1 week', minutes: 7 * 24 * 60 },
] as const;

/** A Sinch failure code in words: `CAMPAIGN_NOT_AVAILABLE` → "Campaign not available". */
export function failureCodeWords(code: string): string {
  const words = code
    .toLowerCase()
    .replaceAll('_', ' ')
    .replace(/\b(10dlc|mno|osr)\b/g, (w) => w.toUpperCase());
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The review-time field's text to the contract's value: blank = only by hand. */
export function reviewDays(text: string): number | null | 'invalid' {
  const t = text.trim();
  if (t === '') return null;
  if (!/^\d{1,2}$/.test(t)) return 'invalid';
  const n = Number(t);
  return n <= 30 ? n : 'invalid';
}

/** The request-budget field's text: blank = unlimited. */
export function budgetPerSecond(text: string): number | null | 'invalid' {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0.1 && n <= 10_000 ? n : 'invalid';
}
