import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppStatus } from '../../../shared/contract';
import type { CallbackPayload } from '../../../shared/sinch';
import { type ClockMode, type RunningSimulator, type Settings, startSimulator } from '../../sandbox';
import type { Logger } from '../log';
import { databaseFiles, ensurePrivateDir, makePrivate, PRIVATE_FILE } from '../private-files';
import { type CallbackReceiver, startCallbackReceiver } from './callback-receiver';

export type EmbeddedSimulatorOptions = {
  /** default `{ fast: 60 }`: an order completes in about a minute of wall time */
  clock?: ClockMode;
  seed?: number;
  settings?: Partial<Settings>;
};

export type SimulatorStatus = AppStatus['simulator'];

/** The Sandbox's simulated Sinch plus the loopback receiver its callbacks go to. */
export type SimulatorHost = {
  simulator: RunningSimulator;
  receiver: CallbackReceiver;
  /** set once the project's HMAC secret is configured (PATCH callbackConfiguration) */
  setCallbackSecret(secret: string | null): void;
  close(): Promise<void>;
};

export const simulatorFile = (dataDir: string): string =>
  join(dataDir, 'workspaces', 'sandbox', 'simulator.db');

/** The simulator's per-request line: `GET /v1/… → 200 (3 ms)`. */
const REQUEST_LINE = /^[A-Z]+ \/\S* → \d+ \(\d+ ms\)$/;

/**
 * The callback receiver's port, kept beside the simulator's state: the Sandbox's orders carry the
 * receiver's URL, and the simulator (which survives restarts) keeps calling that URL for them — so the
 * receiver comes back on the same port (not a secret; a port number only).
 */
const callbackPortFile = (dataDir: string): string => join(dataDir, 'workspaces', 'sandbox', 'callback-port');
function readCallbackPort(dataDir: string): number | undefined {
  try {
    const port = Number(readFileSync(callbackPortFile(dataDir), 'utf8').trim());
    return Number.isInteger(port) && port > 1024 && port < 65536 ? port : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Start the simulator in-process on 127.0.0.1:0 with its state in the Sandbox's folder (it survives
 * restarts like the Sandbox's own database), and the callback receiver. Throws when the simulator
 * cannot start; the engine then reports `simulator: failed` with the reason and keeps working.
 */
export async function startSimulatorHost(input: {
  dataDir: string;
  nativeBinding?: string | undefined;
  options: EmbeddedSimulatorOptions;
  logger: Logger;
  onCallback(payload: CallbackPayload): void;
}): Promise<SimulatorHost> {
  const dbFile = simulatorFile(input.dataDir);
  const logRequests = process.env.HOSTING_DESK_SIMULATOR_LOG === 'requests';
  ensurePrivateDir(join(input.dataDir, 'workspaces', 'sandbox'));
  let secret: string | null = null;
  const lastPort = readCallbackPort(input.dataDir);
  const receiver = await startCallbackReceiver({
    secret: () => secret,
    onCallback: input.onCallback,
    logger: input.logger,
    ...(lastPort ? { port: lastPort } : {}),
  });
  const port = new URL(receiver.url).port;
  if (String(lastPort) !== port) {
    // mode on create, and makePrivate for a file an older version left 0644 (whatever the umask)
    writeFileSync(callbackPortFile(input.dataDir), `${port}\n`, { mode: PRIVATE_FILE });
    makePrivate(callbackPortFile(input.dataDir));
  }
  let simulator: RunningSimulator;
  try {
    simulator = await startSimulator({
      port: 0,
      dbFile,
      clock: input.options.clock ?? { fast: 60 },
      ...(input.options.seed !== undefined ? { seed: input.options.seed } : {}),
      ...(input.options.settings ? { settings: input.options.settings } : {}),
      ...(input.nativeBinding ? { nativeBinding: input.nativeBinding } : {}),
      // Not one engine-log line per request (a busy Sandbox would fill the disk with them):
      // HOSTING_DESK_SIMULATOR_LOG=requests turns them on for debugging.
      onLog: (line) => {
        if (!logRequests && REQUEST_LINE.test(line)) return;
        input.logger.log('info', 'simulator', { line: line.slice(0, 300) });
      },
    });
  } catch (error) {
    await receiver.close();
    throw error;
  }
  // The simulator (electron/sandbox) knows nothing of the data directory's rules: its files are made private here.
  makePrivate(...databaseFiles(dbFile));
  input.logger.log('info', 'sandbox simulator started', { baseUrl: simulator.baseUrl });
  let closing: Promise<void> | undefined;
  return {
    simulator,
    receiver,
    setCallbackSecret(value) {
      secret = value;
    },
    close() {
      closing ??= Promise.all([simulator.close(), receiver.close()]).then(() => {
        input.logger.log('info', 'sandbox simulator stopped');
      });
      return closing;
    },
  };
}

export const simulatorRunning = (sim: RunningSimulator, clock: ClockMode): SimulatorStatus => ({
  state: 'running',
  detail: `The simulated Sinch runs inside the app at ${sim.baseUrl} (${
    clock === 'manual' ? 'its clock moves only when advanced' : `${clock.fast}× faster than real time`
  }); its callbacks are signature-checked on loopback.`,
  baseUrl: sim.baseUrl,
});
