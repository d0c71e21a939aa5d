/**
 * Client ↔ simulator contract: every one of the 23 operations of `sinchOperations` driven through the
 * app's client against the in-process simulator — success, then each documented error — with EVERY raw
 * simulator response checked strictly against openapi.yaml (test/support/openapi-checker.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CallInput, SinchApiError, SinchInputError } from '../../electron/core/sinch';
import { operationById, SINCH_OPERATION_NAMES, type SinchOperationName } from '../../shared/sinch';
import { listSpecExamples } from '../support/openapi-checker';
import { CAMPAIGN, directLoaInfo, freshNumber, type Harness, MINUTE, PLAN, startHarness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  const bad = h.nonConforming();
  await h.close();
  expect(bad).toEqual([]);
});

// ── arrangements: reach the state an operation needs, through the client ──

const importOne = async (phone = freshNumber()) => {
  await h.client.importNumber({
    phoneNumber: phone,
    regionCode: 'US',
    smsConfiguration: { servicePlanId: PLAN, campaignId: CAMPAIGN },
  });
  return phone;
};
const orderOf = async (numbers: string[]) =>
  h.client.importNumbersOrder({ regionCode: 'US', numbers, servicePlanId: PLAN, campaignId: CAMPAIGN });
const orderId = async (numbers: string[]) => (await orderOf(numbers)).hostingOrderId ?? '';
/** Qualified and approved through the control surface (§7.2). */
const eligible = async (phone: string, requireVerification = false) => {
  await h.client.addQualifiedNumbers({ phoneNumbers: [phone] });
  h.sim.control.approveQualification(phone, { requireVerification });
  return phone;
};
const tollFree = () => freshNumber('+1833555');
const textEnableBody = (numbers: string[]) => ({
  regionCode: 'US' as const,
  numbers,
  servicePlanId: PLAN,
  campaignId: CAMPAIGN,
  directLoaInfo,
});
const tollFreeBody = (numbers: string[]) => ({
  regionCode: 'US' as const,
  numbers,
  servicePlanId: PLAN,
  directLoaInfo,
});

type Case = {
  arrange: () => Promise<CallInput>;
  check: (result: unknown, input: CallInput) => Promise<void> | void;
};

