/**
 * `npm run sandbox [-- --port N] [--data FILE] [--fast N] [--seed N]`: the simulator on its own, printing
 * what the guide's curl commands need as KEY=value lines. Ctrl-C stops it.
 */
import { parseArgs } from 'node:util';
import { startSimulator } from './index';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    data: { type: 'string' },
    fast: { type: 'string' },
    seed: { type: 'string' },
  },
});

const fast = values.fast !== undefined ? Number(values.fast) : undefined;
if (fast !== undefined && !(fast > 0)) {
  console.error('--fast needs a positive number (e.g. 60)');
  process.exit(2);
}

const sim = await startSimulator({
  port: values.port !== undefined ? Number(values.port) : 0,
  ...(values.data !== undefined ? { dbFile: values.data } : {}),
  ...(fast !== undefined ? { clock: { fast } } : {}),
  ...(values.seed !== undefined ? { seed: Number(values.seed) } : {}),
  onLog: (line) => console.error(line),
});

console.log(`SINCH_BASE_URL=${sim.baseUrl}`);
console.log(`SINCH_AUTH_URL=${sim.authUrl}`);
console.log(`SINCH_PROJECT_ID=${sim.project.projectId}`);
console.log(`SINCH_KEY_ID=${sim.project.keyId}`);
console.log(`SINCH_KEY_SECRET=${sim.project.keySecret}`);
// The control surface answers only `Authorization: Bearer <this>` (a new one per start).
console.log(`SANDBOX_CONTROL_TOKEN=${sim.controlSecret}`);
console.log(`SANDBOX_CONTROL_URL=${sim.controlUrl}`);

const stop = () => {
  sim.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
