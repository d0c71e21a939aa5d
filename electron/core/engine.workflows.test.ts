import { describe, expect, it } from 'vitest';
import { CAMPAIGN, directLoa, PLAN } from '../sandbox/test-kit';
import { cleanupsAfterEach, startTestEngine } from './test-kit';

/**
 * Issue 9 acceptance: Sinch's workflows A–F driven through contract channels only, as a UI would
 * (the Sandbox controls stand in for the customer and Sinch's staff), following `jobs.changed`; the
 * end state is read on the simulator's side (its API, Basic auth), never from the desk's database.
 * Time moves only when the test moves it (simulator and engine clocks together); ≤ 50 numbers.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const OTHER_PLAN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

const cleanups = cleanupsAfterEach();

type Harness = Awaited<ReturnType<typeof start>>;

async function start() {
  const kit = await startTestEngine(cleanups, { prefix: 'hd-engine-wf-', sandbox: { seed: 9 } });
  const { engine, clock, events, call, remote } = kit;
  const sim = kit.host().simulator;
  await call('sync.start', {});
  return { engine, clock, events, call, sim, remote };
}

/** Move the simulated Sinch (through the contract) and the engine's clock together; let sync settle. */
async function advance(h: Harness, ms: number) {
  await h.call('sandbox.advanceClock', { minutes: Math.round(ms / MINUTE) });
  h.clock.advance(ms);
  await h.engine.internals.sync()?.idle();
}

/** Jobs (as the contract lists them) until none of `ids` is pending, running or waiting. */
async function settle(h: Harness, ids: number[], stepMs = 5 * MINUTE, maxSteps = 100) {
  await h.engine.internals.sync()?.idle();
  const states = async () => {
    const all = await h.call('jobs.list', { limit: 500 });
    return all.items.filter((j) => ids.includes(j.id));
  };
  for (let i = 0; i < maxSteps; i++) {
    const jobs = await states();
    if (jobs.every((j) => !['pending', 'running', 'waiting_remote'].includes(j.state))) return jobs;
    await advance(h, stepMs);
  }
  return states();
}

const jobIds = (r: { jobs: Array<{ id: number }> }) => r.jobs.map((j) => j.id);
/** What a job's detail (Queue) says it ended with: the summary of its last answer. */
const outcomeOf = async (h: Harness, id: number | undefined) =>
  (await h.call('jobs.get', { id: id ?? -1 })).history.filter((a) => a.phase === 'response').at(-1)?.summary;
const enc = encodeURIComponent;

async function importOne(h: Harness, phone: string, intentId: string, campaignId = CAMPAIGN) {
  const committed = await h.call('plan.commit', {
    rows: [{ phoneNumber: phone, action: 'import', servicePlanId: PLAN, campaignId }],
    intentId,
    label: intentId,
  });
  const list = await h.call('jobs.list', { batchId: committed.batchId });
  const done = await settle(
    h,
    list.items.map((j) => j.id),
  );
  expect(done.map((j) => j.state)).toEqual(['done']);
}

async function qualifyEligible(h: Harness, phones: string[], intentId: string, requireVerification = false) {
  const queued = await h.call('qualification.qualify', { intentId, numbers: phones });
  await h.engine.internals.sync()?.idle();
  for (const phoneNumber of phones)
    await h.call('sandbox.approveQualification', { phoneNumber, requireVerification });
  const jobs = await settle(h, jobIds(queued));
  expect(jobs.map((j) => j.state)).toEqual(jobs.map(() => 'done'));
}

