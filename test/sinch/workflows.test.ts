/**
 * Sinch's guide (../shared/sinch-api/sinch-skill.md), workflows A–F, end to end: the app's client
 * against the in-process simulator on a manual clock, callbacks received by a tiny 127.0.0.1 receiver,
 * every raw response checked strictly against openapi.yaml, every callback against its schema (§8.2).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyCallbackSignature } from '../../electron/core/sinch';
import type { HostingOrder, HostingOrderNumber } from '../../shared/sinch';
import { type CallbackReceiver, type Delivery, startCallbackReceiver } from '../support/callback-receiver';
import { assertConforms, checkCallbackPayload } from '../support/openapi-checker';
import {
  CAMPAIGN,
  directLoaInfo,
  freshNumber,
  type Harness,
  MINUTE,
  PLAN,
  resellerLoaInfo,
  startHarness,
} from './harness';

let h: Harness;
let receiver: CallbackReceiver;
beforeEach(async () => {
  h = await startHarness();
  receiver = await startCallbackReceiver();
});
afterEach(async () => {
  const bad = h.nonConforming();
  await h.close();
  await receiver.close();
  expect(bad).toEqual([]);
  for (const d of receiver.deliveries) assertConforms(checkCallbackPayload(d.json), 'callback');
});

type Event = {
  eventType: string;
  resourceId: string;
  status: string;
  resourceType: string;
  failureCode?: string;
};
const events = (): Event[] => receiver.deliveries.map((d) => d.json as Event);
const eventsOf = (phone: string) =>
  events()
    .filter((e) => e.resourceId === phone)
    .map((e) => `${e.eventType}:${e.status}${e.failureCode ? `:${e.failureCode}` : ''}`);

/** Moves simulated time and waits until every callback it caused has been delivered. */
async function advance(ms: number) {
  h.sim.control.advance(ms);
  await h.sim.control.flushCallbacks();
}

/** Polls the order as a user of the API would, advancing the simulated clock between polls. */
async function followOrder(hostingOrderId: string, until: HostingOrder['state'][]): Promise<HostingOrder> {
  const seen: string[] = [];
  for (let i = 0; i < 60; i++) {
    const order = await h.client.getHostingOrder(hostingOrderId);
    if (seen.at(-1) !== order.state) seen.push(String(order.state));
    if (order.state && until.includes(order.state)) return order;
    await advance(MINUTE);
  }
  throw new Error(`order ${hostingOrderId} never reached ${until.join('|')} (went ${seen.join(' → ')})`);
}

async function orderNumbers(hostingOrderId: string): Promise<HostingOrderNumber[]> {
  const out: HostingOrderNumber[] = [];
  for await (const n of h.client.iterateHostingOrderNumbers(hostingOrderId, { pageSize: 2 })) out.push(n);
  return out;
}

async function qualify(phones: string[]) {
  await h.client.addQualifiedNumbers({ phoneNumbers: phones });
  for (const p of phones) h.sim.control.approveQualification(p);
}

describe('A: import a single number and verify it', () => {
  it('imports, provisions in the background, calls back, and GET shows it linked', async () => {
    const phone = freshNumber();
    const imported = await h.client.importNumber({
      phoneNumber: phone,
      regionCode: 'US',
      displayName: 'Front desk',
      smsConfiguration: { servicePlanId: PLAN, campaignId: CAMPAIGN },
      callbackUrl: receiver.url,
    });
    expect(imported).toMatchObject({ phoneNumber: phone, smsConfiguration: { servicePlanId: PLAN } });
    const early = await h.client.getImportedNumber(phone);
    expect(early.smsProvisioning?.state).not.toBe('DONE');

    await advance(30 * MINUTE);
    const verified = await h.client.getImportedNumber(phone);
    expect(verified).toMatchObject({
      phoneNumber: phone,
      displayName: 'Front desk',
      smsProvisioning: { serviceId: PLAN, type: 'PROVISIONING', state: 'DONE', errorCode: '' },
      campaignProvisioning: { serviceId: CAMPAIGN, type: 'PROVISIONING', state: 'DONE' },
    });
    expect(eventsOf(phone)).toEqual([
      'PROVISIONING_TO_SMS_PLATFORM:SUCCEEDED',
      'LINK_TO_10DLC_CAMPAIGN:SUCCEEDED',
    ]);
    expect(events().every((e) => e.resourceType === 'IMPORTED_NUMBER')).toBe(true);
    // no HMAC secret configured for the project: callbacks go out unsigned (§8.3, §10 #11)
    expect(receiver.deliveries.map((d) => d.headers['x-sinch-signature'])).toEqual([undefined, undefined]);
  });
});

