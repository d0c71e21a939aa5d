/**
 * `shared/sinch` against Sinch's OpenAPI document: the operations table matches the spec operation by
 * operation, and every request and response example in openapi.yaml parses with the table's schemas
 * (with the §9 defects handled as REFERENCE.md says).
 *
 * The last block ("request schemas reject…") was written by the shared/sinch author (H3) and kept as is.
 */
import {
  flatErrorBody,
  hostingOrder,
  hostingOrderLoaInfo,
  normalizeLoaType,
  type SinchOperation,
  sinchOperations,
  textEnableTollFreeNumbersRequest,
  wrappedErrorBody,
} from '../../shared/sinch';
import { describe, expect, it } from 'vitest';
import { checkResponse, listOperations, listSpecExamples } from '../support/openapi-checker';

const table: [string, SinchOperation][] = Object.entries(sinchOperations);
const byOperationId = (id: string) => {
  const row = table.find(([, op]) => op.operationId === id);
  if (!row) throw new Error(`sinchOperations has no row for ${id}`);
  return row[1];
};

describe('sinchOperations matches openapi.yaml', () => {
  it('has one row per spec operation, no more, no less', () => {
    expect(table.map(([, op]) => op.operationId).sort()).toEqual(
      listOperations()
        .map((o) => o.operationId)
        .sort(),
    );
    expect(table.map(([, op]) => op.index).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 23 }, (_, i) => i + 1),
    );
  });

  it.each(listOperations().map((o) => [o.operationId, o] as const))(
    '%s: method, path, params, body',
    (_id, spec) => {
      const op = byOperationId(spec.operationId);
      expect(op.method).toBe(spec.method);
      expect(op.path).toBe(spec.path);
      const pathParams = [...spec.path.matchAll(/\{([^}]+)\}/g)]
        .map((m) => m[1])
        .filter((n) => n !== 'projectId');
      expect([...op.pathParams]).toEqual(pathParams);
      expect(op.body !== undefined).toBe(spec.hasRequestBody);
      // Query: the table's schema is strict, so an empty object fails iff the spec requires a parameter.
      if (spec.query.length === 0) {
        expect(op.query).toBeUndefined();
      } else {
        const q = op.query;
        if (!q) throw new Error('query schema missing');
        expect(q.safeParse({}).success).toBe(!spec.query.some((p) => p.required));
        expect(q.safeParse({ notASpecParameter: 'x' }).success).toBe(false);
      }
    },
  );

  it.each(listOperations().map((o) => [o.operationId] as const))(
    '%s: error shape is the one the spec declares (§3.5)',
    (id) => {
      const flat = { code: '500', message: 'boom', status: 'INTERNAL' };
      const wrapped = { error: { code: 500, message: 'boom', status: 'INTERNAL' } };
      const specShape = checkResponse({ operationId: id, status: 500, body: flat }).ok
        ? 'flat'
        : checkResponse({ operationId: id, status: 500, body: wrapped }).ok
          ? 'wrapped'
          : 'neither';
      expect(byOperationId(id).errorShape).toBe(specShape);
    },
  );
});