describe('workflow A and B: import', () => {
  it('A: one number, imported with SMS and campaign provisioning DONE at the simulator', async () => {
    const h = await start();
    const phone = '+12025550301';
    await importOne(h, phone, 'wf-a');
    const n = await h.remote(`/importedNumbers/${enc(phone)}`);
    expect(n.body.smsConfiguration).toMatchObject({ servicePlanId: PLAN, campaignId: CAMPAIGN });
    expect(n.body.smsProvisioning).toMatchObject({ state: 'DONE' });
    expect(n.body.campaignProvisioning).toMatchObject({ state: 'DONE' });
  });

  it('B: a hosting order of several numbers: COMPLETED, every number provisioned', async () => {
    const h = await start();
    const phones = ['+12025550311', '+12025550312', '+12025550313'];
    const committed = await h.call('plan.commit', {
      rows: phones.map((phoneNumber) => ({
        phoneNumber,
        action: 'import' as const,
        servicePlanId: PLAN,
        campaignId: CAMPAIGN,
      })),
      intentId: 'wf-b',
      label: 'B',
    });
    const list = await h.call('jobs.list', { batchId: committed.batchId });
    expect(list.items.map((j) => j.task)).toEqual(['importNumbersOrder']);
    const jobs = await settle(
      h,
      list.items.map((j) => j.id),
    );
    expect(jobs.map((j) => j.state)).toEqual(['done']);
    for (const phone of phones) {
      const n = await h.remote(`/importedNumbers/${enc(phone)}`);
      expect(n.body.smsProvisioning, phone).toMatchObject({ state: 'DONE' });
      expect(n.body.campaignProvisioning, phone).toMatchObject({ state: 'DONE' });
    }
  });
});

/** The simulator's text-enable orders of a plan/campaign in `state` (the list needs all four filters). */
async function remoteOrders(h: Harness, state: string, campaignId = '') {
  const r = await h.remote(
    `/hostingOrders?states=${state}&type=TYPE_TEXT_ENABLE&servicePlanId=${PLAN}&campaignId=${campaignId}`,
  );
  return (r.body.hostingOrders ?? []) as Array<{ hostingOrderId: string; state: string }>;
}

async function directProfile(h: Harness) {
  return (await h.call('loaProfiles.create', { label: 'Acme direct', kind: 'direct', info: directLoa })).id;
}

describe('workflow C: qualify', () => {
  it('invoice route: qualify, record the invoice e-mail, Sinch approves → ELIGIBLE at the simulator', async () => {
    const h = await start();
    const phones = ['+12025550321', '+12025550322'];
    const queued = await h.call('qualification.qualify', { intentId: 'wf-c', numbers: phones });
    expect(queued.jobs.map((j) => j.task)).toEqual(['qualifyNumbers', 'awaitQualification']);
    await advance(h, 5 * MINUTE);
    expect((await h.call('jobs.get', { id: queued.jobs[1]?.id as number })).state).toBe('waiting_remote');
    expect(await h.call('qualification.recordInvoice', { numbers: phones, emailedOn: '2026-01-05' })).toEqual(
      {
        recorded: 2,
        emailedOn: '2026-01-05',
      },
    );
    // Sinch reviews for a day (nothing decides by itself before the review time), then approves
    await advance(h, DAY);
    for (const phoneNumber of phones) await h.call('sandbox.approveQualification', { phoneNumber });
    const jobs = await settle(h, jobIds(queued));
    expect(jobs.map((j) => j.state)).toEqual(['done', 'done']);
    for (const p of phones)
      expect((await h.remote(`/qualifiedNumbers/${enc(p)}`)).body.globalProcessState).toBe(
        'GLOBAL_PROCESS_STATE_ELIGIBLE',
      );
  });

  it('a review nobody decides in time fails after the limit, naming orders@sinch.com', async () => {
    const h = await start();
    await h.call('sandbox.configure', { qualificationReviewBusinessDays: null });
    const queued = await h.call('qualification.qualify', {
      intentId: 'wf-c-late',
      numbers: ['+12025550323'],
    });
    const jobs = await settle(h, jobIds(queued), DAY, 12);
    expect(jobs.map((j) => j.state)).toEqual(['done', 'failed']);
    expect(jobs[1]?.lastError?.message).toMatch(/within 5 business days\. Write to orders@sinch\.com/);
  });

  it('rejected: the job fails and the number keeps the reason Sinch gave', async () => {
    const h = await start();
    const phone = '+12025550324';
    const queued = await h.call('qualification.qualify', { intentId: 'wf-c-no', numbers: [phone] });
    await h.engine.internals.sync()?.idle();
    await h.call('sandbox.rejectQualification', {
      phoneNumber: phone,
      reason: 'Invoice does not show the number',
    });
    const jobs = await settle(h, jobIds(queued));
    expect(jobs.map((j) => j.state)).toEqual(['done', 'failed']);
    expect(jobs[1]?.lastError?.message).toMatch(/not eligible/);
    const { db } = h.engine.internals.workspaces.active();
    const notes = db.prepare('SELECT note FROM number_states WHERE phone = ?').pluck().all(phone) as string[];
    expect(notes).toContain('Sinch says: Invoice does not show the number');
  });
});

