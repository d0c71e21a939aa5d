import type { RunningSimulator } from '../../electron/sandbox';
import type { SecretStore } from '../../electron/core/secrets/secret-store';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store';
import { timeline, type Timeline } from './drive';
import { type EngineUnderTest, type EngineUnderTestOptions, openEngineUnderTest } from './engine-under-test';
import { commitWorkload, tempDataDir } from './fixture';
import { seededRandom, type Workload } from './workload';

/** An engine in the test's own process on one simulated timeline with the simulator, work committed. */
export async function engineInProcess(
  sim: RunningSimulator,
  work: Workload,
  options: { intentId: string; seed?: number; secretStore?: SecretStore } & Partial<
    Pick<EngineUnderTestOptions, 'logger' | 'fetch' | 'onJobsChanged' | 'onState' | 'budget'>
  >,
): Promise<{ engine: EngineUnderTest; time: Timeline; dataDir: string; cleanup(): Promise<void> }> {
  const data = tempDataDir();
  const time = timeline(sim);
  const { intentId, seed, secretStore, ...rest } = options;
  const engine = await openEngineUnderTest({
    dataDir: data.dir,
    secretStore: secretStore ?? new MemorySecretStore(),
    sinch: { baseUrl: sim.baseUrl, authUrl: sim.authUrl, ...sim.project },
    clock: time.clock,
    sleep: time.sleep,
    random: seededRandom(seed ?? 1),
    ...rest,
  });
  commitWorkload(engine, work, intentId, time.clock.now());
  return {
    engine,
    time,
    dataDir: data.dir,
    async cleanup() {
      await engine.close();
      data.cleanup();
    },
  };
}
