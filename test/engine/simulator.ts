import { addBusinessDays } from '../../shared/domain/business-days';
import {
  type CreateRequestRec,
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from '../../electron/sandbox';

/**
 * The simulator as the harnesses use it: always in the test's own process (so it survives the
 * engine's SIGKILLs), on 127.0.0.1, manual clock unless asked otherwise.
 */
export function startHarnessSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ clock: 'manual', seed: 4242, ...options });
}

export const basicAuth = (sim: RunningSimulator): string =>
  `Basic ${Buffer.from(`${sim.project.keyId}:${sim.project.keySecret}`).toString('base64')}`;

/**
 * Make `numbers` qualified numbers at Sinch, ELIGIBLE (workflow C done beforehand), with plain
 * fetch and Basic auth — not through the engine — then let the simulator decide them.
 */
export async function seedQualifiedNumbers(sim: RunningSimulator, numbers: readonly string[]): Promise<void> {
  for (let i = 0; i < numbers.length; i += 500) {
    const res = await fetch(
      `${sim.baseUrl}/v1/projects/${sim.project.projectId}/qualifiedNumbers:addNumbers`,
      {
        method: 'POST',
        headers: { authorization: basicAuth(sim), 'content-type': 'application/json' },
        body: JSON.stringify({ phoneNumbers: numbers.slice(i, i + 500) }),
      },
    );
    if (res.status !== 200) throw new Error(`seeding qualified numbers: ${res.status} ${await res.text()}`);
  }
  const days = sim.control.settings().qualificationReviewBusinessDays;
  if (days === null)
    throw new Error('seeding needs automatic qualification (qualificationReviewBusinessDays)');
  const now = Date.parse(sim.control.now());
  sim.control.advance(addBusinessDays(now, days) - now + 1);
}

/** The create operations a number of each kind is sent with (the simulator's create-request report). */
export const IMPORT_OPERATIONS: ReadonlySet<string> = new Set([
  'importNumber',
  'hostingOrders:importNumbers',
]);
export const TEXT_ENABLE_OPERATIONS: ReadonlySet<string> = new Set([
  'hostingOrders:textEnableNumbers',
  'hostingOrders:textEnableTollFreeNumbers',
  'qualifiedNumbers:textEnableNumbers',
  'qualifiedNumbers:textEnableTollFreeNumbers',
]);

/**
 * Every create request per number, refused ones included, for the operations that carry the
 * number's own intent (import or text-enable; the seeding's addNumbers is not the engine's).
 */
export function createRequestsByNumber(sim: RunningSimulator): Map<string, CreateRequestRec[]> {
  const byNumber = new Map<string, CreateRequestRec[]>();
  for (const r of sim.control.createRequests()) {
    if (!IMPORT_OPERATIONS.has(r.operation) && !TEXT_ENABLE_OPERATIONS.has(r.operation)) continue;
    const list = byNumber.get(r.phoneNumber) ?? [];
    list.push(r);
    byNumber.set(r.phoneNumber, list);
  }
  return byNumber;
}
