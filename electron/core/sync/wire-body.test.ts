import { afterEach, describe, expect, it } from 'vitest';
import type { PlannedCall } from '../../../shared/domain/tasks';
import { withCallbackUrl } from '../workspaces/sync-session';
import {
  OTHER_PLAN_ID,
  row,
  type SentBodies,
  type SyncFixture,
  syncFixture,
  testClient,
} from './test-support';
import { type LoaResolver, wireRequest } from './wire-body';

/**
 * `plan.call` shows `wireRequest`'s body; the sync loop sends with the same builders. This drives
 * the loop against the simulator and compares, for every planned call, the previewed request with
 * the one that reached the simulator — method, path and body as JSON, the callback URL included.
 */
let f: SyncFixture;
afterEach(async () => {
  await f?.cleanup();
});

const CALLBACK = 'https://hooks.example.test/sinch';
const loa: LoaResolver = (_id, type) =>
  type === 'reseller'
    ? { kind: 'reseller', info: { businessName: 'Acme Resale', ...directLoaInfo() } }
    : { kind: 'direct', info: directLoaInfo() };

describe('the previewed request is the request the simulator receives', () => {
  it('import single and order, qualify, text-enable standard and toll-free, relink', async () => {
    f = await syncFixture({ sim: { settings: { qualificationReviewBusinessDays: 0 } } });
    const sent: SentBodies = [];
    const client = withCallbackUrl(testClient(f.sim, f.clock, [], 'basic', sent), CALLBACK);
    const engine = f.newEngine({ client, loa });
    engine.start();

    const first = f.commit([
      // a named number: imported on its own, the only request that sends a display name
      row('+12025550100', { campaignId: '', displayName: 'Front desk' }),
      ...['+12025550111', '+12025550112', '+12025550113'].map((n) => row(n)),
      ...['+12025550121', '+12025550122'].map((n) =>
        row(n, { action: 'text-enable', loaType: 'direct', loaProfileId: 'p1' }),
      ),
      row('+12025550131', { action: 'text-enable', loaType: 'reseller', loaProfileId: 'p2' }),
      row('+18335870229', { action: 'text-enable', loaType: 'direct', loaProfileId: 'p1' }),
    ]);
    await f.runToEnd(engine);
    // the number imported above moves to another plan
    const second = f.commit(
      [row('+12025550100', { action: 'relink', servicePlanId: OTHER_PLAN_ID, campaignId: '' })],
      'b2',
    );
    await f.runToEnd(engine);
    expect(Object.values(f.jobStates()), f.describeUnfinished()).toEqual(
      [...first.plan.calls, ...second.plan.calls].map(() => 'done'),
    );

    const calls = [...first.plan.calls, ...second.plan.calls];
    expect(new Set(calls.map((c) => c.operation))).toEqual(
      new Set([
        'importNumber',
        'importNumbersOrder',
        'qualifyNumbers',
        'textEnableNumbers',
        'textEnableTollFreeNumbers',
        'unlinkNumber',
        'linkNumber',
      ]),
    );
    const projectPath = `/v1/projects/${f.sim.project.projectId}`;
    for (const call of calls) {
      const preview = wireRequest(call, { loa, callbackUrl: CALLBACK, projectPath });
      if ('problem' in preview) throw new Error(`${call.key}: ${preview.problem}`);
      const received = sent.filter(
        (r) => r.method === preview.method && r.path === preview.path && carries(r.body, call),
      );
      expect(
        received.map((r) => r.body),
        call.key,
      ).toEqual([preview.body]);
    }
    const single = sent.find((r) => (r.body as { phoneNumber?: string }).phoneNumber === '+12025550100');
    expect(single?.body).toMatchObject({ displayName: 'Front desk' });
  });
});

/** Whether a request body is about this call's numbers (relink PATCHes name theirs in the path). */
function carries(body: unknown, call: PlannedCall): boolean {
  const b = body as { phoneNumber?: string; numbers?: string[]; phoneNumbers?: string[] };
  const numbers = b.numbers ?? b.phoneNumbers ?? (b.phoneNumber ? [b.phoneNumber] : null);
  if (numbers === null)
    return call.operation === 'unlinkNumber' || call.operation === 'linkNumber'
      ? (body as { smsConfiguration?: { servicePlanId?: string } }).smsConfiguration?.servicePlanId ===
          (call.operation === 'unlinkNumber' ? '' : call.servicePlanId)
      : false;
  return numbers.join() === call.numbers.join();
}

function directLoaInfo() {
  return {
    authorisedPerson: { firstName: 'Jane', lastName: 'Roe', email: 'jane.roe@acme.example' },
    address: {
      buildingNumber: '1',
      street: 'Main St',
      city: 'Springfield',
      state: 'IL',
      postalCode: '62701',
      country: 'US',
    },
    currentVoiceCarrier: 'Verizon',
  };
}
