/**
 * Strict conformance checker: does a response (or request, or callback) look exactly like what
 * Sinch's OpenAPI document (`../shared/sinch-api/openapi.yaml`) declares for that operation and
 * status, as read through our REFERENCE.md?
 *
 * "Strict" means: no property the spec does not declare for that schema, right JSON types,
 * enum values from the spec, formats (date-time, int32), the error shape the spec declares for that
 * operation (flat vs wrapped, §3.5), gateway problem JSON for 401/403/429 (§2.3, §3.6), and the
 * fields REFERENCE.md says are always present (ALWAYS_PRESENT below). The only deviations accepted are
 * the ones REFERENCE.md §9 names, each listed in SPEC_ALLOWANCES with its row.
 *
 * Test support only (Node): it reads the spec from disk with the `yaml` package.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

/** The repository root; the spec sits beside the clone (CI places `shared/` next to it). */
export const repoRoot = resolve(import.meta.dirname, '../..');
export const specPath = resolve(repoRoot, '../shared/sinch-api/openapi.yaml');

/**
 * Who produced the JSON being checked. The §9 handling differs per producer: the spec's own
 * examples carry the documented defects, the live API may carry them, and our simulator must follow
 * the "Simulator:" column of §9 (e.g. emit `textEnableInfo`, never `hostingOrderInfo`).
 */
export type Emitter = 'simulator' | 'live' | 'example';
const ALL_EMITTERS: readonly Emitter[] = ['simulator', 'live', 'example'];

export interface CheckOptions {
  /** default `simulator`, the strictest */
  emitter?: Emitter;
}

// ───────────────────────────── spec loading ─────────────────────────────

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  readOnly?: boolean;
  'x-enumDescriptions'?: Record<string, string>;
}
interface MediaType {
  schema?: Schema;
  example?: unknown;
  examples?: Record<string, { $ref?: string; value?: unknown; summary?: string }>;
}
interface ResponseObject {
  $ref?: string;
  description?: string;
  content?: Record<string, MediaType>;
}
interface RequestBodyObject {
  $ref?: string;
  required?: boolean;
  content?: Record<string, MediaType>;
}
interface ParameterObject {
  $ref?: string;
  name: string;
  in: string;
  required?: boolean;
}
interface OperationObject {
  operationId: string;
  parameters?: ParameterObject[];
  requestBody?: RequestBodyObject;
  responses: Record<string, ResponseObject>;
}
interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, OperationObject>>;
  components: Record<string, Record<string, unknown>>;
  'x-webhooks'?: Record<string, Record<string, OperationObject>>;
}

export interface SpecOperation {
  operationId: string;
  method: string;
  /** full path template, e.g. `/v1/projects/{projectId}/qualifiedNumbers/{phoneNumber}:sendVoiceChallenge` */
  path: string;
  /** statuses the spec declares, as strings ('200', '404', …) */
  statuses: string[];
  hasRequestBody: boolean;
  /** query parameters with the spec's `required` flag */
  query: { name: string; required: boolean }[];
}

let cachedSpec: OpenApiDoc | undefined;
export function loadSpec(): OpenApiDoc {
  if (cachedSpec) return cachedSpec;
  const doc: unknown = parse(readFileSync(specPath, 'utf8'));
  if (typeof doc !== 'object' || doc === null || !('openapi' in doc) || !('paths' in doc)) {
    throw new Error(`${specPath} is not an OpenAPI document`);
  }
  cachedSpec = doc as OpenApiDoc;
  return cachedSpec;
}