/** One success case per operation; keys must cover `sinchOperations` exactly (checked below). */
const success: Record<SinchOperationName, Case> = {
  listImportedNumbers: {
    arrange: async () => {
      await importOne();
      await importOne();
      return { query: { servicePlanId: PLAN, campaignId: CAMPAIGN, pageSize: 1 } };
    },
    check: (r) => expect(r).toMatchObject({ totalSize: 2, importedNumbers: [{ regionCode: 'US' }] }),
  },
  importNumber: {
    arrange: async () => ({
      body: {
        phoneNumber: freshNumber(),
        regionCode: 'US',
        displayName: 'Front desk',
        smsConfiguration: { servicePlanId: PLAN, campaignId: CAMPAIGN },
      },
    }),
    check: (r, input) =>
      expect(r).toMatchObject({
        phoneNumber: (input.body as { phoneNumber: string }).phoneNumber,
        displayName: 'Front desk',
        smsConfiguration: { servicePlanId: PLAN, campaignId: CAMPAIGN },
      }),
  },
  getImportedNumber: {
    arrange: async () => ({ path: { phoneNumber: await importOne() } }),
    check: (r, input) =>
      expect(r).toMatchObject({
        phoneNumber: input.path?.phoneNumber,
        smsProvisioning: { serviceType: 'SMS', serviceId: PLAN, type: 'PROVISIONING' },
      }),
  },
  updateImportedNumber: {
    arrange: async () => ({ path: { phoneNumber: await importOne() }, body: { displayName: 'Renamed' } }),
    check: async (r, input) => {
      expect(r).toMatchObject({ displayName: 'Renamed' });
      expect(await h.client.getImportedNumber(input.path?.phoneNumber ?? '')).toMatchObject({
        displayName: 'Renamed',
      });
    },
  },
  deleteImportedNumber: {
    arrange: async () => ({ path: { phoneNumber: await importOne() } }),
    check: async (r, input) => {
      expect(r).toEqual({});
      await expect(h.client.getImportedNumber(input.path?.phoneNumber ?? '')).rejects.toMatchObject({
        httpStatus: 404,
      });
    },
  },
  listHostingOrders: {
    arrange: async () => {
      await orderOf([freshNumber()]);
      return { query: { states: 'SUBMITTED', type: 'IMPORT', servicePlanId: PLAN, campaignId: CAMPAIGN } };
    },
    check: (r) =>
      expect(r).toMatchObject({ totalSize: 1, hostingOrders: [{ type: 'IMPORT', state: 'SUBMITTED' }] }),
  },
  getHostingOrder: {
    arrange: async () => ({ path: { hostingOrderId: await orderId([freshNumber()]) } }),
    check: (r, input) =>
      expect(r).toMatchObject({ hostingOrderId: input.path?.hostingOrderId, type: 'IMPORT' }),
  },
  getHostingOrderReport: {
    arrange: async () => ({
      path: { hostingOrderId: await orderId([freshNumber(), freshNumber()]) },
    }),
    check: (r) =>
      expect(r).toEqual({
        total: 2,
        osrUpdated: 0,
        smsProvisioned: 0,
        addedToCampaign: 0,
        ongoingManualAction: 0,
      }),
  },
  listHostingOrderNumbers: {
    arrange: async () => ({
      path: { hostingOrderId: await orderId([freshNumber(), freshNumber()]) },
    }),
    check: (r) => expect(r).toMatchObject({ totalSize: 2, nextPageToken: '' }),
  },
  getHostingOrderNumber: {
    arrange: async () => {
      const phone = freshNumber();
      return { path: { hostingOrderId: await orderId([phone]), phoneNumber: phone } };
    },
    check: (r, input) =>
      expect(r).toMatchObject({
        phoneNumber: input.path?.phoneNumber,
        platformProvisioning: { servicePlanId: PLAN, state: 'WAITING' },
      }),
  },
  importNumbersOrder: {
    arrange: async () => ({
      body: {
        regionCode: 'US',
        numbers: [freshNumber(), freshNumber()],
        servicePlanId: PLAN,
        migrateToSinchTmo: true,
      },
    }),
    check: (r) => expect(r).toMatchObject({ type: 'IMPORT', state: 'SUBMITTED', migrateToSinchTmo: true }),
  },
  textEnableNumbersOrder: {
    arrange: async () => ({ body: textEnableBody([await eligible(freshNumber())]) }),
    check: (r) =>
      expect(r).toMatchObject({
        type: 'TYPE_TEXT_ENABLE',
        state: 'SUBMITTED',
        textEnableInfo: { loaType: 'Direct', currentVoiceCarrier: 'Verizon' },
      }),
  },
  textEnableTollFreeNumbersOrder: {
    arrange: async () => ({ body: tollFreeBody([await eligible(tollFree())]) }),
    check: (r) => expect(r).toMatchObject({ type: 'TYPE_TEXT_ENABLE', state: 'SUBMITTED' }),
  },
  listQualifiedNumbers: {
    arrange: async () => {
      await h.client.addQualifiedNumbers({ phoneNumbers: [freshNumber(), freshNumber(), freshNumber()] });
      return {
        query: { states: ['GLOBAL_PROCESS_STATE_ELIGIBLE_CHECK_PENDING', 'GLOBAL_PROCESS_STATE_ELIGIBLE'] },
      };
    },
    check: (r) => expect(r).toMatchObject({ totalSize: 3 }),
  },
  getQualifiedNumber: {
    arrange: async () => ({ path: { phoneNumber: await eligible(freshNumber()) } }),
    check: (r) => expect(r).toMatchObject({ globalProcessState: 'GLOBAL_PROCESS_STATE_ELIGIBLE' }),
  },
  deleteQualifiedNumber: {
    arrange: async () => ({ path: { phoneNumber: await eligible(freshNumber()) } }),
    check: async (r, input) => {
      expect(r).toEqual({});
      await expect(h.client.getQualifiedNumber(input.path?.phoneNumber ?? '')).rejects.toMatchObject({
        httpStatus: 404,
      });
    },
  },
  addQualifiedNumbers: {
    arrange: async () => ({ body: { phoneNumbers: [freshNumber(), freshNumber()] } }),
    check: (r) =>
      expect(
        (r as { qualifiedNumbers: { globalProcessState: string }[] }).qualifiedNumbers.map(
          (q) => q.globalProcessState,
        ),
      ).toEqual([
        'GLOBAL_PROCESS_STATE_ELIGIBLE_CHECK_PENDING',
        'GLOBAL_PROCESS_STATE_ELIGIBLE_CHECK_PENDING',
      ]),
  },
  textEnableQualifiedNumbers: {
    arrange: async () => ({ body: textEnableBody([await eligible(freshNumber())]) }),
    check: async (r) => {
      const id = (r as { hostingOrderId: string }).hostingOrderId;
      expect(id).toMatch(/^[0-9a-z]{26}$/);
      expect(await h.client.getHostingOrder(id)).toMatchObject({ type: 'TYPE_TEXT_ENABLE' });
    },
  },
  textEnableTollFreeQualifiedNumbers: {
    arrange: async () => ({ body: tollFreeBody([await eligible(tollFree())]) }),
    check: (r) => expect(r).toMatchObject({ type: 'TYPE_TEXT_ENABLE' }),
  },
  sendVoiceChallenge: {
    arrange: async () => ({ path: { phoneNumber: await eligible(freshNumber(), true) } }),
    check: (r, input) => {
      expect(r).toMatchObject({ globalProcessState: 'GLOBAL_PROCESS_STATE_VERIFICATION_PENDING' });
      expect(h.sim.control.voiceCode(input.path?.phoneNumber ?? '')).toMatch(/^\d{4}$/);
    },
  },
  verifyVoiceChallenge: {
    arrange: async () => {
      const phone = await eligible(freshNumber(), true);
      await h.client.sendVoiceChallenge(phone);
      return { path: { phoneNumber: phone }, body: { code: h.sim.control.voiceCode(phone) ?? '' } };
    },
    check: (r) => expect(r).toMatchObject({ globalProcessState: 'GLOBAL_PROCESS_STATE_VERIFIED' }),
  },
  getCallbackConfiguration: {
    arrange: async () => ({}),
    check: (r) => expect(r).toMatchObject({ projectId: h.sim.project.projectId }),
  },
  updateCallbackConfiguration: {
    arrange: async () => ({ body: { hmacSecret: 'fake-hmac-secret-0000' } }),
    check: async (r) => {
      expect(r).toMatchObject({ hmacSecret: 'fake-hmac-secret-0000' });
      expect(await h.client.getCallbackConfiguration()).toMatchObject({
        hmacSecret: 'fake-hmac-secret-0000',
      });
    },
  },
};

