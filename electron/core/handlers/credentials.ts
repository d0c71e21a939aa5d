import { verifyCallbackSignature } from '../sinch';
import type { ConceptHandlers, EngineContext } from './context';

/** `credentials.*`: a workspace's key secret (keychain only); a change gives its session a new client. */
export function credentialsHandlers(ctx: EngineContext): ConceptHandlers<'credentials'> {
  const { credentials, workspaces, sessions } = ctx;
  return {
    'credentials.status': (input) => credentials.status(input.workspaceId ?? workspaces.activeId),
    'credentials.set': (input) =>
      sessions.serial(async () => {
        const status = await credentials.set(input);
        await sessions.restart(input.workspaceId);
        return status;
      }),
    'credentials.delete': (input) =>
      sessions.serial(async () => {
        const status = await credentials.delete(input);
        await sessions.restart(input.workspaceId);
        return status;
      }),
    'credentials.verifyCallback': async (input) => {
      const secret = await credentials.callbackSecret(input.workspaceId ?? workspaces.activeId);
      if (!secret)
        return {
          valid: false,
          detail:
            'This workspace has no callback secret yet: save one under Settings → Callbacks, then check again.',
        };
      return verifyCallbackSignature(secret, input.body, input.signature)
        ? {
            valid: true,
            detail: 'The signature matches: Sinch sent this callback with this workspace’s secret.',
          }
        : {
            valid: false,
            detail:
              'The signature does not match. Paste the body exactly as received (no reformatting) and the X-Sinch-Signature value; if both are right, the callback was signed with another secret.',
          };
    },
    'credentials.test': (input) => credentials.test(input.workspaceId ?? workspaces.activeId),
  };
}
