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
    'credentials.test': (input) => credentials.test(input.workspaceId ?? workspaces.activeId),
  };
}