describe('voice challenge', () => {
  it('VERIFIED via voice: one wrong code, then the right one; attempts left is an estimate', async () => {
    const h = await start();
    const phone = '+12025550331';
    await qualifyEligible(h, [phone], 'wf-v', true);
    const sent = await h.call('voice.send', { intentId: 'v-send-1', phoneNumber: phone });
    expect(sent.attempts).toMatchObject({ allowed: 3, attemptsLeftEstimate: 3 });
    await settle(h, jobIds(sent));
    const code = (await h.call('sandbox.voiceCode', { phoneNumber: phone })).code as string;
    const wrong = code === '0000' ? '1111' : '0000';
    const first = await h.call('voice.verify', { intentId: 'v-code-1', phoneNumber: phone, code: wrong });
    // A wrong code is a normal event of a voice check, not a failed job: the job is done, and its
    // detail says the outcome in plain words with the attempts left.
    const [checked] = await settle(h, jobIds(first));
    expect(checked?.state).toBe('done');
    expect(checked?.lastError).toBeNull();
    expect(await outcomeOf(h, checked?.id)).toBe(`${phone}: the code was wrong — 2 attempts left`);
    expect((await h.call('jobs.list', { states: ['failed', 'dead'] })).items).toEqual([]);
    expect((await h.call('numbers.get', { phone })).state).toBe('verification-failed');
    expect(await h.call('voice.attempts', { phoneNumber: phone })).toMatchObject({
      wrongCodes: 1,
      attemptsLeftEstimate: 2,
    });
    const second = await h.call('voice.verify', { intentId: 'v-code-2', phoneNumber: phone, code });
    expect((await settle(h, jobIds(second))).map((j) => j.state)).toEqual(['done']);
    expect((await h.remote(`/qualifiedNumbers/${enc(phone)}`)).body.globalProcessState).toBe(
      'GLOBAL_PROCESS_STATE_VERIFIED',
    );
  });

  it('three wrong codes: blocked at the simulator, and the desk refuses a fourth', async () => {
    const h = await start();
    const phone = '+12025550332';
    await qualifyEligible(h, [phone], 'wf-vb', true);
    await settle(h, jobIds(await h.call('voice.send', { intentId: 'vb-send', phoneNumber: phone })));
    const code = (await h.call('sandbox.voiceCode', { phoneNumber: phone })).code as string;
    const wrong = code === '0000' ? '1111' : '0000';
    const checks = [];
    for (let i = 1; i <= 3; i++)
      checks.push(
        ...(await settle(
          h,
          jobIds(await h.call('voice.verify', { intentId: `vb-${i}`, phoneNumber: phone, code: wrong })),
        )),
      );
    expect(checks.map((j) => j.state)).toEqual(['done', 'done', 'done']);
    expect(await Promise.all(checks.map((j) => outcomeOf(h, j.id)))).toEqual([
      `${phone}: the code was wrong — 2 attempts left`,
      `${phone}: the code was wrong — 1 attempt left`,
      `${phone}: the code was wrong; Sinch now blocks its voice check — e-mail its invoices to orders@sinch.com instead`,
    ]);
    // nothing failed, so "Retry all failed" has nothing to re-send
    expect((await h.call('jobs.list', { states: ['failed', 'dead'] })).items).toEqual([]);
    expect((await h.call('numbers.get', { phone })).state).toBe('verification-blocked');
    expect((await h.remote(`/qualifiedNumbers/${enc(phone)}`)).body.globalProcessState).toBe(
      'GLOBAL_PROCESS_STATE_VERIFICATION_BLOCKED',
    );
    expect(await h.call('voice.attempts', { phoneNumber: phone })).toMatchObject({ attemptsLeftEstimate: 0 });
    await expect(
      h.call('voice.verify', { intentId: 'vb-4', phoneNumber: phone, code }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/orders@sinch\.com/),
    });
  });

  it('a text-enable of a number Sinch wants verified waits for VERIFIED instead of failing at ELIGIBLE', async () => {
    const h = await start();
    const phone = '+12025550333';
    await qualifyEligible(h, [phone], 'wf-vt', true);
    const committed = await h.call('plan.commit', {
      rows: [
        {
          phoneNumber: phone,
          action: 'text-enable',
          servicePlanId: PLAN,
          loaType: 'blanket',
          qualified: true,
        },
      ],
      intentId: 'wf-vt-te',
      label: 'te',
    });
    const [te] = (await h.call('jobs.list', { batchId: committed.batchId })).items;
    await advance(h, 5 * MINUTE);
    expect((await h.call('jobs.get', { id: te?.id as number })).state).toBe('waiting_remote');
    await settle(h, jobIds(await h.call('voice.send', { intentId: 'vt-send', phoneNumber: phone })));
    const code = (await h.call('sandbox.voiceCode', { phoneNumber: phone })).code as string;
    await settle(h, jobIds(await h.call('voice.verify', { intentId: 'vt-code', phoneNumber: phone, code })));
    const [done] = await settle(h, [te?.id as number]);
    expect(done?.state).toBe('done');
    expect((await h.remote(`/importedNumbers/${enc(phone)}`)).body.smsProvisioning).toMatchObject({
      state: 'DONE',
    });
  });
});