describe('B: bulk import via a hosting order', () => {
  it('follows the order to COMPLETED and reads each number’s status, one failure included', async () => {
    const phones = [freshNumber(), freshNumber(), freshNumber()];
    // The campaign link of the second number fails at the carrier (control surface, §7.4).
    h.sim.control.injectFailure(phones[1] ?? '', 'campaign', 'CAMPAIGN_PENDING_ACCEPTANCE');
    const order = await h.client.importNumbersOrder({
      displayName: 'job-B-1',
      regionCode: 'US',
      numbers: phones,
      servicePlanId: PLAN,
      campaignId: CAMPAIGN,
      callbackUrl: receiver.url,
      migrateToSinchTmo: true,
    });
    expect(order).toMatchObject({ type: 'IMPORT', state: 'SUBMITTED', migrateToSinchTmo: true });
    const done = await followOrder(order.hostingOrderId ?? '', ['COMPLETED', 'REJECTED']);
    expect(done.state).toBe('COMPLETED');

    const numbers = await orderNumbers(order.hostingOrderId ?? '');
    const byPhone = new Map(numbers.map((n) => [n.phoneNumber, n]));
    expect([...byPhone.keys()].sort()).toEqual([...phones].sort());
    for (const p of [phones[0], phones[2]]) {
      expect(byPhone.get(p)).toMatchObject({
        platformProvisioning: { servicePlanId: PLAN, state: 'DONE' },
        campaignProvisioning: { campaignId: CAMPAIGN, state: 'DONE' },
      });
    }
    expect(byPhone.get(phones[1])).toMatchObject({
      platformProvisioning: { state: 'DONE' },
      campaignProvisioning: { state: 'FAILED' },
    });
    expect(eventsOf(phones[1] ?? '')).toContain('LINK_TO_10DLC_CAMPAIGN:FAILED:CAMPAIGN_PENDING_ACCEPTANCE');
    expect(eventsOf(phones[0] ?? '')).toEqual([
      'PROVISIONING_TO_SMS_PLATFORM:SUCCEEDED',
      'LINK_TO_10DLC_CAMPAIGN:SUCCEEDED',
      'HOSTING_PROCESS:SUCCEEDED',
    ]);
    // the completed numbers are imported numbers now
    expect(await h.client.getImportedNumber(phones[0] ?? '')).toMatchObject({
      smsConfiguration: { servicePlanId: PLAN },
    });
  });
});