/** Follows a local JSON pointer such as `#/components/schemas/HostingOrder`. */
function deref<T>(ref: string): T {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported: ${ref}`);
  let node: unknown = loadSpec();
  for (const part of ref.slice(2).split('/')) {
    if (typeof node !== 'object' || node === null) throw new Error(`dangling $ref ${ref}`);
    node = (node as Record<string, unknown>)[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  if (node === undefined) throw new Error(`dangling $ref ${ref}`);
  return node as T;
}
const refName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);
const follow = <T extends { $ref?: string }>(node: T): T => (node.$ref ? follow(deref<T>(node.$ref)) : node);

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

let cachedOps: SpecOperation[] | undefined;
/** The operations of the spec (23 for this API), in document order. */
export function listOperations(): SpecOperation[] {
  if (cachedOps) return cachedOps;
  const ops: SpecOperation[] = [];
  for (const [path, item] of Object.entries(loadSpec().paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      ops.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        statuses: Object.keys(op.responses),
        hasRequestBody: op.requestBody !== undefined,
        query: (op.parameters ?? [])
          .map((p) => follow(p))
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, required: p.required === true })),
      });
    }
  }
  cachedOps = ops;
  return ops;
}

function operationObject(operationId: string): { op: OperationObject; spec: SpecOperation } {
  const spec = listOperations().find((o) => o.operationId === operationId);
  if (!spec) throw new Error(`unknown operationId ${operationId}`);
  const op = loadSpec().paths[spec.path]?.[spec.method.toLowerCase()];
  if (!op) throw new Error(`operation ${operationId} vanished`);
  return { op, spec };
}

/**
 * Which operation a concrete request path belongs to. Path parameters never contain `/` or `:`
 * (a `:` starts a custom method, §1), so `/qualifiedNumbers/{n}` and `/qualifiedNumbers/{n}:sendVoiceChallenge`
 * cannot be confused. The phone number may arrive as `+1…` or `%2B1…` (§3.1).
 */
export function findOperation(
  method: string,
  urlPath: string,
): { operationId: string; params: Record<string, string> } | undefined {
  const pathOnly = urlPath.split('?')[0] ?? urlPath;
  for (const op of listOperations()) {
    if (op.method !== method.toUpperCase()) continue;
    const names: string[] = [];
    const pattern = op.path
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const m = /^\{([^}]+)\}$/.exec(part);
        if (m?.[1]) {
          names.push(m[1]);
          return '([^/:]+)';
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('');
    const match = new RegExp(`^${pattern}$`).exec(pathOnly);
    if (!match) continue;
    const params: Record<string, string> = {};
    names.forEach((name, i) => {
      params[name] = decodeURIComponent(match[i + 1] ?? '');
    });
    return { operationId: op.operationId, params };
  }
  return undefined;
}

// ─────────────────────── §9 allowances and "always present" ───────────────────────

/**
 * Every deviation from the spec's schemas that the checker accepts, each tied to the REFERENCE.md row
 * that names it. Node names: a component schema's name (`HostingOrder`), an inline property
 * `Owner.property`, array items `Owner.property[]`.
 */
export type SpecAllowance =
  | {
      id: string;
      ref: string;
      why: string;
      emitters: readonly Emitter[];
      kind: 'extra-property';
      node: string;
      property: string;
      /** schema the extra property must itself satisfy */
      schema: Schema;
    }
  | {
      id: string;
      ref: string;
      why: string;
      emitters: readonly Emitter[];
      kind: 'extra-enum';
      node: string;
      values: unknown[];
    }
  | {
      id: string;
      ref: string;
      why: string;
      emitters: readonly Emitter[];
      kind: 'string-for-integer';
      node: string;
    }
  | {
      id: string;
      ref: string;
      why: string;
      emitters: readonly Emitter[];
      kind: 'not-required';
      node: string;
      property: string;
    };

export const SPEC_ALLOWANCES: readonly SpecAllowance[] = [
  {
    id: 'flat-error-details',
    ref: '§9 #1, §3.5',
    why: 'the flat ErrorResponse schema lacks `details`, yet the spec’s own validation example carries BadRequest field violations, and §3.5 tells the simulator to send them',
    emitters: ALL_EMITTERS,
    kind: 'extra-property',
    node: 'ErrorResponse',
    property: 'details',
    schema: { type: 'array', items: { $ref: '#/components/schemas/BadRequest' } },
  },
  {
    id: 'hosting-order-info',
    ref: '§9 #2, §6.5',
    why: 'both hosting-order examples put the LOA data under `hostingOrderInfo`; the schema calls it `textEnableInfo`. The simulator must emit `textEnableInfo`',
    emitters: ['example', 'live'],
    kind: 'extra-property',
    node: 'HostingOrder',
    property: 'hostingOrderInfo',
    schema: { $ref: '#/components/schemas/TextEnableInfo' },
  },
  {
    id: 'loa-type-upper-case',
    ref: '§9 #2, §6.7',
    why: 'examples send `loaType: DIRECT`; the enum says `Direct`/`Reseller`. The simulator must emit the enum form',
    emitters: ['example', 'live'],
    kind: 'extra-enum',
    node: 'TextEnableInfo.loaType',
    values: ['DIRECT', 'RESELLER'],
  },
  {
    id: 'scheduled-provisioning-status-string',
    ref: '§9 #5, §6.3',
    why: 'typed integer with `format: enum`; the sister Numbers API uses string names. §9 says the simulator emits integers but §6.3 says strings — both are accepted until the REFERENCE settles it',
    emitters: ALL_EMITTERS,
    kind: 'string-for-integer',
    node: 'ScheduledProvisioning.status',
  },
  {
    id: 'scheduled-provisioning-error-codes-string',
    ref: '§9 #5, §6.3',
    why: 'same as the status: integer per spec, string names in the Numbers family',
    emitters: ALL_EMITTERS,
    kind: 'string-for-integer',
    node: 'ScheduledProvisioning.errorCodes[]',
  },
  {
    id: 'hosted-number-status-string',
    ref: '§9 #5, §6.13',
    why: '`hostedNumber.status` is an integer enum 0|1|2 whose names are HOSTING_STATUS_*; int vs name on the wire is unconfirmed',
    emitters: ['example', 'live'],
    kind: 'string-for-integer',
    node: 'QualifiedNumber_HostedNumberDetails.status',
  },
  {
    id: 'number-import-field',
    ref: '§9 #10',
    why: 'the import-order response example carries an undocumented `numberImport: "{}"`',
    emitters: ['example', 'live'],
    kind: 'extra-property',
    node: 'ImportHostingOrder',
    property: 'numberImport',
    schema: { type: 'string' },
  },
  {
    id: 'number-import-field-on-hosting-order',
    ref: '§9 #10',
    why: 'the same example is also listed under the generic HostingOrderResponse',
    emitters: ['example', 'live'],
    kind: 'extra-property',
    node: 'HostingOrder',
    property: 'numberImport',
    schema: { type: 'string' },
  },
  {
    id: 'migrate-to-sinch-tmo-sent',
    ref: '§9 #3, §3.3',
    why: 'readOnly in TextEnableNumbersRequest yet every text-enable example sends it; the client may send it',
    emitters: ALL_EMITTERS,
    kind: 'extra-property',
    node: 'TextEnableNumbersRequest',
    property: 'migrateToSinchTmo',
    schema: { type: 'boolean' },
  },
  {
    id: 'migrate-to-sinch-tmo-in-sms-configuration',
    ref: '§9 #3',
    why: 'readOnly in SmsConfiguration, yet the import-number example sends it',
    emitters: ALL_EMITTERS,
    kind: 'extra-property',
    node: 'SmsConfiguration',
    property: 'migrateToSinchTmo',
    schema: { type: 'boolean' },
  },
  {
    id: 'toll-free-example-nesting',
    ref: '§9 #4, §6.10',
    why: 'the toll-free example nests `scheduledZipwhipProvisioningTime` in `directLoaInfo` (simulator accepts both positions)',
    emitters: ['example', 'live'],
    kind: 'extra-property',
    node: 'DirectLoaInfo',
    property: 'scheduledZipwhipProvisioningTime',
    schema: { type: 'string' },
  },
  {
    id: 'toll-free-example-nesting-tmo',
    ref: '§9 #4, §9 #3',
    why: 'the toll-free example nests `migrateToSinchTmo` in `directLoaInfo`',
    emitters: ['example', 'live'],
    kind: 'extra-property',
    node: 'DirectLoaInfo',
    property: 'migrateToSinchTmo',
    schema: { type: 'boolean' },
  },
  {
    id: 'toll-free-project-id-optional',
    ref: '§9 #8',
    why: '`projectId` is "required" in the toll-free common body although the path carries it; not enforced',
    emitters: ALL_EMITTERS,
    kind: 'not-required',
    node: 'TextEnableTollFreeNumbersLoaInfoCommon',
    property: 'projectId',
  },
];

/**
 * Fields REFERENCE.md says are always present in a response, beyond the spec's (mostly empty)
 * `required` lists. Applied to responses and callbacks, not to requests.
 */
export interface AlwaysPresent {
  node: string;
  fields: readonly string[];
  ref: string;
  emitters: readonly Emitter[];
}
const LIST_ENVELOPE_REF =
  '§3.4 (the envelope always has nextPageToken and totalSize; the simulator sends "" on the last page)';
export const ALWAYS_PRESENT: readonly AlwaysPresent[] = [
  {
    node: 'ListImportedNumbersResponse',
    fields: ['nextPageToken', 'totalSize'],
    ref: LIST_ENVELOPE_REF,
    emitters: ALL_EMITTERS,
  },
  {
    node: 'ListHostingOrdersResponse',
    fields: ['nextPageToken', 'totalSize'],
    ref: LIST_ENVELOPE_REF,
    emitters: ALL_EMITTERS,
  },
  {
    node: 'ListHostingOrderNumbersResponse',
    fields: ['nextPageToken', 'totalSize'],
    ref: LIST_ENVELOPE_REF,
    emitters: ALL_EMITTERS,
  },
  {
    node: 'ListQualifiedNumber',
    fields: ['nextPageToken', 'totalSize'],
    ref: LIST_ENVELOPE_REF,
    emitters: ALL_EMITTERS,
  },
  {
    node: 'HostingOrderReport',
    fields: ['total', 'osrUpdated', 'smsProvisioned', 'addedToCampaign'],
    ref: '§5.2 (8), §6.12 (spec example)',
    emitters: ALL_EMITTERS,
  },
  // The spec example lacks it (that is the defect), so only the simulator is held to it.
  {
    node: 'HostingOrderReport',
    fields: ['ongoingManualAction'],
    ref: '§9 #12 (always emit it, 0)',
    emitters: ['simulator'],
  },
  { node: 'ErrorResponse', fields: ['code', 'message', 'status'], ref: '§3.5 (a)', emitters: ALL_EMITTERS },
  { node: 'InvalidArgument', fields: ['error'], ref: '§3.5 (b)', emitters: ALL_EMITTERS },
  {
    node: 'InvalidArgument.error',
    fields: ['code', 'message', 'status'],
    ref: '§3.5 (b)',
    emitters: ALL_EMITTERS,
  },
  { node: 'NotFound', fields: ['error'], ref: '§3.5 (b)', emitters: ALL_EMITTERS },
  { node: 'NotFound.error', fields: ['code', 'message', 'status'], ref: '§3.5 (b)', emitters: ALL_EMITTERS },
  { node: 'InternalError', fields: ['error'], ref: '§3.5 (b)', emitters: ALL_EMITTERS },
  {
    node: 'InternalError.error',
    fields: ['code', 'message', 'status'],
    ref: '§3.5 (b)',
    emitters: ALL_EMITTERS,
  },
  { node: 'BadRequest', fields: ['type', 'fieldViolations'], ref: '§3.5', emitters: ALL_EMITTERS },
  { node: 'FieldViolation', fields: ['field', 'description'], ref: '§3.5', emitters: ALL_EMITTERS },
  // "empty string when no error" (§6.4) means the field is there, holding "".
  {
    node: 'CarrierState',
    fields: ['errorCode', 'errorMessage'],
    ref: '§6.4 ("" when none)',
    emitters: ALL_EMITTERS,
  },
  {
    node: 'SmsProvisioning.smsProvisioning',
    fields: ['errorCode', 'errorMessage'],
    ref: '§6.4 ("" when none)',
    emitters: ALL_EMITTERS,
  },
  {
    node: 'CampaignProvisioning.campaignProvisioning',
    fields: ['errorCode', 'errorMessage'],
    ref: '§6.4 ("" when none)',
    emitters: ALL_EMITTERS,
  },
  // Identity: a resource that does not name itself cannot be matched to anything (§4 paths use these ids).
  { node: 'ImportedNumber', fields: ['phoneNumber'], ref: '§6.1, §4 (identity)', emitters: ALL_EMITTERS },
  {
    node: 'HostingOrder',
    fields: ['hostingOrderId', 'state', 'type'],
    ref: '§6.5, §7.3 (identity)',
    emitters: ALL_EMITTERS,
  },
  {
    node: 'ImportHostingOrder',
    fields: ['hostingOrderId', 'state', 'type'],
    ref: '§6.6 (identity)',
    emitters: ALL_EMITTERS,
  },
  { node: 'HostingOrderNumber', fields: ['phoneNumber'], ref: '§6.11 (identity)', emitters: ALL_EMITTERS },
  {
    node: 'QualifiedNumber',
    fields: ['phoneNumber', 'globalProcessState'],
    ref: '§6.13, §7.2',
    emitters: ALL_EMITTERS,
  },
  { node: 'TextEnableResponse', fields: ['hostingOrderId'], ref: '§6.14', emitters: ALL_EMITTERS },
  {
    node: 'CallbackPayload',
    fields: ['resourceType', 'eventType', 'eventId', 'timestamp', 'projectId', 'resourceId', 'status'],
    ref: '§8.2',
    emitters: ALL_EMITTERS,
  },
];

/**
 * Statuses an operation may answer although the spec does not list them, because REFERENCE.md
 * tells the simulator to. Their body is the operation family's flat ErrorResponse (§3.5).
 * 401/403/429 are accepted on every operation separately (gateway, §2.3, §3.6).
 */
export const UNDECLARED_STATUSES: readonly { operationId: string; status: number; ref: string }[] = [
  {
    operationId: 'HostingOrderService_ImportNumbers',
    status: 400,
    ref: '§5.2 (11): over the 5-number limit or invalid numbers',
  },
  { operationId: 'HostingOrderService_ImportNumbers', status: 409, ref: '§3.7: repeat import → 409' },
  {
    operationId: 'HostingOrderService_ListHostingOrders',
    status: 400,
    ref: '§5.2 (6), §9 #6: required filters enforced',
  },
  {
    operationId: 'QualifiedNumberService_ListQualifiedNumbers',
    status: 400,
    ref: '§5.3 (14), §9 #6: `states` required',
  },
  {
    operationId: 'HostingOrderService_ListHostingOrderNumbers',
    status: 400,
    ref: '§3.4: bad pageToken/filter → 400',
  },
  {
    operationId: 'QualifiedNumberService_BatchCreateQualifiedNumbers',
    status: 400,
    ref: '§3.1: the server validates E.164',
  },
  {
    operationId: 'QualifiedNumberService_BatchCreateQualifiedNumbers',
    status: 409,
    ref: '§5.3 (17): number already qualified',
  },
  {
    operationId: 'QualifiedNumberService_TextEnableNumbers',
    status: 400,
    ref: '§5.3 (18): validation failures',
  },
  {
    operationId: 'QualifiedNumberService_TextEnableNumbers',
    status: 409,
    ref: '§5.2 (12): same body and checks as op 12',
  },
  {
    operationId: 'QualifiedNumberService_SendVoiceChallenge',
    status: 400,
    ref: '§7.2: challenge only from ELIGIBLE',
  },
  {
    operationId: 'QualifiedNumberService_VerifyVoiceChallenge',
    status: 400,
    ref: '§5.3 (21): `code` required',
  },
  {
    operationId: 'QualifiedNumberService_DeleteQualifiedNumber',
    status: 400,
    ref: '§5.3 (16): delete during hosting',
  },
  {
    operationId: 'ImportNumberService_DeleteImportedNumber',
    status: 400,
    ref: '§7.5: delete while provisioning',
  },
];

const GATEWAY_STATUSES = new Set([401, 403, 429]);
const PROBLEM_TYPE_BASE = 'https://developers.sinch.com/docs/errors/registry/';
/** §2.3, §3.6: the registry entries each gateway status may name. */
const PROBLEM_TYPES: Record<number, readonly string[]> = {
  401: ['invalid-credentials', 'access-token-expired'],
  403: ['permission-denied'],
  429: ['too-many-requests'],
};

// ───────────────────────────── the validator ─────────────────────────────

export interface Conformance {
  ok: boolean;
  operationId: string | undefined;
  status: number;
  /** one line per problem: `<json path>: <what is wrong>` */
  problems: string[];
}

interface Ctx {
  emitter: Emitter;
  direction: 'request' | 'response';
  problems: string[];
  /** date-time without a zone designator is tolerated (callbacks, §3.2) */
  zonelessTimes?: boolean;
}

const allowancesFor = (ctx: Ctx) => SPEC_ALLOWANCES.filter((a) => a.emitters.includes(ctx.emitter));

/** A schema with `$ref`s and `allOf` folded into one set of properties and required names. */
interface Flat {
  names: string[];
  type: string | undefined;
  format: string | undefined;
  enumValues: unknown[] | undefined;
  properties: Map<string, { schema: Schema; owner: string }>;
  required: Set<string>;
  items: { schema: Schema; owner: string } | undefined;
  oneOf: Schema[] | undefined;
  hostedEnumNames: string[] | undefined;
}

function flatten(schema: Schema, name: string): Flat {
  const flat: Flat = {
    names: [],
    type: undefined,
    format: undefined,
    enumValues: undefined,
    properties: new Map(),
    required: new Set(),
    items: undefined,
    oneOf: undefined,
    hostedEnumNames: undefined,
  };
  const visit = (node: Schema, nodeName: string) => {
    if (node.$ref) {
      const target = refName(node.$ref);
      visit(deref<Schema>(node.$ref), target);
      return;
    }
    if (!flat.names.includes(nodeName)) flat.names.push(nodeName);
    flat.type ??= node.type;
    flat.format ??= node.format;
    if (node.enum) flat.enumValues = node.enum;
    if (node['x-enumDescriptions'] && node.type === 'integer') {
      flat.hostedEnumNames = Object.values(node['x-enumDescriptions']);
    }
    for (const [prop, sub] of Object.entries(node.properties ?? {})) {
      // §9 #4: the toll-free request schemas nest their common part under a property literally named
      // `allOf`; the intended wire format has those fields at top level.
      if (prop === 'allOf') {
        visit(sub, nodeName);
        continue;
      }
      flat.properties.set(prop, { schema: sub, owner: nodeName });
    }
    for (const r of node.required ?? []) flat.required.add(r);
    if (node.items) flat.items = { schema: node.items, owner: nodeName };
    if (node.oneOf) flat.oneOf = node.oneOf;
    for (const part of node.allOf ?? []) visit(part, nodeName);
  };
  visit(schema, name);
  return flat;
}

const childName = (schema: Schema, owner: string, prop: string) =>
  schema.$ref ? refName(schema.$ref) : `${owner}.${prop}`;

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const DATE_TIME_NO_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?$/;

function validate(schema: Schema, value: unknown, path: string, name: string, ctx: Ctx): void {
  const flat = flatten(schema, name);
  const allowances = allowancesFor(ctx);
  const nodeAllows = (kind: SpecAllowance['kind']) =>
    allowances.filter((a) => a.kind === kind && flat.names.includes(a.node));

  if (flat.oneOf) {
    const outcomes = flat.oneOf.map((branch) => {
      const sub: Ctx = { ...ctx, problems: [] };
      validate(branch, value, path, branch.$ref ? refName(branch.$ref) : name, sub);
      return sub.problems;
    });
    const matching = outcomes.filter((p) => p.length === 0).length;
    if (matching === 1) return;
    if (matching === 0) {
      const best = outcomes.reduce((a, b) => (b.length < a.length ? b : a));
      ctx.problems.push(
        `${path}: matches none of the ${flat.oneOf.length} oneOf branches of ${name}`,
        ...best,
      );
    } else {
      ctx.problems.push(`${path}: matches ${matching} oneOf branches of ${name}, exactly one expected`);
    }
    return;
  }

  const expected = flat.type ?? (flat.properties.size > 0 || flat.required.size > 0 ? 'object' : undefined);
  const actual = jsonType(value);
  if (expected === 'integer' && actual === 'string' && nodeAllows('string-for-integer').length > 0) {
    if (flat.hostedEnumNames && !flat.hostedEnumNames.includes(value as string)) {
      ctx.problems.push(`${path}: "${String(value)}" is not one of ${flat.hostedEnumNames.join(', ')}`);
    } else if (!/^[A-Z][A-Z0-9_]*$/.test(value as string)) {
      ctx.problems.push(`${path}: "${String(value)}" is not an enum name`);
    }
    return;
  }
  if (expected !== undefined) {
    const typeOk = expected === actual || (expected === 'number' && actual === 'integer');
    if (!typeOk) {
      ctx.problems.push(`${path}: expected ${expected} (${flat.names.join('/')}), got ${actual}`);
      return;
    }
  }

  if (flat.enumValues) {
    const extra = nodeAllows('extra-enum').flatMap((a) => (a.kind === 'extra-enum' ? a.values : []));
    if (![...flat.enumValues, ...extra].includes(value)) {
      ctx.problems.push(
        `${path}: ${JSON.stringify(value)} is not in the enum of ${flat.names.join('/')} (${flat.enumValues.join(', ')})`,
      );
    }
  }

  if (typeof value === 'string' && flat.format === 'date-time') {
    const zoneOk = DATE_TIME.test(value) || (ctx.zonelessTimes === true && DATE_TIME_NO_ZONE.test(value));
    if (!zoneOk || Number.isNaN(Date.parse(ctx.zonelessTimes ? `${value.replace(/Z$/, '')}Z` : value))) {
      ctx.problems.push(`${path}: "${value}" is not an ISO 8601 date-time`);
    }
  }
  if (typeof value === 'number' && flat.format === 'int32' && (value < -(2 ** 31) || value >= 2 ** 31)) {
    ctx.problems.push(`${path}: ${value} is outside int32`);
  }

  if (actual === 'array' && Array.isArray(value)) {
    const items = flat.items;
    if (items) {
      const itemName = items.schema.$ref ? refName(items.schema.$ref) : `${flat.names[0] ?? name}[]`;
      value.forEach((item, i) => {
        validate(items.schema, item, `${path}[${i}]`, itemName, ctx);
      });
    }
    return;
  }

  if (actual === 'object' && (expected === 'object' || expected === undefined)) {
    const obj = value as Record<string, unknown>;
    const extras = nodeAllows('extra-property');
    for (const [key, v] of Object.entries(obj)) {
      const declared = flat.properties.get(key);
      if (declared) {
        if (ctx.direction === 'request' && declared.schema.readOnly === true) {
          const excused = extras.some((a) => a.kind === 'extra-property' && a.property === key);
          if (!excused)
            ctx.problems.push(`${path}.${key}: readOnly in ${declared.owner}, not sent in requests (§3.3)`);
        }
        validate(declared.schema, v, `${path}.${key}`, childName(declared.schema, declared.owner, key), ctx);
        continue;
      }
      const allowance = extras.find((a) => a.kind === 'extra-property' && a.property === key);
      if (allowance && allowance.kind === 'extra-property') {
        validate(allowance.schema, v, `${path}.${key}`, `${allowance.node}.${key}`, ctx);
        continue;
      }
      ctx.problems.push(`${path}.${key}: property not declared by ${flat.names.join('/')}`);
    }
    // field → why it must be there
    const required = new Map<string, string>([...flat.required].map((f) => [f, 'spec `required`']));
    if (ctx.direction === 'response') {
      for (const row of ALWAYS_PRESENT) {
        if (row.emitters.includes(ctx.emitter) && flat.names.includes(row.node)) {
          for (const f of row.fields) if (!required.has(f)) required.set(f, row.ref);
        }
      }
    }
    for (const a of nodeAllows('not-required')) if (a.kind === 'not-required') required.delete(a.property);
    for (const [field, why] of required) {
      if (!(field in obj))
        ctx.problems.push(`${path}.${field}: missing; always present in ${flat.names.join('/')} (${why})`);
    }
  }
}

// ───────────────────────────── public checks ─────────────────────────────

export type HeaderBag = Headers | Record<string, string | undefined>;
const header = (headers: HeaderBag | undefined, name: string): string | undefined => {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
};

export interface ResponseToCheck {
  operationId?: string;
  method?: string;
  /** request path (with or without query), used when operationId is not given */
  path?: string;
  status: number;
  /** parsed JSON body; `undefined` for an empty body */
  body: unknown;
  /** when given, Content-Type and the gateway headers (WWW-Authenticate, Retry-After) are checked too */
  headers?: HeaderBag;
}

function responseSchema(
  operationId: string,
  status: number,
): { schema: Schema | undefined; declared: boolean } {
  const { op } = operationObject(operationId);
  const raw = op.responses[String(status)];
  if (!raw) return { schema: undefined, declared: false };
  const res = follow(raw);
  return { schema: res.content?.['application/json']?.schema, declared: true };
}

/** Validates a response against the spec for its operation and status. */
export function checkResponse(res: ResponseToCheck, options: CheckOptions = {}): Conformance {
  const ctx: Ctx = { emitter: options.emitter ?? 'simulator', direction: 'response', problems: [] };
  const operationId =
    res.operationId ??
    (res.method && res.path ? findOperation(res.method, res.path)?.operationId : undefined);
  const done = (): Conformance => ({
    ok: ctx.problems.length === 0,
    operationId,
    status: res.status,
    problems: ctx.problems,
  });
  if (!operationId) {
    ctx.problems.push(
      `${res.method ?? '?'} ${res.path ?? '?'}: no operation of the spec matches this request`,
    );
    return done();
  }

  const contentType = header(res.headers, 'content-type');
  if (res.headers && res.body !== undefined && !/^application\/(problem\+)?json\b/i.test(contentType ?? '')) {
    ctx.problems.push(`$: Content-Type is "${contentType ?? ''}", application/json expected (§1)`);
  }

  const { schema, declared } = responseSchema(operationId, res.status);
  if (declared) {
    if (schema) {
      if (res.body === undefined) ctx.problems.push(`$: empty body, ${res.status} declares a JSON body`);
      else validate(schema, res.body, '$', '(response)', ctx);
    } else if (
      res.body !== undefined &&
      !(typeof res.body === 'object' && res.body !== null && Object.keys(res.body).length === 0)
    ) {
      // `content: {}` (the two deletes): empty or `{}` (§5.1 (5), §10 #15).
      ctx.problems.push(`$: ${res.status} declares no content; expected an empty body or {} (§5.1 (5))`);
    }
    return done();
  }

  if (GATEWAY_STATUSES.has(res.status)) {
    checkGatewayError(res, ctx);
    return done();
  }
  const allowed = UNDECLARED_STATUSES.find((u) => u.operationId === operationId && u.status === res.status);
  if (allowed) {
    // Same family as the operation's declared errors: flat everywhere except callbackConfiguration.
    const flat: Schema = { $ref: '#/components/schemas/ErrorResponse' };
    validate(flat, res.body, '$', 'ErrorResponse', ctx);
    return done();
  }
  ctx.problems.push(
    `$: status ${res.status} is not declared for ${operationId} (declared: ${operationObject(operationId).spec.statuses.join(', ')})`,
  );
  return done();
}

/** §2.3, §3.6: RFC 7807 problem JSON from the gateway (or the Numbers-API wrapped 403). */
function checkGatewayError(res: ResponseToCheck, ctx: Ctx): void {
  const body = res.body;
  if (res.status === 403 && typeof body === 'object' && body !== null && 'error' in body) {
    // §2.3: the Numbers API spec's PermissionDenied example, wrapped.
    const wrapped: Schema = {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message', 'status'],
          properties: {
            code: { type: 'integer', enum: [403] },
            message: { type: 'string' },
            status: { type: 'string', enum: ['PERMISSION_DENIED'] },
            details: { type: 'array', items: { type: 'object' } },
          },
        },
      },
    };
    validate(wrapped, body, '$', 'PermissionDenied', ctx);
    return;
  }
  const problem: Schema = {
    type: 'object',
    required: ['type', 'title', 'detail'],
    properties: {
      type: { type: 'string' },
      title: { type: 'string' },
      detail: { type: 'string' },
      // RFC 7807 §3.1 standard members, optional
      status: { type: 'integer', enum: [res.status] },
      instance: { type: 'string' },
    },
  };
  validate(problem, body, '$', 'ProblemJson', ctx);
  if (typeof body === 'object' && body !== null && 'type' in body && typeof body.type === 'string') {
    const kinds = PROBLEM_TYPES[res.status] ?? [];
    if (!kinds.some((k) => body.type === `${PROBLEM_TYPE_BASE}${k}`)) {
      ctx.problems.push(
        `$.type: "${body.type}" is not one of ${kinds.map((k) => PROBLEM_TYPE_BASE + k).join(', ')}`,
      );
    }
  }
  if (res.headers) {
    if (res.status === 401) {
      const challenge = header(res.headers, 'www-authenticate');
      if (!challenge) ctx.problems.push('headers: 401 without a WWW-Authenticate challenge (§2.3)');
      const expired =
        typeof body === 'object' &&
        body !== null &&
        'type' in body &&
        String(body.type).endsWith('access-token-expired');
      if (expired && !/expired/i.test(challenge ?? '')) {
        ctx.problems.push('headers: expired-token 401 whose WWW-Authenticate does not say "expired" (§2.2)');
      }
    }
    if (res.status === 429) {
      const retryAfter = header(res.headers, 'retry-after');
      if (!retryAfter || !/^\d+$/.test(retryAfter)) {
        ctx.problems.push(
          `headers: 429 needs Retry-After: <seconds> (§3.6, simulator decision), got "${retryAfter ?? ''}"`,
        );
      }
    }
  }
}

/** Validates a request body against the operation's request schema (§9 request-side allowances apply). */
export function checkRequest(operationId: string, body: unknown, options: CheckOptions = {}): Conformance {
  const ctx: Ctx = { emitter: options.emitter ?? 'simulator', direction: 'request', problems: [] };
  const { op } = operationObject(operationId);
  const rb = op.requestBody ? follow(op.requestBody) : undefined;
  const schema = rb?.content?.['application/json']?.schema;
  if (!schema) {
    if (body !== undefined) ctx.problems.push(`$: ${operationId} takes no request body`);
  } else {
    // §9 #7: `phoneNumber` is not flagged required on import, but is effectively required.
    const patched: Schema =
      operationId === 'ImportNumberService_ImportNumber'
        ? { allOf: [schema, { required: ['phoneNumber'] }] }
        : schema;
    validate(patched, body, '$', '(request)', ctx);
    ctx.problems = ctx.problems.map((p) =>
      p.startsWith('$.phoneNumber: missing') ? p.replace('spec `required`', '§9 #7') : p,
    );
  }
  return { ok: ctx.problems.length === 0, operationId, status: 0, problems: ctx.problems };
}

/** Validates a callback payload (`x-webhooks` EventsCallback, §8.2). */
export function checkCallbackPayload(body: unknown, options: CheckOptions = {}): Conformance {
  // §3.2: live callback timestamps sometimes lack the zone designator.
  const ctx: Ctx = {
    emitter: options.emitter ?? 'simulator',
    direction: 'response',
    problems: [],
    zonelessTimes: true,
  };
  validate({ $ref: '#/components/schemas/CallbackPayload' }, body, '$', 'CallbackPayload', ctx);
  if (typeof body === 'object' && body !== null) {
    const p = body as Record<string, unknown>;
    // §8.2: failureCode only when FAILED, and never for SMS-platform provisioning (binary result).
    if ('failureCode' in p && p.status !== 'FAILED')
      ctx.problems.push('$.failureCode: present although status is not FAILED (§8.2)');
    if ('failureCode' in p && p.eventType === 'PROVISIONING_TO_SMS_PLATFORM') {
      ctx.problems.push('$.failureCode: SMS-platform provisioning carries no failureCode (§8.2)');
    }
  }
  return {
    ok: ctx.problems.length === 0,
    operationId: 'ImportedNumberService_EventsCallback',
    status: 0,
    problems: ctx.problems,
  };
}

/** §2.2: the OAuth2 token endpoint's answers (success, or RFC 6749 error for status ≥ 400). */
export function checkTokenResponse(status: number, body: unknown): Conformance {
  const ctx: Ctx = { emitter: 'simulator', direction: 'response', problems: [] };
  const success: Schema = {
    type: 'object',
    required: ['access_token', 'token_type', 'expires_in', 'scope'],
    properties: {
      access_token: { type: 'string' },
      token_type: { type: 'string' },
      expires_in: { type: 'integer' },
      scope: { type: 'string' },
    },
  };
  const failure: Schema = {
    type: 'object',
    required: ['error', 'error_description'],
    properties: { error: { type: 'string' }, error_description: { type: 'string' } },
  };
  validate(
    status === 200 ? success : failure,
    body,
    '$',
    status === 200 ? 'TokenResponse' : 'TokenError',
    ctx,
  );
  if (status === 200 && typeof body === 'object' && body !== null) {
    const b = body as Record<string, unknown>;
    if (typeof b.token_type === 'string' && b.token_type.toLowerCase() !== 'bearer') {
      ctx.problems.push(`$.token_type: "${b.token_type}", Bearer expected (§2.2)`);
    }
    if (typeof b.access_token === 'string' && b.access_token.length === 0)
      ctx.problems.push('$.access_token: empty');
  }
  return { ok: ctx.problems.length === 0, operationId: 'oauth2/token', status, problems: ctx.problems };
}

/** Throws with every problem listed, for use in tests. */
export function assertConforms(result: Conformance, label = ''): void {
  if (result.ok) return;
  throw new Error(
    `${label ? `${label}: ` : ''}${result.operationId ?? '?'} ${result.status} does not conform:\n  ${result.problems.join('\n  ')}`,
  );
}

// ───────────────────────────── spec examples ─────────────────────────────

export interface SpecExample {
  operationId: string;
  kind: 'request' | 'response';
  status?: number;
  name: string;
  value: unknown;
}

/** Every request and response example the spec attaches to an operation, `$ref`s followed. */
export function listSpecExamples(): SpecExample[] {
  const out: SpecExample[] = [];
  const collect = (media: MediaType | undefined, base: Omit<SpecExample, 'name' | 'value'>) => {
    if (!media) return;
    if (media.example !== undefined) out.push({ ...base, name: 'example', value: media.example });
    for (const [name, ex] of Object.entries(media.examples ?? {})) {
      out.push({ ...base, name, value: follow(ex).value });
    }
  };
  for (const spec of listOperations()) {
    const { op } = operationObject(spec.operationId);
    if (op.requestBody) {
      collect(follow(op.requestBody).content?.['application/json'], {
        operationId: spec.operationId,
        kind: 'request',
      });
    }
    for (const [status, raw] of Object.entries(op.responses)) {
      collect(follow(raw).content?.['application/json'], {
        operationId: spec.operationId,
        kind: 'response',
        status: Number(status),
      });
    }
  }
  return out;
}