describe('every operation succeeds through the client, every response conforms', () => {
  it('covers the 23 operations of sinchOperations', () => {
    expect(Object.keys(success).sort()).toEqual([...SINCH_OPERATION_NAMES].sort());
    expect(SINCH_OPERATION_NAMES).toHaveLength(23);
  });

  it.each(SINCH_OPERATION_NAMES.map((n) => [n] as const))('%s', async (name) => {
    const c = success[name];
    const input = await c.arrange();
    const before = h.exchanges.length;
    const result = await h.client.call(name, input);
    await c.check(result, input);
    // the operation itself went over the wire and got a 200
    const own = h.exchanges.slice(before).find((e) => !e.url.pathname.endsWith('/oauth2/token'));
    expect(own?.status).toBe(200);
  });
});

/** Runs the call and returns the API error it must fail with. */
async function apiError(p: Promise<unknown>): Promise<SinchApiError> {
  const e = await p.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(e instanceof SinchApiError)) throw new Error(`expected a SinchApiError, got ${String(e)}`);
  return e;
}

describe('documented errors', () => {
  it('400 with field violations (the spec example: invalid servicePlanId)', async () => {
    const e = await apiError(
      h.client.importNumber({
        phoneNumber: freshNumber(),
        regionCode: 'US',
        smsConfiguration: { servicePlanId: 'not a plan!' },
      }),
    );
    expect(e).toMatchObject({
      httpStatus: 400,
      apiStatus: 'INVALID_ARGUMENT',
      apiCode: '400',
      shape: 'flat',
    });
    expect(e.fieldViolations.map((f) => f.field)).toEqual(['smsConfiguration.servicePlanId']);
  });

  it('404 on every lookup operation', async () => {
    const missing = freshNumber();
    const order = '01arz3nhyrtsv4rrffq69g5fav';
    const calls: (() => Promise<unknown>)[] = [
      () => h.client.getImportedNumber(missing),
      () => h.client.updateImportedNumber(missing, { displayName: 'x' }),
      () => h.client.deleteImportedNumber(missing),
      () => h.client.getHostingOrder(order),
      () => h.client.getHostingOrderReport(order),
      () => h.client.listHostingOrderNumbers(order),
      () => h.client.getHostingOrderNumber(order, missing),
      () => h.client.getQualifiedNumber(missing),
      () => h.client.deleteQualifiedNumber(missing),
      () => h.client.sendVoiceChallenge(missing),
      () => h.client.verifyVoiceChallenge(missing, { code: '1234' }),
      () => h.client.textEnableQualifiedNumbers(textEnableBody([missing])),
    ];
    for (const call of calls) {
      expect(await apiError(call())).toMatchObject({
        httpStatus: 404,
        apiStatus: 'NOT_FOUND',
        shape: 'flat',
      });
    }
  });

  it('409 on a repeated import, a repeated order number, a repeated qualification', async () => {
    const phone = await importOne();
    expect(
      await apiError(
        h.client.importNumber({
          phoneNumber: phone,
          regionCode: 'US',
          smsConfiguration: { servicePlanId: PLAN },
        }),
      ),
    ).toMatchObject({ httpStatus: 409, shape: 'flat' });
    expect(await apiError(orderOf([phone]))).toMatchObject({ httpStatus: 409 });
    const q = freshNumber();
    await h.client.addQualifiedNumbers({ phoneNumbers: [q] });
    expect(await apiError(h.client.addQualifiedNumbers({ phoneNumbers: [q] }))).toMatchObject({
      httpStatus: 409,
    });
    // nothing was created twice: the simulator's own log holds one ACCEPTED request for the number
    expect(h.sim.control.createRequests(phone).filter((r) => r.outcome === 'ACCEPTED')).toHaveLength(1);
  });

  it('a toll-free number on a standard endpoint, and a standard number on the toll-free one', async () => {
    const tf = await eligible(tollFree());
    const e = await apiError(h.client.textEnableNumbersOrder(textEnableBody([tf])));
    expect(e).toMatchObject({ httpStatus: 400, apiStatus: 'INVALID_ARGUMENT' });
    expect(e.fieldViolations.map((f) => f.field)).toEqual(['numbers[0]']);
    const imported = await apiError(
      h.client.importNumber({
        phoneNumber: tollFree(),
        regionCode: 'US',
        smsConfiguration: { servicePlanId: PLAN },
      }),
    );
    expect(imported.fieldViolations.map((f) => f.field)).toEqual(['phoneNumber']);
    const std = await eligible(freshNumber());
    const wrongWay = await apiError(h.client.textEnableTollFreeNumbersOrder(tollFreeBody([std])));
    expect(wrongWay.fieldViolations.map((f) => f.field)).toEqual(['numbers[0]']);
  });

  it('more than 5 numbers in an import order (§5.2 (11)), and exactly 5 is fine', async () => {
    const six = Array.from({ length: 6 }, () => freshNumber());
    const e = await apiError(orderOf(six));
    expect(e).toMatchObject({ httpStatus: 400, apiStatus: 'INVALID_ARGUMENT' });
    expect(e.fieldViolations.map((f) => f.field)).toEqual(['numbers']);
    await expect(orderOf(six.slice(0, 5))).resolves.toMatchObject({ state: 'SUBMITTED' });
  });

  it('more than 500 numbers to text-enable: the client refuses to send, the simulator answers 400', async () => {
    const many = Array.from({ length: 501 }, (_, i) => `+1303555${String(i).padStart(4, '0')}`);
    const sent = h.exchanges.length;
    await expect(h.client.textEnableQualifiedNumbers(textEnableBody(many))).rejects.toBeInstanceOf(
      SinchInputError,
    );
    expect(h.exchanges.length).toBe(sent);
    const res = await h.raw('POST', '/qualifiedNumbers:textEnableNumbers', textEnableBody(many));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('"field":"numbers"');
  });

  it('two LOA objects: refused by the client, 400 from the simulator', async () => {
    const phone = await eligible(freshNumber());
    const body = { ...textEnableBody([phone]), blanketLoaInfo: {} };
    await expect(h.client.textEnableNumbersOrder(body)).rejects.toBeInstanceOf(SinchInputError);
    const res = await h.raw('POST', '/hostingOrders:textEnableNumbers', body);
    expect(res.status).toBe(400);
    expect(await h.client.getQualifiedNumber(phone)).toMatchObject({
      globalProcessState: 'GLOBAL_PROCESS_STATE_ELIGIBLE',
    });
  });

  it('relink without unlink is 400; unlink then relink succeeds (§5.1 (4))', async () => {
    const phone = await importOne();
    const e = await apiError(
      h.client.updateImportedNumber(phone, { smsConfiguration: { servicePlanId: 'otherPlan0001' } }),
    );
    expect(e.fieldViolations.map((f) => f.field)).toEqual(['smsConfiguration.servicePlanId']);
    await h.client.updateImportedNumber(phone, { smsConfiguration: { servicePlanId: '', campaignId: '' } });
    h.sim.control.advance(30 * MINUTE);
    await expect(
      h.client.updateImportedNumber(phone, { smsConfiguration: { servicePlanId: 'otherPlan0001' } }),
    ).resolves.toMatchObject({ smsConfiguration: { servicePlanId: 'otherPlan0001' } });
  });

  it('lists without their required parameters: refused by the client, 400 from the simulator (§9 #6)', async () => {
    await expect(h.client.call('listHostingOrders', { query: { type: 'IMPORT' } })).rejects.toBeInstanceOf(
      SinchInputError,
    );
    await expect(h.client.call('listQualifiedNumbers', { query: {} })).rejects.toBeInstanceOf(
      SinchInputError,
    );
    await expect(h.client.call('listImportedNumbers', { query: {} })).rejects.toBeInstanceOf(SinchInputError);
    const orders = await h.raw('GET', '/hostingOrders?type=IMPORT');
    expect(orders.status).toBe(400);
    const fields = (orders.body as { details: { fieldViolations: { field: string }[] }[] }).details.flatMap(
      (d) => d.fieldViolations.map((f) => f.field),
    );
    expect(fields.sort()).toEqual(['campaignId', 'servicePlanId', 'states']);
    expect((await h.raw('GET', '/qualifiedNumbers')).status).toBe(400);
    expect((await h.raw('GET', '/importedNumbers')).status).toBe(400);
  });

  it('a bad pageToken is 400 (§3.4)', async () => {
    const res = await h.raw(
      'GET',
      `/importedNumbers?servicePlanId=${PLAN}&campaignId=${CAMPAIGN}&pageToken=bogus`,
    );
    expect(res.status).toBe(400);
  });

  it('callbackConfiguration errors use the wrapped shape (§3.5 (b))', async () => {
    const res = await h.raw('PATCH', '/callbackConfiguration', { hmacSecret: 42 });
    expect(res).toMatchObject({ status: 400, body: { error: { code: 400, status: 'INVALID_ARGUMENT' } } });
  });

  it('gateway errors: bad credentials 401, another project 403 (§2.3)', async () => {
    const wrongKey = `Basic ${Buffer.from('nobody:fake-wrong-secret').toString('base64')}`;
    const denied = await h.raw('GET', '/callbackConfiguration', undefined, { authorization: wrongKey });
    expect(denied).toMatchObject({ status: 401, body: { title: 'Invalid credentials' } });
    const other = await h.raw('GET', '/callbackConfiguration', undefined, {
      projectId: '00000000-0000-4000-8000-000000000000',
    });
    expect(other).toMatchObject({ status: 403 });
  });
});

describe('every request example of openapi.yaml, sent by the client, is accepted by the simulator', () => {
  const requestExamples = listSpecExamples().filter((e) => e.kind === 'request');

  it.each(requestExamples.map((e) => [`${e.operationId} ${e.name}`, e] as const))(
    '%s',
    async (_label, ex) => {
      const op = operationById(ex.operationId);
      if (!op) throw new Error(`no operation ${ex.operationId}`);
      const body = ex.value as Record<string, unknown>;
      let path: CallInput['path'];
      if (op.name === 'updateImportedNumber') {
        // The examples unlink, or link a number that was unlinked before (§5.1 (4)).
        const phone = await importOne();
        if (ex.name === 'LinkNumber') {
          await h.client.updateImportedNumber(phone, {
            smsConfiguration: { servicePlanId: '', campaignId: '' },
          });
        }
        path = { phoneNumber: phone };
      }
      if (/textEnable/i.test(op.name)) {
        for (const n of body.numbers as string[]) await eligible(n);
      }
      const result = await h.client.call(op.name, { path, body });
      expect(result).toBeTypeOf('object');
      const last = h.exchanges.at(-1);
      expect([last?.method, last?.status]).toEqual([op.method, 200]);
    },
  );
});
