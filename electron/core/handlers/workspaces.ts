import { pageOfArray } from '../paging';
import type { ConceptHandlers, EngineContext } from './context';

/** `workspaces.*`: profiles, and switching — which closes one workspace session and opens another. */
export function workspacesHandlers(ctx: EngineContext): ConceptHandlers<'workspaces'> {
  const { workspaces, sessions } = ctx;
  const switched = () => {
    ctx.emit('app.statusChanged', { reason: 'workspace' });
    try {
      ctx.emit('sync.state', ctx.syncState());
    } catch {
      // no open database: app.status says why
    }
  };
  return {
    'workspaces.list': (input) => pageOfArray('workspaces', workspaces.list(input.kind), input),
    'workspaces.get': (input) => workspaces.get(input.id),
    'workspaces.create': (input) => workspaces.create(input),
    'workspaces.update': (input) =>
      sessions.serial(async () => {
        const workspace = await workspaces.update(input);
        await sessions.restart(input.id);
        return workspace;
      }),
    'workspaces.delete': (input) =>
      sessions.serial(async () => {
        const wasActive = workspaces.activeId === input.id;
        workspaces.profile(input.id);
        const result = wasActive
          ? await sessions.around(() => workspaces.remove(input.id))
          : await workspaces.remove(input.id);
        if (wasActive) switched();
        return result;
      }),
    'workspaces.switch': (input) =>
      sessions.serial(async () => {
        if (workspaces.activeId === input.id) return workspaces.switchTo(input.id);
        workspaces.profile(input.id); // NOT_FOUND before anything stops
        const workspace = await sessions.around(() => workspaces.switchTo(input.id));
        switched();
        return workspace;
      }),
  };
}