describe('C: qualify a batch', () => {
  it('submits, approves (one needs a voice challenge), rejects one, verifies ownership with the code', async () => {
    const [a, b, c] = [freshNumber(), freshNumber(), freshNumber()];
    const batch = await h.client.addQualifiedNumbers({ phoneNumbers: [a, b, c] });
    expect(batch.qualifiedNumbers?.map((q) => q.globalProcessState)).toEqual([
      'GLOBAL_PROCESS_STATE_ELIGIBLE_CHECK_PENDING',
      'GLOBAL_PROCESS_STATE_ELIGIBLE_CHECK_PENDING',
      'GLOBAL_PROCESS_STATE_ELIGIBLE_CHECK_PENDING',
    ]);
    // Sinch's manual review (invoices e-mailed), through the control surface.
    h.sim.control.approveQualification(a, { requireVerification: true });
    h.sim.control.approveQualification(b);
    h.sim.control.rejectQualification(c, { reason: 'Invoice does not show the number' });
    expect((await h.client.getQualifiedNumber(b)).globalProcessState).toBe('GLOBAL_PROCESS_STATE_ELIGIBLE');
    expect(await h.client.getQualifiedNumber(c)).toMatchObject({
      globalProcessState: 'GLOBAL_PROCESS_STATE_NOT_ELIGIBLE',
      osrEligibility: { status: 'FAILED', error: 'Invoice does not show the number' },
    });

    await h.client.sendVoiceChallenge(a);
    const code = h.sim.control.voiceCode(a) ?? '';
    const wrong = code === '0000' ? '1111' : '0000';
    expect((await h.client.verifyVoiceChallenge(a, { code: wrong })).globalProcessState).toBe(
      'GLOBAL_PROCESS_STATE_VERIFICATION_FAILED',
    );
    await h.client.sendVoiceChallenge(a);
    const fresh = h.sim.control.voiceCode(a) ?? '';
    expect(await h.client.verifyVoiceChallenge(a, { code: fresh })).toMatchObject({
      globalProcessState: 'GLOBAL_PROCESS_STATE_VERIFIED',
      ownershipVerification: { status: 'DONE' },
    });

    const eligibleOrVerified = await h.client.listQualifiedNumbers({
      states: ['GLOBAL_PROCESS_STATE_ELIGIBLE', 'GLOBAL_PROCESS_STATE_VERIFIED'],
    });
    expect(eligibleOrVerified.qualifiedNumbers?.map((q) => q.phoneNumber).sort()).toEqual([a, b].sort());
  });

  it('three wrong codes block the verification (§7.2, §10 #8)', async () => {
    const p = freshNumber();
    await h.client.addQualifiedNumbers({ phoneNumbers: [p] });
    h.sim.control.approveQualification(p, { requireVerification: true });
    const states: string[] = [];
    for (let i = 0; i < 3; i++) {
      await h.client.sendVoiceChallenge(p);
      const code = h.sim.control.voiceCode(p) ?? '';
      const wrong = code === '0000' ? '1111' : '0000';
      states.push(String((await h.client.verifyVoiceChallenge(p, { code: wrong })).globalProcessState));
    }
    expect(states).toEqual([
      'GLOBAL_PROCESS_STATE_VERIFICATION_FAILED',
      'GLOBAL_PROCESS_STATE_VERIFICATION_FAILED',
      'GLOBAL_PROCESS_STATE_VERIFICATION_BLOCKED',
    ]);
    // a blocked number cannot be text-enabled
    await expect(
      h.client.textEnableNumbersOrder({
        regionCode: 'US',
        numbers: [p],
        servicePlanId: PLAN,
        campaignId: CAMPAIGN,
        blanketLoaInfo: {},
      }),
    ).rejects.toMatchObject({ httpStatus: 400 });
  });

  it('a pending number is decided on the simulated clock when nobody intervenes', async () => {
    const p = freshNumber();
    await h.client.addQualifiedNumbers({ phoneNumbers: [p] });
    // the review time is 2 business days: 4 calendar days cover any weekend
    await advance(4 * 24 * 60 * MINUTE);
    expect((await h.client.getQualifiedNumber(p)).globalProcessState).toBe('GLOBAL_PROCESS_STATE_ELIGIBLE');
  });
});

