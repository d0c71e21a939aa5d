import { describe, expect, it, vi } from 'vitest';
import { hostingOrderLoaInfo } from '../../../shared/sinch';
import { DEMO_PROJECT } from '../../sandbox';
import { createSinchClient } from '../sinch';
import { cleanupsAfterEach, startTestEngine } from '../test-kit';
import { DIRECT_LOA, RESELLER_LOA } from './test-fixtures';

/**
 * LOA profiles end to end: saved through the contract, named by plan rows, checked at commit, and sent
 * by the engine's own sync engine to the embedded simulator on one manual timeline (no sleeps). The
 * orders wait for the LOA signature until `sandbox.signLoa`, then complete; what Sinch received is read
 * back from the simulator's order (its `textEnableInfo` is built from the request's LOA object).
 */

const PLAN = '07d6c2621f364b68856fe4938b7bb78f';
const directInfo = DIRECT_LOA;
// a second signer and carrier, so the test tells the two profiles apart in what Sinch received
const resellerInfo = {
  ...RESELLER_LOA,
  authorisedPerson: { firstName: 'Ann', lastName: 'Lee', email: 'ann.lee@acme.example' },
  currentVoiceCarrier: 'TMO',
};

const cleanups = cleanupsAfterEach();

async function start() {
  const kit = await startTestEngine(cleanups, {
    prefix: 'hd-engine-loa-',
    // Sinch's qualification review is explicit (pending for business days by default): decided at once here
    sandbox: { seed: 7, settings: { qualificationReviewBusinessDays: 0 } },
  });
  const { engine, host } = kit;
  const unfinished = () =>
    engine.internals.workspaces
      .active()
      .db.prepare(`SELECT count(*) FROM jobs WHERE state IN ('pending', 'running', 'waiting_remote')`)
      .pluck()
      .get() as number;
  /** Sinch's view, read with the simulator's demo key (not through the engine). */
  const sinch = () => {
    const { baseUrl, authUrl } = host().simulator;
    return createSinchClient({
      projectId: DEMO_PROJECT.projectId,
      auth: {
        kind: 'oauth',
        keyId: DEMO_PROJECT.keyId,
        keySecret: DEMO_PROJECT.keySecret,
        tokenUrl: authUrl,
      },
      baseUrl,
      budget: { ratePerSec: 1_000_000, burst: 1_000_000 },
    });
  };
  return { ...kit, unfinished, sinch };
}

const textEnable = (phoneNumber: string, loaType: 'direct' | 'reseller', loaProfileId: string) => ({
  phoneNumber,
  action: 'text-enable' as const,
  servicePlanId: PLAN,
  loaType,
  loaProfileId,
});

