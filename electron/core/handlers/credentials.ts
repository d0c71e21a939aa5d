import { type CallbackPayload, callbackPayload } from '../../../shared/sinch';
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
      if (!verifyCallbackSignature(secret, input.body, input.signature))
        return {
          valid: false,
          detail:
            'The signature does not match. Paste the body exactly as received (no reformatting) and the X-Sinch-Signature value; if both are right, the callback was signed with another secret.',
        };
      // Live has no receiver of its own (no public URL): a callback pasted here and verified is taken
      // in like the Sandbox's — its failure code goes to the read model (readmodel/callbacks.ts).
      const payload = parseCallback(input.body);
      if (payload && (input.workspaceId ?? workspaces.activeId) === workspaces.activeId)
        sessions.callback(payload);
      return {
        valid: true,
        detail: 'The signature matches: Sinch sent this callback with this workspace’s secret.',
      };
    },
    'credentials.test': (input) => credentials.test(input.workspaceId ?? workspaces.activeId),
  };
}

function parseCallback(body: string): CallbackPayload | null {
  try {
    const parsed = callbackPayload.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