describe('every openapi.yaml example parses with shared/sinch', () => {
  const examples = listSpecExamples();

  it.each(
    examples.filter((e) => e.kind === 'request').map((e) => [`${e.operationId} ${e.name}`, e] as const),
  )('request %s', (_label, ex) => {
    const body = byOperationId(ex.operationId).body;
    if (!body) throw new Error('no body schema');
    const parsed = body.safeParse(ex.value);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it.each(
    examples
      .filter((e) => e.kind === 'response')
      .map((e) => [`${e.operationId} ${e.status} ${e.name}`, e] as const),
  )('response %s', (_label, ex) => {
    const op = byOperationId(ex.operationId);
    const schema =
      ex.status === 200 ? op.response : op.errorShape === 'flat' ? flatErrorBody : wrappedErrorBody;
    const parsed = schema.safeParse(ex.value);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('§9 #2: the LOA block of the examples is found under hostingOrderInfo, loaType DIRECT reads as Direct', () => {
    const ex = examples.find(
      (e) => e.operationId === 'HostingOrderService_GetHostingOrder' && e.kind === 'response',
    );
    const order = hostingOrder.parse(ex?.value);
    const loa = hostingOrderLoaInfo(order);
    expect(loa?.currentVoiceCarrier).toBe('Verizon');
    expect(loa?.authorisedPerson?.email).toBe('email@domain.com');
    expect(normalizeLoaType(loa?.loaType)).toBe('Direct');
  });

  it('§9 #4: the toll-free example (fields nested in directLoaInfo) parses; the nested copies are dropped', () => {
    const ex = examples.find((e) => e.operationId === 'TextEnableTollFreeNumbers' && e.kind === 'request');
    const parsed = textEnableTollFreeNumbersRequest.parse(ex?.value);
    expect(parsed.numbers).toEqual(['+18335870229', '+18339460473']);
    expect(parsed.directLoaInfo?.currentVoiceCarrier).toBe('Verizon');
    expect(parsed.directLoaInfo).not.toHaveProperty('scheduledZipwhipProvisioningTime');
  });

  it('the request schemas refuse what the API refuses: two LOA objects, a TF blanket LOA, a misspelt key', () => {
    const ex = examples.find((e) => e.operationId === 'TextEnableNumbers' && e.name === 'textEnableNumbers');
    const base = ex?.value as Record<string, unknown>;
    const textEnable = byOperationId('TextEnableNumbers').body;
    expect(textEnable?.safeParse({ ...base, blanketLoaInfo: {} }).success).toBe(false);
    expect(textEnable?.safeParse({ ...base, authorizedPerson: {} }).success).toBe(false);
    const tf = byOperationId('TextEnableTollFreeNumbers').body;
    const { directLoaInfo: _d, campaignId: _c, scheduledOsrUpdateTime: _s, ...tfBase } = base;
    expect(tf?.safeParse({ ...tfBase, blanketLoaInfo: {} }).success).toBe(false);
  });
});

describe('request schemas reject what the reference forbids', () => {
  const loa = {
    authorisedPerson: { firstName: 'Jane', lastName: 'Roe', email: 'jane@example.com' },
    address: {
      buildingNumber: '1',
      street: 'Main St',
      city: 'X',
      state: 'IL',
      postalCode: '01002',
      country: 'US',
    },
    currentVoiceCarrier: 'Verizon',
  };
  const base = { regionCode: 'US', numbers: ['+12025550134'], servicePlanId: 'plan' };

  it('text-enable needs exactly one LOA object', () => {
    const body = sinchOperations.textEnableNumbersOrder.body;
    expect(body.safeParse({ ...base, directLoaInfo: loa }).success).toBe(true);
    expect(body.safeParse({ ...base, blanketLoaInfo: {} }).success).toBe(true);
    expect(body.safeParse(base).success).toBe(false);
    expect(body.safeParse({ ...base, directLoaInfo: loa, blanketLoaInfo: {} }).success).toBe(false);
  });

  it('toll-free text-enable takes no blanket LOA and no campaign', () => {
    const body = sinchOperations.textEnableTollFreeNumbersOrder.body;
    expect(body.safeParse({ ...base, resellerLoaInfo: { ...loa, businessName: 'Acme' } }).success).toBe(true);
    expect(body.safeParse({ ...base, blanketLoaInfo: {} }).success).toBe(false);
    expect(body.safeParse({ ...base, directLoaInfo: loa, campaignId: 'C3O8OGA' }).success).toBe(false);
  });

  it('list hosting orders needs all four filters; list qualified numbers needs states', () => {
    const q = sinchOperations.listHostingOrders.query;
    const full = { states: 'SUBMITTED', type: 'IMPORT', servicePlanId: 'p', campaignId: 'c' };
    expect(q.safeParse(full).success).toBe(true);
    expect(q.safeParse({ ...full, states: ['SUBMITTED', 'IN_PROGRESS'] }).success).toBe(true);
    for (const key of ['states', 'type', 'servicePlanId', 'campaignId'] as const) {
      const { [key]: _, ...rest } = full;
      expect(q.safeParse(rest).success, key).toBe(false);
    }
    expect(sinchOperations.listQualifiedNumbers.query.safeParse({}).success).toBe(false);
    expect(
      sinchOperations.listQualifiedNumbers.query.safeParse({ states: 'GLOBAL_PROCESS_STATE_VERIFIED' })
        .success,
    ).toBe(true);
  });

  it('phone numbers must be +1 and ten digits, region US or CA', () => {
    const body = sinchOperations.importNumber.body;
    const ok = { phoneNumber: '+12025550134', regionCode: 'US', smsConfiguration: { servicePlanId: 'p' } };
    expect(body.safeParse(ok).success).toBe(true);
    expect(body.safeParse({ ...ok, phoneNumber: '12025550134' }).success).toBe(false);
    expect(body.safeParse({ ...ok, phoneNumber: '+4420255501' }).success).toBe(false);
    expect(body.safeParse({ ...ok, regionCode: 'GB' }).success).toBe(false);
  });

  it('an empty PATCH body is refused', () => {
    expect(sinchOperations.updateImportedNumber.body.safeParse({}).success).toBe(false);
    expect(sinchOperations.updateImportedNumber.body.safeParse({ displayName: 'x' }).success).toBe(true);
  });
});