describe('D: text-enable', () => {
  it('direct LOA via hostingOrders: waits for the signature, signed via control, COMPLETED, hosted', async () => {
    const phones = [freshNumber(), freshNumber()];
    await qualify(phones);
    const order = await h.client.textEnableNumbersOrder({
      displayName: 'job-D-direct',
      regionCode: 'US',
      numbers: phones,
      servicePlanId: PLAN,
      campaignId: CAMPAIGN,
      directLoaInfo,
      scheduledOsrUpdateTime: new Date(Date.parse(h.sim.control.now()) + 10 * MINUTE).toISOString(),
      callbackUrl: receiver.url,
    });
    expect(order).toMatchObject({
      type: 'TYPE_TEXT_ENABLE',
      state: 'SUBMITTED',
      textEnableInfo: { loaType: 'Direct', authorisedPerson: directLoaInfo.authorisedPerson, nnid: '104029' },
    });
    const id = order.hostingOrderId ?? '';
    await followOrder(id, ['WAITING_FOR_LOA_SIGNATURE']);
    await advance(60 * MINUTE);
    expect((await h.client.getHostingOrder(id)).state).toBe('WAITING_FOR_LOA_SIGNATURE');
    h.sim.control.signLoa(id);
    const done = await followOrder(id, ['COMPLETED', 'REJECTED']);
    expect(done.state).toBe('COMPLETED');
    for (const p of phones) {
      expect(await h.client.getQualifiedNumber(p)).toMatchObject({
        globalProcessState: 'GLOBAL_PROCESS_STATE_HOSTING_DONE',
        hostedNumber: { status: 1 },
      });
      expect(eventsOf(p)).toEqual([
        'OSR_UPDATE:SUCCEEDED',
        'PROVISIONING_TO_SMS_PLATFORM:SUCCEEDED',
        'LINK_TO_10DLC_CAMPAIGN:SUCCEEDED',
        'HOSTING_PROCESS:SUCCEEDED',
      ]);
    }
    expect(await h.client.getHostingOrderReport(id)).toEqual({
      total: 2,
      osrUpdated: 2,
      smsProvisioned: 2,
      addedToCampaign: 2,
      ongoingManualAction: 0,
    });
  });

  it('reseller LOA via qualifiedNumbers: the order carries the reseller’s business; a refused LOA rejects it', async () => {
    const [p, q] = [freshNumber(), freshNumber()];
    await qualify([p, q]);
    const { hostingOrderId } = await h.client.textEnableQualifiedNumbers({
      regionCode: 'US',
      numbers: [p],
      servicePlanId: PLAN,
      campaignId: CAMPAIGN,
      resellerLoaInfo,
    });
    const order = await h.client.getHostingOrder(hostingOrderId ?? '');
    expect(order.textEnableInfo).toMatchObject({ businessName: 'Acme, Inc.', loaType: 'Reseller' });
    expect((await h.client.getQualifiedNumber(p)).globalProcessState).toBe(
      'GLOBAL_PROCESS_STATE_HOSTING_IN_PROGRESS',
    );
    await followOrder(hostingOrderId ?? '', ['WAITING_FOR_LOA_SIGNATURE']);
    h.sim.control.signLoa(hostingOrderId ?? '');
    expect((await followOrder(hostingOrderId ?? '', ['COMPLETED', 'REJECTED'])).state).toBe('COMPLETED');

    const other = await h.client.textEnableQualifiedNumbers({
      regionCode: 'US',
      numbers: [q],
      servicePlanId: PLAN,
      campaignId: CAMPAIGN,
      resellerLoaInfo,
    });
    await followOrder(other.hostingOrderId ?? '', ['WAITING_FOR_LOA_SIGNATURE']);
    h.sim.control.refuseLoa(other.hostingOrderId ?? '', 'Signer declined');
    expect((await h.client.getHostingOrder(other.hostingOrderId ?? '')).state).toBe('REJECTED');
    expect((await h.client.getQualifiedNumber(q)).globalProcessState).toBe(
      'GLOBAL_PROCESS_STATE_HOSTING_FAILED',
    );
  });

  it('blanket LOA: no signature wait, straight to COMPLETED', async () => {
    const p = freshNumber();
    await qualify([p]);
    const order = await h.client.textEnableNumbersOrder({
      regionCode: 'US',
      numbers: [p],
      servicePlanId: PLAN,
      campaignId: CAMPAIGN,
      blanketLoaInfo: {},
    });
    const states: string[] = [];
    for (let i = 0; i < 60 && states.at(-1) !== 'COMPLETED'; i++) {
      const s = String((await h.client.getHostingOrder(order.hostingOrderId ?? '')).state);
      if (states.at(-1) !== s) states.push(s);
      await advance(MINUTE);
    }
    expect(states).toEqual(['SUBMITTED', 'IN_PROGRESS', 'COMPLETED']);
  });

  it('toll-free: an LOA signed after scheduledZipwhipProvisioningTime moves provisioning to the next day (§6.10)', async () => {
    const tf = freshNumber('+1844555');
    await qualify([tf]);
    const at = new Date(Date.parse(h.sim.control.now()) + 10 * MINUTE).toISOString();
    const order = await h.client.textEnableTollFreeNumbersOrder({
      regionCode: 'US',
      numbers: [tf],
      servicePlanId: PLAN,
      resellerLoaInfo,
      scheduledZipwhipProvisioningTime: at,
    });
    const id = order.hostingOrderId ?? '';
    await advance(20 * MINUTE);
    h.sim.control.signLoa(id);
    await advance(6 * 60 * MINUTE);
    expect((await h.client.getHostingOrder(id)).state).toBe('IN_PROGRESS');
    expect((await h.client.getHostingOrderNumber(id, tf)).platformProvisioning?.state).toBe('WAITING');
    await advance(24 * 60 * MINUTE);
    expect((await h.client.getHostingOrder(id)).state).toBe('COMPLETED');
  });

  it('toll-free variant: direct LOA signed, COMPLETED, no campaign step', async () => {
    const tf = freshNumber('+1833555');
    await qualify([tf]);
    const order = await h.client.textEnableTollFreeQualifiedNumbers({
      regionCode: 'US',
      numbers: [tf],
      servicePlanId: PLAN,
      directLoaInfo,
      callbackUrl: receiver.url,
    });
    expect(order).toMatchObject({ type: 'TYPE_TEXT_ENABLE', state: 'SUBMITTED' });
    expect(order.campaignId ?? '').toBe('');
    h.sim.control.signLoa(order.hostingOrderId ?? '');
    expect((await followOrder(order.hostingOrderId ?? '', ['COMPLETED', 'REJECTED'])).state).toBe(
      'COMPLETED',
    );
    const [n] = await orderNumbers(order.hostingOrderId ?? '');
    expect(n).toMatchObject({
      platformProvisioning: { state: 'DONE' },
      campaignProvisioning: { state: 'STATE_UNSPECIFIED' },
    });
    expect(eventsOf(tf)).toEqual(['PROVISIONING_TO_SMS_PLATFORM:SUCCEEDED', 'HOSTING_PROCESS:SUCCEEDED']);
  });
});