/** A text-enable batch (qualify + text-enable) up to the order waiting for the LOA signature. */
async function textEnableUntilLoa(h: Harness, phones: string[], intentId: string, tollFree = false) {
  const loaProfileId = await directProfile(h);
  const committed = await h.call('plan.commit', {
    rows: phones.map((phoneNumber) => ({
      phoneNumber,
      action: 'text-enable' as const,
      servicePlanId: PLAN,
      ...(tollFree ? {} : { campaignId: CAMPAIGN }),
      loaType: 'direct' as const,
      loaProfileId,
    })),
    intentId,
    label: intentId,
  });
  const jobs = (await h.call('jobs.list', { batchId: committed.batchId })).items;
  expect(jobs.map((j) => j.task)).toEqual([
    'qualifyNumbers',
    tollFree ? 'textEnableTollFreeNumbers' : 'textEnableNumbers',
  ]);
  await h.engine.internals.sync()?.idle();
  for (const phoneNumber of phones) await h.call('sandbox.approveQualification', { phoneNumber });
  const campaign = tollFree ? '' : CAMPAIGN;
  for (let i = 0; i < 20 && (await remoteOrders(h, 'WAITING_FOR_LOA_SIGNATURE', campaign)).length === 0; i++)
    await advance(h, 5 * MINUTE);
  const [order] = await remoteOrders(h, 'WAITING_FOR_LOA_SIGNATURE', campaign);
  if (!order) throw new Error('no order waits for the LOA signature');
  return {
    batchId: committed.batchId,
    textEnable: jobs[1]?.id as number,
    orderId: order.hostingOrderId,
    campaign,
    loaProfileId,
  };
}

async function expectHosted(h: Harness, orderId: string, phones: string[], campaign: boolean) {
  expect((await h.remote(`/hostingOrders/${orderId}`)).body.state).toBe('COMPLETED');
  const numbers = (await h.remote(`/hostingOrders/${orderId}/numbers`)).body.numbers as Array<
    Record<string, { state?: string }>
  >;
  expect(numbers).toHaveLength(phones.length);
  for (const n of numbers) {
    expect(n.platformProvisioning?.state).toBe('DONE');
    if (campaign) expect(n.campaignProvisioning?.state).toBe('DONE');
  }
}

