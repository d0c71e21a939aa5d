import { randomBytes } from 'node:crypto';
import type { CallbackPayload } from '../../../shared/sinch';
import type { Logger } from '../log';
import type { EngineSecrets } from '../secrets/engine-secrets';
import type { SinchClient } from '../sinch';
import { SANDBOX_ID, secretName } from '../workspaces/registry';
import type { Endpoint } from '../workspaces/workspaces';
import {
  type EmbeddedSimulatorOptions,
  type SimulatorHost,
  type SimulatorStatus,
  simulatorRunning,
  startSimulatorHost,
} from './simulator-host';

/**
 * The lifecycle of the simulator the engine runs while the Sandbox is open: started when the Sandbox
 * opens, stopped when it closes, its status for `app.status`, and the callback HMAC secret it is
 * configured with. `options: false` = no embedded simulator (an external one, or none).
 */
export type EmbeddedSimulator = {
  host(): SimulatorHost | null;
  status(): SimulatorStatus;
  /** base and token URL of the running simulator, for the Sandbox's client */
  endpoint(): Endpoint | null;
  open(): Promise<void>;
  close(): Promise<void>;
  /** PATCH callbackConfiguration with the Sandbox's HMAC secret (REFERENCE.md §5.4 (23), §8.3). */
  configureCallbacks(client: SinchClient): Promise<void>;
};

const STOPPED: SimulatorStatus = {
  state: 'stopped',
  detail: 'The simulated Sinch runs only while the Sandbox is open.',
};

export function embeddedSimulator(deps: {
  dataDir: string;
  nativeBinding: string | undefined;
  options: EmbeddedSimulatorOptions | false;
  logger: Logger;
  secrets: EngineSecrets;
  /** the status changed (app.statusChanged) */
  onStatus(): void;
  /** a verified, parsed, not-yet-seen callback arrived */
  onCallback(payload: CallbackPayload): void;
}): EmbeddedSimulator {
  const { options, logger } = deps;
  let host: SimulatorHost | null = null;
  let status: SimulatorStatus =
    options === false
      ? { state: 'not-available', detail: 'The simulated Sinch is turned off in this engine.' }
      : STOPPED;
  const setStatus = (next: SimulatorStatus) => {
    status = next;
    deps.onStatus();
  };
  return {
    host: () => host,
    status: () => status,
    endpoint: () => (host ? { baseUrl: host.simulator.baseUrl, tokenUrl: host.simulator.authUrl } : null),
    async open() {
      if (options === false || host) return;
      status = { state: 'starting', detail: 'The simulated Sinch is starting.' };
      try {
        host = await startSimulatorHost({
          dataDir: deps.dataDir,
          nativeBinding: deps.nativeBinding,
          options,
          logger,
          onCallback: (payload) => deps.onCallback(payload),
        });
        setStatus(simulatorRunning(host.simulator, options.clock ?? { fast: 60 }));
      } catch (error) {
        const reason = error instanceof Error ? error.message.slice(0, 300) : 'unknown error';
        logger.log('error', 'sandbox simulator failed to start', { reason });
        setStatus({
          state: 'failed',
          detail: `The simulated Sinch could not start (${reason}). Preparation works; nothing can be sent in the Sandbox.`,
        });
      }
    },
    async close() {
      const h = host;
      if (!h) return;
      host = null;
      await h.close();
      setStatus(STOPPED);
    },
    async configureCallbacks(client) {
      const h = host;
      if (!h) return;
      const name = secretName(SANDBOX_ID, 'callback-secret');
      let secret = await deps.secrets.read(name);
      if (!secret) {
        secret = randomBytes(32).toString('hex');
        await deps.secrets.keep(name, secret);
      }
      h.setCallbackSecret(secret);
      try {
        await client.updateCallbackConfiguration({ hmacSecret: secret }, { job: 'callback-configuration' });
      } catch (error) {
        logger.log(
          'warn',
          'sandbox callback secret not configured; callbacks will be refused, polls still work',
          {
            reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown',
          },
        );
      }
    },
  };
}