describe('E: check hosting order status', () => {
  it('lists with all four filters, gets, reports and drills into the numbers', async () => {
    const a = await h.client.importNumbersOrder({
      regionCode: 'US',
      numbers: [freshNumber(), freshNumber(), freshNumber()],
      servicePlanId: PLAN,
      campaignId: CAMPAIGN,
    });
    const b = await h.client.importNumbersOrder({
      regionCode: 'US',
      numbers: [freshNumber()],
      servicePlanId: 'otherPlan0001',
      campaignId: CAMPAIGN,
    });
    const textPhone = freshNumber();
    await qualify([textPhone]);
    await h.client.textEnableNumbersOrder({
      regionCode: 'US',
      numbers: [textPhone],
      servicePlanId: PLAN,
      campaignId: CAMPAIGN,
      blanketLoaInfo: {},
    });

    const list = (
      states: HostingOrder['state'][],
      type: 'IMPORT' | 'TYPE_TEXT_ENABLE',
      servicePlanId = PLAN,
    ) =>
      h.client.listHostingOrders({
        states: states as [NonNullable<HostingOrder['state']>],
        type,
        servicePlanId,
        campaignId: CAMPAIGN,
      });
    const submittedImports = await list(['SUBMITTED'], 'IMPORT');
    expect(submittedImports.hostingOrders?.map((o) => o.hostingOrderId)).toEqual([a.hostingOrderId]);
    expect(submittedImports.totalSize).toBe(1);
    expect(
      (await list(['SUBMITTED'], 'IMPORT', 'otherPlan0001')).hostingOrders?.map((o) => o.hostingOrderId),
    ).toEqual([b.hostingOrderId]);
    expect((await list(['SUBMITTED'], 'TYPE_TEXT_ENABLE')).totalSize).toBe(1);
    expect((await list(['COMPLETED'], 'IMPORT')).totalSize).toBe(0);

    // part-way through: some steps done
    await advance(8 * MINUTE);
    const id = a.hostingOrderId ?? '';
    const order = await h.client.getHostingOrder(id);
    expect(order.state).toBe('IN_PROGRESS');
    expect((await list(['SUBMITTED', 'IN_PROGRESS'], 'IMPORT')).totalSize).toBe(1);

    await followOrder(id, ['COMPLETED']);
    const numbers = await orderNumbers(id);
    const report = await h.client.getHostingOrderReport(id);
    // the report, recomputed independently from the per-number states
    const count = (f: (n: HostingOrderNumber) => boolean) => numbers.filter(f).length;
    expect(report).toEqual({
      total: numbers.length,
      osrUpdated: count((n) => n.osrUpdate?.state === 'DONE'),
      smsProvisioned: count((n) => n.platformProvisioning?.state === 'DONE'),
      addedToCampaign: count((n) => n.campaignProvisioning?.state === 'DONE'),
      ongoingManualAction: 0,
    });
    expect(report).toMatchObject({ total: 3, smsProvisioned: 3, addedToCampaign: 3, osrUpdated: 0 });
    const done = await h.client.listHostingOrderNumbers(id, {
      platformProvisioningState: 'DONE',
      pageSize: 2,
    });
    expect(done.totalSize).toBe(3);
    expect(done.numbers).toHaveLength(2);
    expect(done.nextPageToken).not.toBe('');
    expect(
      (await h.client.listHostingOrderNumbers(id, { platformProvisioningState: 'FAILED' })).totalSize,
    ).toBe(0);
    const one = numbers[0]?.phoneNumber ?? '';
    expect(await h.client.getHostingOrderNumber(id, one)).toMatchObject({
      phoneNumber: one,
      hostingOrderId: id,
    });
  });
});