describe('workflow D: text-enable', () => {
  it('direct LOA: signed through the Sandbox controls, order COMPLETED, every step DONE', async () => {
    const h = await start();
    const phones = ['+12025550341', '+12025550342'];
    const { textEnable, orderId, loaProfileId } = await textEnableUntilLoa(h, phones, 'wf-d');
    // the job sent its own copy of the profile; the order and its numbers name the profile itself
    expect((await h.call('orders.get', { id: orderId })).loa).toMatchObject({
      kind: 'direct',
      profileId: loaProfileId,
    });
    for (const phone of phones)
      expect((await h.call('numbers.get', { phone })).loaProfileId).toBe(loaProfileId);
    await h.call('sandbox.signLoa', { hostingOrderId: orderId });
    expect((await settle(h, [textEnable])).map((j) => j.state)).toEqual(['done']);
    await expectHosted(h, orderId, phones, true);
  });

  it('toll-free: the toll-free endpoint, COMPLETED with the SMS platform step DONE', async () => {
    const h = await start();
    const phones = ['+18335550343'];
    const { textEnable, orderId } = await textEnableUntilLoa(h, phones, 'wf-tf', true);
    await h.call('sandbox.signLoa', { hostingOrderId: orderId });
    expect((await settle(h, [textEnable])).map((j) => j.state)).toEqual(['done']);
    await expectHosted(h, orderId, phones, false);
  });

  it('LOA refused → re-issued as a new intent after the profile is checked → completed', async () => {
    const h = await start();
    const phones = ['+12025550344'];
    const { textEnable, orderId } = await textEnableUntilLoa(h, phones, 'wf-loa');
    await h.call('sandbox.refuseLoa', { hostingOrderId: orderId, reason: 'Signer is not authorised' });
    const [refused] = await settle(h, [textEnable]);
    expect(refused?.state).toBe('failed');
    expect(refused?.lastError?.message).toMatch(/rejected/);
    const again = await h.call('jobs.reissue', { id: textEnable, intentId: 'r1' });
    expect(again).toMatchObject({ intent: 'reissue', repeatOf: textEnable });
    // the same intent twice is one job
    expect((await h.call('jobs.reissue', { id: textEnable, intentId: 'r1' })).id).toBe(again.id);
    let next: Array<{ hostingOrderId: string }> = [];
    for (let i = 0; i < 20 && next.length === 0; i++) {
      await advance(h, 5 * MINUTE);
      next = await remoteOrders(h, 'WAITING_FOR_LOA_SIGNATURE', CAMPAIGN);
    }
    const newOrder = next[0]?.hostingOrderId as string;
    expect(newOrder).not.toBe(orderId);
    await h.call('sandbox.signLoa', { hostingOrderId: newOrder });
    expect((await settle(h, [again.id])).map((j) => j.state)).toEqual(['done']);
    await expectHosted(h, newOrder, phones, true);
    // the re-issued order takes the place of the order it replaces in its batch
    const place = { id: 'wf-loa', label: 'wf-loa', position: 1, of: 1 };
    expect((await h.call('orders.get', { id: orderId })).batch).toEqual(place);
    expect((await h.call('orders.get', { id: newOrder })).batch).toEqual(place);
  });

  // Issue 9 defect 3: cancelling a job that follows an order abandoned the order.
  it('cancelling the job that follows an order: our work stops, the order stays followed to its end', async () => {
    const h = await start();
    const phones = ['+12025550345'];
    const { textEnable, orderId, batchId } = await textEnableUntilLoa(h, phones, 'wf-cancel');
    expect((await h.call('jobs.cancel', { id: textEnable })).state).toBe('cancelled');
    const follow = (await h.call('jobs.list', { batchId })).items.find((j) => j.repeatOf === textEnable);
    expect(follow).toMatchObject({ task: 'followOrder', intent: 'follow' });
    await h.call('sandbox.signLoa', { hostingOrderId: orderId });
    expect((await settle(h, [follow?.id as number])).map((j) => j.state)).toEqual(['done']);
    await expectHosted(h, orderId, phones, true);
    // the desk saw the order to its end (the readmodel's order index reads this row)
    const { db } = h.engine.internals.workspaces.active();
    expect(db.prepare('SELECT state FROM orders WHERE remote_id = ?').pluck().get(orderId)).toBe('COMPLETED');
  });
});

