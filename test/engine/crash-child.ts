/**
 * The engine process the crash harness kills: a real process (forked with `--import tsx`) that opens
 * the encrypted workspace database with its key from the real keychain and syncs against the
 * simulator in the parent. It never decides anything about time or kills; it reports and obeys:
 *
 * parent → child: `{type:'advance', ms}` move the engine's clock (the parent moved the simulator's
 *   by the same), `{type:'ack', id}` continue after a hook, `{type:'hooks', on}`, `{type:'stop'}`.
 * child → parent: `{type:'hook', id, name, key}` and waits for the ack (the kill seam between
 *   "intent recorded" and "response stored"), `{type:'progress'}` on every job change (no wait),
 *   `{type:'slept', ms}` the client moved time itself, `{type:'idle', now, unfinished, nextDue}`.
 */
import { OsSecretStore } from '../../electron/core/secrets/os-secret-store';
import { manualClock } from '../../electron/core/sync/clock';
import { type EngineUnderTest, openEngineUnderTest, type SimulatorEndpoint } from './engine-under-test';
import { nextDue, unfinishedJobs } from './run-checks';
import { seededRandom } from './workload';

export type ParentMessage =
  | { type: 'advance'; ms: number }
  | { type: 'ack'; id: number }
  | { type: 'hooks'; on: boolean }
  | { type: 'stop' };
export type ChildMessage =
  | { type: 'hook'; id: number; name: 'afterIntentRecorded' | 'afterResponseReceived'; key: string }
  | { type: 'progress' }
  | { type: 'slept'; ms: number }
  | { type: 'idle'; now: number; unfinished: number; nextDue: number | null }
  | { type: 'failed'; error: string };

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`crash child: ${name} is not set`);
  return value;
};

async function main(): Promise<void> {
  const send = (m: ChildMessage) => process.send?.(m);
  const clock = manualClock(Number(env('HD_CLOCK_START')));
  const waiting = new Map<number, () => void>();
  let hookSeq = 0;
  let hooksOn = process.env.HD_HOOKS !== 'off';
  const hook =
    (name: 'afterIntentRecorded' | 'afterResponseReceived') =>
    (job: { key: string }): Promise<void> | undefined => {
      if (!hooksOn) return undefined;
      const id = ++hookSeq;
      return new Promise<void>((resolve) => {
        waiting.set(id, resolve);
        send({ type: 'hook', id, name, key: job.key });
      });
    };

  let engine: EngineUnderTest | undefined;
  let reporting = false;
  const reportIdle = async () => {
    if (!engine || reporting) return;
    reporting = true;
    try {
      await engine.sync.idle();
      send({
        type: 'idle',
        now: clock.now(),
        unfinished: unfinishedJobs(engine.db),
        nextDue: nextDue(engine.db),
      });
    } finally {
      reporting = false;
    }
  };

  process.on('message', (m: ParentMessage) => {
    if (m.type === 'ack') {
      waiting.get(m.id)?.();
      waiting.delete(m.id);
    } else if (m.type === 'hooks') {
      hooksOn = m.on;
    } else if (m.type === 'advance') {
      clock.advance(m.ms);
      void reportIdle();
    } else if (m.type === 'stop') {
      void (async () => {
        await engine?.close();
        process.exit(0);
      })();
    }
  });

  engine = await openEngineUnderTest({
    dataDir: env('HD_DATA_DIR'),
    secretStore: new OsSecretStore(env('HD_KEYCHAIN_SERVICE')),
    sinch: JSON.parse(env('HD_SINCH')) as SimulatorEndpoint,
    clock,
    async sleep(ms) {
      clock.advance(ms);
      send({ type: 'slept', ms });
    },
    random: seededRandom(Number(process.env.HD_SEED ?? 1)),
    hooks: {
      afterIntentRecorded: hook('afterIntentRecorded'),
      afterResponseReceived: hook('afterResponseReceived'),
    },
    onJobsChanged: () => send({ type: 'progress' }),
  });
  engine.sync.start();
  await reportIdle();
}

main().catch((error: unknown) => {
  process.send?.({
    type: 'failed',
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  process.exit(1);
});
