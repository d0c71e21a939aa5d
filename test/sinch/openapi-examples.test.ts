import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  flatErrorBody,
  hostingOrderLoaInfo,
  hostingOrder as hostingOrderSchema,
  normalizeLoaType,
  operationById,
  SINCH_OPERATION_NAMES,
  sinchOperations,
} from '../../shared/sinch';

/**
 * Every request and response example of Sinch's own OpenAPI document must parse with our schemas
 * (the schemas were written from REFERENCE.md; the examples are an independent check). The document
 * lives next to the repository in `../shared/sinch-api/` (read-only team folder).
 */
const specPath =
  process.env.SINCH_OPENAPI ?? resolve(import.meta.dirname, '../../../shared/sinch-api/openapi.yaml');
const haveSpec = existsSync(specPath);

type Json = Record<string, unknown>;
const asObj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});

describe.skipIf(!haveSpec)('openapi.yaml examples parse with shared/sinch', () => {
  const spec = haveSpec ? asObj(parse(readFileSync(specPath, 'utf8'))) : {};
  const components = asObj(spec.components);
  const deref = (node: unknown): Json => {
    const o = asObj(node);
    const ref = o.$ref;
    if (typeof ref !== 'string') return o;
    const [, , section, name] = ref.split('/');
    return deref(asObj(components[section ?? ''])[name ?? '']);
  };
  const examplesOf = (media: Json): unknown[] => {
    const out: unknown[] = [];
    if ('example' in media) out.push(media.example);
    const schema = asObj(media.schema);
    if ('example' in schema && !('$ref' in schema)) out.push(schema.example);
    for (const ex of Object.values(asObj(media.examples))) out.push(deref(ex).value);
    return out;
  };

  const ops: { method: string; path: string; op: Json }[] = [];
  for (const [path, item] of Object.entries(asObj(spec.paths))) {
    for (const [method, op] of Object.entries(asObj(item))) ops.push({ method, path, op: asObj(op) });
  }

  it('the table covers exactly the 23 operations of the spec, with matching method and path', () => {
    expect(ops).toHaveLength(23);
    expect(SINCH_OPERATION_NAMES).toHaveLength(23);
    for (const { method, path, op } of ops) {
      const ours = operationById(String(op.operationId));
      expect(ours, String(op.operationId)).toBeDefined();
      expect(ours?.method).toBe(method.toUpperCase());
      expect(ours?.path).toBe(path);
      const pathParams = (Array.isArray(op.parameters) ? op.parameters : [])
        .map(deref)
        .filter((p) => p.in === 'path' && p.name !== 'projectId')
        .map((p) => p.name);
      expect([...(ours?.pathParams ?? [])].sort()).toEqual(pathParams.sort());
      const hasBody = op.requestBody !== undefined;
      expect(ours?.body !== undefined, `${ours?.name} body`).toBe(hasBody);
    }
  });

  it('every request example parses with the operation body schema', () => {
    let count = 0;
    for (const { op } of ops) {
      const ours = operationById(String(op.operationId));
      const media = asObj(asObj(deref(op.requestBody).content)['application/json']);
      for (const example of examplesOf(media)) {
        const result = ours?.body?.safeParse(example);
        expect(result?.success, `${op.operationId}: ${JSON.stringify(result?.error?.issues)}`).toBe(true);
        count++;
      }
    }
    // import(1) + update(2) + hostingOrders:textEnable(2) + TF(1) + qualified textEnable(2) + qualified TF(1)
    // + hostingOrders:importNumbers(1), counted by hand from openapi.yaml
    expect(count).toBe(10);
  });

  it('every response example parses with the declared schema (200 → response, errors → flat shape)', () => {
    let ok = 0;
    let errors = 0;
    for (const { op } of ops) {
      const ours = operationById(String(op.operationId));
      for (const [status, response] of Object.entries(asObj(op.responses))) {
        const media = asObj(asObj(deref(response).content)['application/json']);
        for (const example of examplesOf(media)) {
          const schema = status === '200' ? ours?.response : flatErrorBody;
          const result = schema?.safeParse(example);
          expect(
            result?.success,
            `${op.operationId} ${status}: ${JSON.stringify(result?.error?.issues)}`,
          ).toBe(true);
          if (status === '200') ok++;
          else errors++;
        }
      }
    }
    // getHostingOrder inline example (1), report (1), importNumbers (1), two HostingOrderResponse examples
    // on each of the 3 ops that use it (6); invalidServicePlanId on the 400 of the 3 ops that share
    // TextEnableNumbers_InvalidArgumentResponse (3)
    expect(ok).toBe(9);
    expect(errors).toBe(3);
  });

  it('reads the LOA block under either name and loaType in either case (§9 #2)', () => {
    const media = asObj(
      asObj(deref(asObj(components.responses).HostingOrderResponse).content)['application/json'],
    );
    const [textEnableExample] = examplesOf(media);
    const order = hostingOrderSchema.parse(textEnableExample);
    expect(hostingOrderLoaInfo(order)?.businessName).toBe('Sinch AB');
    expect(normalizeLoaType(hostingOrderLoaInfo(order)?.loaType)).toBe('Direct');
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
