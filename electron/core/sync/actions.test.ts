import { afterEach, describe, expect, it } from 'vitest';
import { getNumber, numberTimeline } from '../store/numbers';
import { enqueueNumberAction } from './actions';
import { CAMPAIGN, OTHER_PLAN_ID, PLAN_ID, QUEUE, row, type SyncFixture, syncFixture } from './test-support';

let f: SyncFixture;
afterEach(async () => {
  await f?.cleanup();
});

const phone = '+12025550401';

async function imported(f: SyncFixture, n: string) {
  await f.client.importNumber({
    phoneNumber: n,
    regionCode: 'US',
    smsConfiguration: { servicePlanId: PLAN_ID, campaignId: CAMPAIGN },
  });
  f.sim.control.advance(60 * 60_000);
}

describe('relink: unlink → link as two ordered jobs', () => {
  it('sends the link only after the unlink finished, and ends on the new plan', async () => {
    f = await syncFixture();
    await imported(f, phone);
    const { plan } = f.commit([
      row(phone, { action: 'relink', servicePlanId: OTHER_PLAN_ID, campaignId: '' }),
    ]);
    expect(plan.calls.map((c) => c.operation)).toEqual(['unlinkNumber', 'linkNumber']);
    const engine = f.newEngine();
    engine.start();
    await f.runToEnd(engine);
    expect(f.jobStates()).toEqual({ 'b1-u1': 'done', 'b1-l1': 'done' });

    const patches = f.requests.filter((r) => r.startsWith('PATCH'));
    expect(patches).toEqual([`PATCH /importedNumbers/${phone}`, `PATCH /importedNumbers/${phone}`]);
    const unlinkDone = f.queue.get(
      f.db.prepare(`SELECT id FROM jobs WHERE job_key = 'b1-u1'`).pluck().get() as number,
    )?.updated_at as number;
    const linkIntent = f.db
      .prepare(
        `SELECT a.at FROM job_attempts a JOIN jobs j ON j.id = a.job_id WHERE j.job_key = 'b1-l1' AND a.phase = 'intent'`,
      )
      .pluck()
      .get() as number;
    expect(linkIntent).toBeGreaterThanOrEqual(unlinkDone);

    const remote = await f.client.getImportedNumber(phone);
    expect(remote.smsConfiguration?.servicePlanId).toBe(OTHER_PLAN_ID);
    expect(remote.smsConfiguration?.campaignId ?? '').toBe('');
    const timeline = numberTimeline(f.db, phone).map((s) => s.state);
    expect(timeline.indexOf('unlinked')).toBeGreaterThan(-1);
    expect(timeline.indexOf('unlinked')).toBeLessThan(timeline.indexOf('linking'));
    expect(timeline.at(-1)).toBe('linked');
  });
});

describe('delete', () => {
  it('deletes an imported number; deleting one that is already gone is done too', async () => {
    f = await syncFixture();
    await imported(f, phone);
    const a = enqueueNumberAction(f.queue, QUEUE, 'del-1', {
      task: 'deleteImportedNumber',
      phoneNumber: phone,
    });
    const b = enqueueNumberAction(
      f.queue,
      QUEUE,
      'del-2',
      { task: 'deleteImportedNumber', phoneNumber: phone },
      { dependsOn: [a.id], intent: 'repeat', repeatOf: a.id },
    );
    const engine = f.newEngine();
    engine.start();
    await f.runToEnd(engine);
    expect(f.queue.get(a.id)?.state).toBe('done');
    expect(f.queue.get(b.id)?.state).toBe('done');
    await expect(f.client.getImportedNumber(phone)).rejects.toMatchObject({ httpStatus: 404 });
  });
});

