import { afterEach } from 'vitest';
import type { ChannelName, EventName, Input, Output } from '../../shared/contract';
import { dispatch } from '../../shared/contract/dispatch';
import { createEngine } from './engine';
import { silentLogger } from './log';
import { MemorySecretStore } from './secrets/memory-secret-store';
import type { SecretStore } from './secrets/secret-store';
import type { EmbeddedSimulatorOptions } from './simulator-host/simulator-host';
import { tempDir } from './store/test-support';
import { type ManualClock, manualClock } from './sync';

/**
 * The one way engine-level tests start a real `createEngine` and drive it through the contract, as a
 * UI would (tests only). Before this kit, six test files each carried their own copy of this set-up.
 */

/** Clean-ups for one test file, run in reverse order after each test. Call once at the file's top. */
export function cleanupsAfterEach(): { add(cleanup: () => unknown): void } {
  let list: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of list.reverse()) await cleanup();
    list = [];
  });
  return { add: (cleanup) => list.push(cleanup) };
}

/** Monday 5 January 2026, 09:00 UTC: business-day limits count from a plain week. */
export const KIT_START = Date.UTC(2026, 0, 5, 9);
const MINUTE = 60_000;

export type TestEngineOptions = {
  /** temp-dir prefix (a fresh dir per engine); ignored with `dataDir` */
  prefix?: string;
  /** reuse a data dir (a restart); the caller cleans it up */
  dataDir?: string;
  secretStore?: SecretStore;
  /**
   * The in-process Sandbox simulator on a manual clock, moved together with the engine's clock
   * (`advance`); `false` (the default) starts no simulator.
   */
  sandbox?: false | { seed: number; settings?: EmbeddedSimulatorOptions['settings'] };
  /** the engine clock's start (default KIT_START); only with `sandbox` */
  startAt?: number;
};

export type TestEngine = Awaited<ReturnType<typeof startTestEngine>>;

export async function startTestEngine(
  cleanups: { add(cleanup: () => unknown): void },
  options: TestEngineOptions = {},
) {
  let dataDir = options.dataDir;
  if (!dataDir) {
    const t = tempDir(options.prefix ?? 'hd-engine-');
    cleanups.add(t.cleanup);
    dataDir = t.dir;
  }
  const secretStore = options.secretStore ?? new MemorySecretStore();
  const sandbox = options.sandbox ?? false;
  // Without a simulator nothing waits on time: the clock is still there so tests read one shape.
  const clock: ManualClock = manualClock(options.startAt ?? KIT_START);
  const engine = await createEngine({
    dataDir,
    secretStore,
    shell: 'test',
    logger: silentLogger,
    ...(sandbox
      ? {
          clock: { now: () => new Date(clock.now()) },
          syncClock: clock,
          simulator: {
            clock: 'manual',
            seed: sandbox.seed,
            ...(sandbox.settings ? { settings: sandbox.settings } : {}),
          },
          // the simulator answers at once: no budget or retry to wait on
          sinchClient: {
            budget: { ratePerSec: 1_000_000, burst: 1_000_000 },
            retry: { maxAttempts: 1 },
            timeoutMs: 5_000,
          },
        }
      : { simulator: false as const }),
  });
  let closed = false;
  const close = async () => {
    if (!closed) await engine.close();
    closed = true;
  };
  cleanups.add(close);
  const events: Array<[EventName, unknown]> = [];
  engine.subscribe((event, payload) => events.push([event, payload]));

  /** A channel's value; a refusal throws an Error carrying the contract's error fields. */
  const call = async <C extends ChannelName>(channel: C, input: Input<C>): Promise<Output<C>> => {
    const result = await dispatch(engine.handlers, channel, input);
    if (!result.ok) throw Object.assign(new Error(`${channel}: ${result.error.message}`), result.error);
    return result.value as Output<C>;
  };
  /** The error of a channel that must refuse. */
  const refusal = async <C extends ChannelName>(channel: C, input: Input<C>) => {
    const result = await dispatch(engine.handlers, channel, input);
    if (result.ok) throw new Error(`${channel} was not refused`);
    return result.error;
  };
  /** The Result as is, for input the contract's types would not allow. */
  const raw = <C extends ChannelName>(channel: C, input: unknown) =>
    dispatch(engine.handlers, channel, input);

  const host = () => {
    const h = engine.internals.simulator();
    if (!h) throw new Error('the Sandbox simulator is not running (start the kit with `sandbox`)');
    return h;
  };
  /** The simulator's own answer (its API with the demo key), never the desk's database. */
  const remote = async (path: string) => {
    const sim = host().simulator;
    const basic = `Basic ${Buffer.from(`${sim.project.keyId}:${sim.project.keySecret}`).toString('base64')}`;
    const res = await fetch(`${sim.baseUrl}/v1/projects/${sim.project.projectId}${path}`, {
      headers: { authorization: basic },
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  /** Move the simulated Sinch and the engine's clock together; let sync settle. */
  const advance = async (ms: number) => {
    host().simulator.control.advance(ms);
    clock.advance(ms);
    await engine.internals.sync()?.idle();
  };
  const unfinished = async () => {
    const { counts } = await call('jobs.list', { limit: 1 });
    return counts.pending + counts.running + counts.waiting_remote;
  };
  /** Let sync work, 5 simulated minutes a step, until no job is left unfinished (at most `maxSteps`). */
  const runToEnd = async (maxSteps = 60) => {
    await engine.internals.sync()?.idle();
    for (let i = 0; i < maxSteps && (await unfinished()) > 0; i++) await advance(5 * MINUTE);
  };

  return {
    engine,
    dataDir,
    secretStore,
    clock,
    events,
    call,
    refusal,
    raw,
    close,
    host,
    remote,
    advance,
    runToEnd,
  };
}