describe('F: manage numbers and callbacks', () => {
  it('signed callbacks verify with the client helper; unlink then relink; delete', async () => {
    const secret = 'fake-hmac-secret-0000';
    expect(await h.client.updateCallbackConfiguration({ hmacSecret: secret })).toMatchObject({
      hmacSecret: secret,
    });
    expect(await h.client.getCallbackConfiguration()).toMatchObject({
      projectId: h.sim.project.projectId,
      hmacSecret: secret,
    });

    const phone = freshNumber();
    await h.client.importNumber({
      phoneNumber: phone,
      regionCode: 'US',
      smsConfiguration: { servicePlanId: PLAN, campaignId: CAMPAIGN },
      callbackUrl: receiver.url,
    });
    await advance(30 * MINUTE);
    const first: Delivery = await receiver.waitFor((d) => (d.json as Event).resourceId === phone);
    const signature = String(first.headers['x-sinch-signature'] ?? '');
    expect(signature).toMatch(/^[0-9a-f]{40}$/);
    expect(verifyCallbackSignature(secret, first.raw, signature)).toBe(true);
    // the signature covers the raw bytes: one changed byte, or the wrong secret, fails
    const tampered = Buffer.from(first.raw);
    tampered[tampered.length - 2] = (tampered[tampered.length - 2] ?? 0) ^ 1;
    expect(verifyCallbackSignature(secret, tampered, signature)).toBe(false);
    expect(verifyCallbackSignature('fake-other-secret', first.raw, signature)).toBe(false);
    for (const d of receiver.deliveries) {
      expect(verifyCallbackSignature(secret, d.raw, String(d.headers['x-sinch-signature'] ?? ''))).toBe(true);
    }

    // unlink (both to ""), then relink to another plan in a separate request (§5.1 (4))
    await h.client.updateImportedNumber(phone, { smsConfiguration: { servicePlanId: '', campaignId: '' } });
    await advance(30 * MINUTE);
    expect(await h.client.getImportedNumber(phone)).toMatchObject({
      smsConfiguration: { servicePlanId: '', campaignId: '' },
      smsProvisioning: { type: 'DEPROVISIONING', state: 'DONE' },
    });
    await h.client.updateImportedNumber(phone, {
      displayName: 'Relinked',
      smsConfiguration: { servicePlanId: 'otherPlan0001', campaignId: 'CNEWONE' },
    });
    await advance(30 * MINUTE);
    expect(await h.client.getImportedNumber(phone)).toMatchObject({
      displayName: 'Relinked',
      smsConfiguration: { servicePlanId: 'otherPlan0001', campaignId: 'CNEWONE' },
      smsProvisioning: { serviceId: 'otherPlan0001', type: 'PROVISIONING', state: 'DONE' },
      campaignProvisioning: { serviceId: 'CNEWONE', state: 'DONE' },
    });
    const listed = await h.client.listImportedNumbers({
      servicePlanId: 'otherPlan0001',
      campaignId: 'CNEWONE',
    });
    expect(listed.importedNumbers?.map((n) => n.phoneNumber)).toEqual([phone]);

    await h.client.deleteImportedNumber(phone);
    await advance(0); // deliveries due "now" start when the simulator next looks at its clock
    await expect(h.client.getImportedNumber(phone)).rejects.toMatchObject({ httpStatus: 404 });
    expect(eventsOf(phone)).toEqual([
      'PROVISIONING_TO_SMS_PLATFORM:SUCCEEDED',
      'LINK_TO_10DLC_CAMPAIGN:SUCCEEDED',
      'DEPROVISIONING_TO_SMS_PLATFORM:SUCCEEDED',
      'UNLINK_TO_10DLC_CAMPAIGN:SUCCEEDED',
      'PROVISIONING_TO_SMS_PLATFORM:SUCCEEDED',
      'LINK_TO_10DLC_CAMPAIGN:SUCCEEDED',
      'DELETE:SUCCEEDED',
    ]);
  });

  it('qualified numbers: list by state, delete', async () => {
    const [p, q] = [freshNumber(), freshNumber()];
    await qualify([p, q]);
    await h.client.deleteQualifiedNumber(p);
    const left = await h.client.listQualifiedNumbers({ states: 'GLOBAL_PROCESS_STATE_ELIGIBLE' });
    expect(left.qualifiedNumbers?.map((n) => n.phoneNumber)).toEqual([q]);
  });
});
