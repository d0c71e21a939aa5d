/**
 * One simulator (in process, 127.0.0.1:0, manual clock) plus the app's Sinch client pointed at it
 * through a capturing fetch, so every raw simulator response can be checked against the spec.
 * The client gets a virtual clock: its waits (backoff, Retry-After, budget) advance virtual time and
 * return at once, so fault tests run fast without real sleeps.
 */
import { createSinchClient, type SinchClient, type SinchClientOptions } from '../../electron/core/sinch';
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '../../electron/sandbox';
import { type Exchange, capturingFetch, nonConforming } from '../support/capture-fetch';

export const PLAN = '07d6c2621f364b68856fe4938b7bb78f';
export const CAMPAIGN = 'C3O8OGA';
export const MINUTE = 60_000;

// the LOA details every test uses (obviously fake), under the names the Sinch tests know them by
export {
  DIRECT_LOA as directLoaInfo,
  RESELLER_LOA as resellerLoaInfo,
} from '../../electron/core/loa/test-fixtures';

export interface Harness {
  sim: RunningSimulator;
  client: SinchClient;
  exchanges: Exchange[];
  /** virtual milliseconds the client spent waiting (backoff, Retry-After, budget) */
  waitedMs(): number;
  /**
   * A request the client would refuse to send (its schemas are stricter than the server), made with
   * plain fetch through the same capture: for the server-side half of a documented error.
   */
  raw(
    method: string,
    path: string,
    body?: unknown,
    as?: { authorization?: string; projectId?: string },
  ): Promise<{ status: number; body: unknown }>;
  /** exchanges whose response (or accepted request) does not conform to the spec */
  nonConforming(): string[];
  close(): Promise<void>;
}

export async function startHarness(
  opts: {
    sim?: SimulatorOptions;
    auth?: 'oauth' | 'basic';
    /** client option overrides; a function receives the running simulator (for its URLs) */
    client?: Partial<SinchClientOptions> | ((sim: RunningSimulator) => Partial<SinchClientOptions>);
  } = {},
): Promise<Harness> {
  const sim = await startSimulator({ clock: 'manual', seed: 5, ...opts.sim });
  const capture = capturingFetch();
  let virtualNow = Date.now();
  let waited = 0;
  const { keyId, keySecret, projectId } = sim.project;
  const client = createSinchClient({
    projectId,
    auth:
      (opts.auth ?? 'oauth') === 'oauth'
        ? { kind: 'oauth', keyId, keySecret, tokenUrl: sim.authUrl }
        : { kind: 'basic', keyId, keySecret },
    baseUrl: sim.baseUrl,
    fetch: capture.fetch,
    now: () => virtualNow,
    sleep: async (ms) => {
      virtualNow += ms;
      waited += ms;
    },
    random: () => 0.5,
    timeoutMs: 5_000,
    ...(typeof opts.client === 'function' ? opts.client(sim) : opts.client),
  });
  const basic = `Basic ${Buffer.from(`${keyId}:${keySecret}`).toString('base64')}`;
  return {
    sim,
    client,
    exchanges: capture.exchanges,
    async raw(method, path, body, as = {}) {
      const res = await capture.fetch(`${sim.baseUrl}/v1/projects/${as.projectId ?? projectId}${path}`, {
        method,
        headers: { authorization: as.authorization ?? basic, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    waitedMs: () => waited,
    nonConforming: () => nonConforming(capture.exchanges),
    close: () => sim.close(),
  };
}

/** A distinct, valid NANP-shaped number per test (`+1` + 10 digits, §3.1). */
let serial = 0;
export function freshNumber(prefix = '+1202555'): string {
  serial += 1;
  return `${prefix}${String(1000 + (serial % 9000)).padStart(4, '0')}`.slice(0, 12);
}
