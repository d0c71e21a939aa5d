import packageJson from '../../../package.json' with { type: 'json' };
import type { SimulatorStatus } from '../simulator-host/simulator-host';
import type { ConceptHandlers, EngineContext } from './context';

/** `app.status`, `keychain.probe`: what the status page shows about the engine itself. */
export function appHandlers(ctx: EngineContext): ConceptHandlers<'app' | 'keychain'> {
  return {
    'app.status': () => {
      const { workspaces } = ctx;
      const profile = workspaces.activeProfile();
      const external =
        !ctx.embedsSimulator && profile.kind === 'sandbox' ? workspaces.endpointFor(profile.id) : null;
      const simulator: SimulatorStatus = external
        ? {
            state: 'running',
            detail: `The simulated Sinch listens on ${external.baseUrl}.`,
            baseUrl: external.baseUrl,
          }
        : profile.kind === 'live' && ctx.embedsSimulator
          ? { state: 'stopped', detail: 'The simulated Sinch runs only while the Sandbox is open.' }
          : ctx.simulator.status();
      return {
        version: packageJson.version,
        shell: ctx.shell,
        dataDir: ctx.dataDir,
        workspace: { id: profile.id, name: profile.name, kind: profile.kind },
        simulator,
        keychain: ctx.keychain(),
        storage: workspaces.storage(),
        startedAt: ctx.startedAt,
      };
    },
    'keychain.probe': async () => {
      const keychain = await ctx.probeKeychain();
      ctx.emit('app.statusChanged', { reason: 'keychain' });
      return keychain;
    },
  };
}
