import type { Output } from '../../../../shared/contract';
import type { Tone } from '../../ui/StatusBadge';

/**
 * What the Settings screen and the go-live wizard show for a state: pure functions, unit-tested
 * (settings-view.test.ts); the components stay thin.
 */

/** The go-live wizard's steps, in order (the wizard's position lives in the URL: Back works). */
export const GO_LIVE_STEPS = ['key', 'test', 'defaults', 'done'] as const;
export type GoLiveStep = (typeof GO_LIVE_STEPS)[number];

export type ConnectionTest = Output<'credentials.test'>;

/** The reason a connection test gives, in the words the wizard uses; `fix` says what to do. */
export type ConnectionVerdict = {
  tone: Tone;
  /** short: "Connected", "Wrong key", "Wrong project", "No network", "Rate-limited", … */
  label: string;
  /** what happened, from the engine's one sentence */
  detail: string;
  /** what to do about it (null when nothing needs doing) */
  fix: string | null;
};

const statusOf = (details: unknown): number | null => {
  if (typeof details !== 'object' || details === null) return null;
  const status = (details as { status?: unknown }).status;
  return typeof status === 'number' ? status : null;
};

/**
 * Maps `credentials.test`'s answer to one exact reason (issue 12: wrong key, wrong project, no
 * network, rate-limited). Sinch answers a key it does not know with 401 (the token endpoint or
 * Basic auth) and a known key used on a project it has no access to with 403 (REFERENCE.md §2), so
 * UNAUTHENTICATED splits on the status; a 429 is Sinch's rate limit whatever the code.
 */
export function connectionVerdict(result: ConnectionTest): ConnectionVerdict {
  const { detail } = result;
  if (result.ok) return { tone: 'done', label: 'Connected', detail, fix: null };
  const status = statusOf(result.details);
  if (status === 429 || result.code === 'RATE_LIMITED')
    return {
      tone: 'action',
      label: 'Rate-limited',
      detail,
      fix: 'Sinch is limiting this project’s requests right now. Wait a minute and test again; nothing is wrong with the key.',
    };
  if (result.code === 'UNAUTHENTICATED' && status === 403)
    return {
      tone: 'failed',
      label: 'Wrong project',
      detail,
      fix: 'The key is valid but has no access to this project ID. Check the project ID in the Sinch dashboard (Settings → Projects), or use a key created in that project.',
    };
  if (result.code === 'UNAUTHENTICATED')
    return {
      tone: 'failed',
      label: 'Wrong key',
      detail,
      fix: 'Sinch did not accept the key. Check the key ID, and enter the key secret again exactly as the dashboard showed it when the key was created.',
    };
  if (result.code === 'OFFLINE')
    return {
      tone: 'failed',
      label: 'No network',
      detail,
      fix: 'Sinch could not be reached. Check the network connection (and the base and token URL if you changed them), then test again.',
    };
  if (result.code === 'SINCH_ERROR')
    return {
      tone: 'failed',
      label: 'Sinch refused',
      detail,
      fix: 'Sinch answered with an error. Correct what the message names and test again.',
    };
  // No code: the engine could not even try (no key ID, no stored secret, no keychain).
  return { tone: 'action', label: 'Not tested', detail, fix: null };
}

/** The endpoints a workspace form edits; empty text = Sinch's default. */
export type EndpointFields = { baseUrl: string; tokenUrl: string };

/** Whether saving would change where the key secret is sent (the engine then deletes it). */
export function endpointsChange(
  saved: { baseUrl?: string | undefined; tokenUrl?: string | undefined },
  form: EndpointFields,
): boolean {
  const norm = (s: string | undefined) => (s ?? '').trim();
  return norm(saved.baseUrl) !== norm(form.baseUrl) || norm(saved.tokenUrl) !== norm(form.tokenUrl);
}

/** Optional text: empty means "not set" (the contract's optional fields refuse empty strings). */
export const optionalText = (value: string | undefined): string | undefined => {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? undefined : trimmed;
};

/** The keychain, in the words Settings uses: state, and what to do when it is missing. */
export function keychainView(keychain: { available: boolean; detail: string }): {
  tone: Tone;
  label: string;
  fix: string | null;
} {
  if (keychain.available) return { tone: 'done', label: 'Available', fix: null };
  return {
    tone: 'action',
    label: 'Unavailable',
    fix: 'Live workspaces keep their key secret in the OS keychain and cannot be used without it. Unlock or start the keychain (on Linux: a Secret Service such as GNOME Keyring or KWallet, unlocked at login), then choose “Check again”. The Sandbox works without it.',
  };
}