describe('LOA profiles through the engine', () => {
  it('direct and reseller (standard and toll-free) text-enables complete after the LOA is signed, carrying exactly the profile', async () => {
    const h = await start();
    const own = await h.call('loaProfiles.create', {
      label: 'Own business',
      kind: 'direct',
      info: directInfo,
    });
    const acme = await h.call('loaProfiles.create', { label: 'Acme', kind: 'reseller', info: resellerInfo });
    expect((await h.call('loaProfiles.list', { kind: 'reseller' })).items.map((p) => p.id)).toEqual([
      acme.id,
    ]);
    expect(
      h.events.some(([e, p]) => e === 'loaProfiles.changed' && (p as { ids: string[] }).ids.includes(own.id)),
    ).toBe(true);

    const directNumbers = ['+12025550601', '+12025550602'];
    const resellerStandard = '+12025550611';
    const resellerTollFree = '+18335870229';
    const directPlan = await h.call('plan.commit', {
      rows: directNumbers.map((n) => textEnable(n, 'direct', own.id)),
      intentId: 'direct',
      label: 'Direct',
    });
    expect(directPlan.summary.rejectedRows).toBe(0);
    const resellerPlan = await h.call('plan.commit', {
      rows: [
        textEnable(resellerStandard, 'reseller', acme.id),
        textEnable('+12025550612', 'reseller', 'loa-missing'),
        textEnable(resellerTollFree, 'reseller', acme.id),
        textEnable('+12025550613', 'direct', acme.id),
      ],
      intentId: 'reseller',
      label: 'Reseller',
    });
    // refused per row, at the row's own index; the rest queued
    expect(resellerPlan.summary.rejected).toEqual([
      { index: 1, input: '+12025550612', reason: 'LOA profile loa-missing not found in this workspace.' },
      {
        index: 3,
        input: '+12025550613',
        reason: `LOA profile ${acme.id} is a reseller profile, but the row asks for a direct LOA.`,
      },
    ]);
    expect(resellerPlan.summary.acceptedRows).toBe(2);
    expect(resellerPlan.summary.callsByOperation).toMatchObject({
      textEnableNumbers: 1,
      textEnableTollFreeNumbers: 1,
    });

    // each queued order took its copy at commit: an edit reaches them only when applied
    const ownEdited = { ...directInfo, currentVoiceCarrier: 'AT&T' };
    await h.call('loaProfiles.update', { id: own.id, patch: { info: ownEdited } });
    expect(await h.call('loaProfiles.queuedUsage', { id: own.id })).toEqual({ jobs: 1, numbers: 2 });
    expect(await h.call('loaProfiles.queuedUsage', { id: acme.id })).toEqual({ jobs: 0, numbers: 0 });
    const before = h.events.length;
    expect(await h.call('loaProfiles.applyToQueued', { id: own.id })).toEqual({ jobs: 1, numbers: 2 });
    // events are coalesced over a short window before they are delivered
    await vi.waitFor(() => expect(h.events.slice(before).some(([e]) => e === 'jobs.changed')).toBe(true));
    expect(await h.call('loaProfiles.applyToQueued', { id: own.id })).toEqual({ jobs: 0, numbers: 0 });
    const audit = await h.call('audit.query', { operation: 'loaProfiles.applyToQueued' });
    expect(audit.items.map((a) => a.method)).toEqual(['LOCAL', 'LOCAL']);

    await h.call('sync.start', {});
    await h.engine.internals.sync()?.idle();
    const control = h.host().simulator.control;
    const textEnabled = [...directNumbers, resellerStandard, resellerTollFree];
    const orderOf = (phone: string) => control.numberHistory(phone).orders[0];
    for (let i = 0; i < 60 && !textEnabled.every(orderOf); i++) await h.advance(5 * 60_000);
    const orderIds = [...new Set(textEnabled.map((n) => orderOf(n) as string))];
    expect(orderIds).toHaveLength(3); // one order per LOA group: direct, reseller, reseller toll-free

    // without a signature nothing completes
    await h.advance(24 * 60 * 60_000);
    const client = h.sinch();
    for (const id of orderIds)
      expect((await client.getHostingOrder(id)).state).toBe('WAITING_FOR_LOA_SIGNATURE');
    expect(h.unfinished()).toBeGreaterThan(0);

    for (const id of orderIds) await h.call('sandbox.signLoa', { hostingOrderId: id });
    for (let i = 0; i < 100 && h.unfinished() > 0; i++) await h.advance(5 * 60_000);
    expect(h.unfinished()).toBe(0);
    const jobs = await h.call('jobs.list', {});
    expect(jobs.counts.done).toBe(directPlan.jobCount + resellerPlan.jobCount);

    // Sinch's side: one accepted text-enable per number, and the order holds exactly the profile's fields
    for (const n of textEnabled) {
      const accepted = control
        .createRequests(n)
        .filter((r) => r.outcome === 'ACCEPTED' && r.operation.includes('textEnable'));
      expect(accepted, n).toHaveLength(1);
    }
    const received = async (phone: string) => {
      const order = await client.getHostingOrder(orderOf(phone) as string);
      expect(order.state).toBe('COMPLETED');
      const { serviceProvider: _sp, nnid: _nnid, loaType, ...loa } = hostingOrderLoaInfo(order) ?? {};
      return { loaType, loa };
    };
    expect(await received(directNumbers[0] as string)).toEqual({ loaType: 'Direct', loa: ownEdited });
    expect(await received(resellerStandard)).toEqual({ loaType: 'Reseller', loa: resellerInfo });
    expect(await received(resellerTollFree)).toEqual({ loaType: 'Reseller', loa: resellerInfo });
    const tollFreeOp = control
      .createRequests(resellerTollFree)
      .find((r) => r.operation.includes('textEnable'));
    expect(tollFreeOp?.operation).toBe('hostingOrders:textEnableTollFreeNumbers');
    // the request bodies as the simulator recorded them: once per request, the LOA object exactly
    const recorded = await h.call('sandbox.createRequests', {
      phoneNumber: directNumbers[1],
      withBodies: true,
    });
    const textEnableRequest = recorded.requests.find((r) => r.operation.includes('textEnable'));
    expect(Object.keys(recorded.bodies ?? {})).toHaveLength(2); // qualify, then text-enable
    expect(recorded.bodies?.[String(textEnableRequest?.requestId)]).toMatchObject({
      numbers: directNumbers,
      directLoaInfo: ownEdited,
    });
    expect((await h.call('sandbox.createRequests', {})).bodies).toBeUndefined();

    expect(await h.call('loaProfiles.delete', { id: acme.id })).toEqual({ id: acme.id });
    expect((await h.refusal('loaProfiles.get', { id: acme.id })).code).toBe('NOT_FOUND');
  }, 60_000);

  it('preview and commit refuse rows whose profile is missing; a batch of only such rows queues nothing', async () => {
    const h = await start();
    const rows = [textEnable('+12025550701', 'direct', 'loa-nowhere')];
    const preview = await h.call('plan.preview', { rows });
    expect(preview.rejected).toEqual([
      { index: 0, input: '+12025550701', reason: 'LOA profile loa-nowhere not found in this workspace.' },
    ]);
    expect(preview.totalCalls).toBe(0);
    const refused = await h.refusal('plan.commit', { rows, intentId: 'nothing', label: 'Nothing' });
    expect(refused.code).toBe('VALIDATION');
    expect(refused.details).toEqual(preview.rejected);
    expect((await h.call('jobs.list', {})).items).toHaveLength(0);
  });
  it('an edit not applied is not sent: a queued order sends the LOA it was committed with, even once the profile is deleted', async () => {
    const h = await start();
    const own = await h.call('loaProfiles.create', { label: 'Own', kind: 'direct', info: directInfo });
    await h.call('plan.commit', {
      rows: [textEnable('+12025550801', 'direct', own.id)],
      intentId: 'kept',
      label: 'Kept',
    });
    await h.call('loaProfiles.update', {
      id: own.id,
      patch: { info: { ...directInfo, currentVoiceCarrier: 'AT&T' } },
    });
    // the job holds its own copy: the profile may go
    expect(await h.call('loaProfiles.delete', { id: own.id })).toEqual({ id: own.id });
    await h.call('sync.start', {});
    const control = h.host().simulator.control;
    const orderOf = () => control.numberHistory('+12025550801').orders[0];
    for (let i = 0; i < 60 && !orderOf(); i++) await h.advance(5 * 60_000);
    const order = await h.sinch().getHostingOrder(orderOf() as string);
    const { serviceProvider: _sp, nnid: _nnid, loaType: _t, ...loa } = hostingOrderLoaInfo(order) ?? {};
    expect(loa).toEqual(directInfo);
  }, 60_000);

  it('copies a profile to another workspace under the same name; a name clash there is refused naming the field', async () => {
    const h = await start();
    const own = await h.call('loaProfiles.create', { label: 'Own', kind: 'direct', info: directInfo });
    const sandbox = (await h.call('workspaces.list', {})).items.find((w) => w.kind === 'sandbox');
    const live = await h.call('workspaces.create', {
      name: 'Acme Live',
      projectId: '7c2ea0e4-3c8a-4b56-9f24-2d2c2bb4d5a1',
    });
    const copied = await h.call('loaProfiles.copy', { id: own.id, toWorkspaceId: live.id });
    expect(copied.workspaceId).toBe(live.id);
    expect(copied.profile).toMatchObject({ label: 'Own', kind: 'direct', info: directInfo });
    expect(copied.profile.id).not.toBe(own.id);

    const clash = await h.refusal('loaProfiles.copy', { id: own.id, toWorkspaceId: live.id });
    expect(clash.code).toBe('CONFLICT');
    expect(clash.message).toBe(
      'Workspace “Acme Live” already has an LOA profile with the Name “Own”: rename one of them, then copy again.',
    );
    expect(clash.details).toEqual({ field: 'label' });
    expect((await h.refusal('loaProfiles.copy', { id: own.id, toWorkspaceId: sandbox?.id ?? '' })).code).toBe(
      'VALIDATION',
    );
    expect((await h.refusal('loaProfiles.copy', { id: own.id, toWorkspaceId: 'ws-nowhere' })).code).toBe(
      'NOT_FOUND',
    );

    // and back: in the Live workspace the copy is there, and goes back to the Sandbox under its name
    await h.call('workspaces.switch', { id: live.id });
    const there = await h.call('loaProfiles.list', {});
    expect(there.items.map((p) => [p.label, p.info])).toEqual([['Own', directInfo]]);
    await h.call('loaProfiles.update', { id: copied.profile.id, patch: { label: 'Own (Live)' } });
    const back = await h.call('loaProfiles.copy', {
      id: copied.profile.id,
      toWorkspaceId: sandbox?.id ?? '',
    });
    expect(back.profile.label).toBe('Own (Live)');
  });
});