describe('voice challenge', () => {
  it('send → code → verify: the number ends VERIFIED; a wrong code ends its job as done, with the attempts left', async () => {
    f = await syncFixture();
    const other = '+12025550402';
    await f.client.addQualifiedNumbers({ phoneNumbers: [phone, other] });
    f.sim.control.approveQualification(phone, { requireVerification: true });
    f.sim.control.approveQualification(other, { requireVerification: true });
    const send = enqueueNumberAction(f.queue, QUEUE, 'voice-1', {
      task: 'sendVoiceChallenge',
      phoneNumber: phone,
    });
    const sendOther = enqueueNumberAction(f.queue, QUEUE, 'voice-2', {
      task: 'sendVoiceChallenge',
      phoneNumber: other,
    });
    const engine = f.newEngine();
    engine.start();
    await engine.idle();
    expect(f.queue.get(send.id)?.state).toBe('done');
    expect(f.queue.get(sendOther.id)?.state).toBe('done');

    const code = f.sim.control.voiceCode(phone) as string;
    expect(code).toMatch(/^\d{4}$/);
    const wrong = code === '0000' ? '1111' : '0000';
    const verify = enqueueNumberAction(f.queue, QUEUE, 'verify-1', {
      task: 'verifyVoiceChallenge',
      phoneNumber: phone,
      code,
    });
    const verifyWrong = enqueueNumberAction(f.queue, QUEUE, 'verify-2', {
      task: 'verifyVoiceChallenge',
      phoneNumber: other,
      code: wrong,
    });
    engine.wake();
    await engine.idle();
    expect(f.queue.get(verify.id)?.state).toBe('done');
    expect((await f.client.getQualifiedNumber(phone)).globalProcessState).toBe(
      'GLOBAL_PROCESS_STATE_VERIFIED',
    );
    // a wrong code is an outcome of the check, not a failure of the job (nothing to retry)
    const wrongDone = f.queue.get(verifyWrong.id);
    expect(wrongDone?.state).toBe('done');
    expect(wrongDone?.last_error).toBeNull();
    // (the attempts-left count is covered in engine.workflows.test.ts: these numbers have no local row)
    expect(JSON.parse(wrongDone?.result ?? '{}')).toMatchObject({
      state: 'GLOBAL_PROCESS_STATE_VERIFICATION_FAILED',
      reason: 'The code is not correct',
    });
    // Exactly one verify request each: nothing is re-sent (a re-sent code would count as another try).
    expect(f.requests.filter((r) => r.endsWith(':verifyVoiceChallenge'))).toHaveLength(2);
  });

  it('a verify whose answer was lost is settled by reading the number, not by sending the code again', async () => {
    f = await syncFixture();
    await f.client.addQualifiedNumbers({ phoneNumbers: [phone] });
    f.sim.control.approveQualification(phone, { requireVerification: true });
    await f.client.sendVoiceChallenge(phone);
    const code = f.sim.control.voiceCode(phone) as string;
    const verify = enqueueNumberAction(f.queue, QUEUE, 'verify-1', {
      task: 'verifyVoiceChallenge',
      phoneNumber: phone,
      code,
    });
    f.sim.control.setFaults({ resetAfter: 1, mutatingOnly: true });
    const engine = f.newEngine();
    engine.start();
    await engine.idle();
    expect(f.queue.get(verify.id)?.state).toBe('pending');
    f.sim.control.setFaults({});
    await f.runToEnd(engine);
    expect(f.queue.get(verify.id)?.state).toBe('done');
    expect(f.requests.filter((r) => r.endsWith(':verifyVoiceChallenge'))).toHaveLength(1);
    expect(getNumber(f.db, phone)).toBeNull(); // not part of a batch: no local row to update
  });
});

describe('remote failures end the job visibly', () => {
  it('a number whose campaign step fails: the job fails with it, the others are imported', async () => {
    f = await syncFixture();
    const chunk = ['+12025550501', '+12025550502', '+12025550503'];
    f.sim.control.injectFailure(chunk[1] as string, 'campaign', 'CAMPAIGN_MNO_REJECTED');
    const { jobIds } = f.commit(chunk.map((n) => row(n)));
    const engine = f.newEngine();
    engine.start();
    await f.runToEnd(engine);
    const job = f.queue.get(jobIds[0] as number);
    expect(job?.state).toBe('failed');
    expect(JSON.parse(job?.last_error ?? '{}')).toMatchObject({
      status: 422,
      details: { failedNumbers: [chunk[1]] },
    });
    expect(getNumber(f.db, chunk[1] as string)?.state).toBe('failed');
    expect(getNumber(f.db, chunk[0] as string)?.state).toBe('imported');
    expect(getNumber(f.db, chunk[2] as string)?.state).toBe('imported');
    // Nothing was re-sent: a failed provisioning is not a failed request.
    for (const n of chunk) expect(f.sim.control.createRequests(n)).toHaveLength(1);
  });
});