describe('workflow F: manage imported and qualified numbers', () => {
  it('relink (unlink then link), display name and callback URL, unlink only, delete: each visible at the simulator', async () => {
    const h = await start();
    const phone = '+12025550351';
    const other = '+12025550352';
    await importOne(h, phone, 'wf-f1');
    await importOne(h, other, 'wf-f2');

    const relink = await h.call('importedNumbers.relink', {
      intentId: 'f-relink',
      phoneNumber: phone,
      servicePlanId: OTHER_PLAN,
    });
    expect(relink.jobs.map((j) => [j.task, j.blocked])).toEqual([
      ['unlinkNumber', false],
      ['linkNumber', true],
    ]);
    expect((await settle(h, jobIds(relink))).map((j) => j.state)).toEqual(['done', 'done']);
    let n = (await h.remote(`/importedNumbers/${enc(phone)}`)).body;
    expect(n.smsConfiguration).toMatchObject({ servicePlanId: OTHER_PLAN });
    expect(n.smsConfiguration.campaignId ?? '').toBe('');
    // the end state of workflow F is visible through numbers.get too (a screen re-reads the number)
    const relinked = await h.call('numbers.get', { phone });
    expect(relinked.servicePlanId).toBe(OTHER_PLAN);
    expect(relinked.campaignId ?? '').toBe('');

    const update = await h.call('importedNumbers.update', {
      intentId: 'f-name',
      phoneNumber: phone,
      displayName: 'Front desk',
      callbackUrl: 'https://hooks.example.com/sinch',
    });
    expect((await settle(h, jobIds(update))).map((j) => j.state)).toEqual(['done']);
    n = (await h.remote(`/importedNumbers/${enc(phone)}`)).body;
    expect(n).toMatchObject({ displayName: 'Front desk', callbackUrl: 'https://hooks.example.com/sinch' });
    expect(await h.call('numbers.get', { phone })).toMatchObject({
      displayName: 'Front desk',
      callbackUrl: 'https://hooks.example.com/sinch',
    });

    const unlink = await h.call('importedNumbers.unlink', { intentId: 'f-unlink', phoneNumber: other });
    expect((await settle(h, jobIds(unlink))).map((j) => j.state)).toEqual(['done']);
    expect((await h.remote(`/importedNumbers/${enc(other)}`)).body.smsConfiguration.servicePlanId ?? '').toBe(
      '',
    );

    const del = await h.call('importedNumbers.delete', { intentId: 'f-del', phoneNumber: phone });
    expect((await settle(h, jobIds(del))).map((j) => j.state)).toEqual(['done']);
    expect((await h.remote(`/importedNumbers/${enc(phone)}`)).status).toBe(404);
    expect((await h.call('numbers.get', { phone })).state).toBe('deleted');
  });

  it('a qualified number is deleted at the simulator', async () => {
    const h = await start();
    const phone = '+12025550353';
    await qualifyEligible(h, [phone], 'wf-fq');
    const del = await h.call('qualification.delete', { intentId: 'fq-del', phoneNumber: phone });
    expect((await settle(h, jobIds(del))).map((j) => j.state)).toEqual(['done']);
    expect((await h.remote(`/qualifiedNumbers/${enc(phone)}`)).status).toBe(404);
  });
});

describe('a batch: retry all failed', () => {
  it('text-enables marked qualified that were not fail after the limit; qualified since, Retry all failed sends them', async () => {
    const h = await start();
    const phones = ['+12025550361', '+12025550362'];
    const committed = await h.call('plan.commit', {
      rows: phones.map((phoneNumber) => ({
        phoneNumber,
        action: 'text-enable' as const,
        servicePlanId: PLAN,
        loaType: 'blanket' as const,
        qualified: true,
      })),
      intentId: 'wf-retry',
      label: 'retry',
    });
    const ids = (await h.call('jobs.list', { batchId: committed.batchId })).items.map((j) => j.id);
    const [failed] = await settle(h, ids, DAY, 12);
    expect(failed?.state).toBe('failed');
    expect(failed?.lastError?.message).toMatch(/not a qualified number at Sinch\. Qualify them first/);
    await qualifyEligible(h, phones, 'wf-retry-q');
    const retried = await h.call('jobs.retryFailed', { batchId: committed.batchId });
    expect(retried.retried).toEqual(ids);
    expect((await settle(h, ids)).map((j) => j.state)).toEqual(['done']);
    for (const p of phones)
      expect((await h.remote(`/importedNumbers/${enc(p)}`)).body.smsProvisioning).toMatchObject({
        state: 'DONE',
      });
  });
});
