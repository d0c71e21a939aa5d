import { addBusinessDays } from '../../shared/domain/business-days';
import {
  type CreateOperation,
  GLOBAL_PROCESS_STATES,
  HOSTING_ORDER_STATES,
  HOSTING_ORDER_TYPES,
  type HostingOrderRec,
  type ImportedNumberRec,
  type LoaKind,
  type OrderNumberRec,
  type OrderStep,
  type QualifiedNumberRec,
  STEP_STATES,
} from './model';
import { numericCode } from './prng';
import {
  checkCallbackUrl,
  checkCampaign,
  checkLoa,
  checkNumberList,
  checkOptionalString,
  checkPhone,
  checkRegion,
  checkServicePlan,
  checkTimestamp,
  isRecord,
  isTollFree,
  regionOf,
  Violations,
} from './rules';
import { SINCH_NNID, type Sandbox } from './sandbox';
import {
  apiError,
  type ErrorShape,
  hostingOrder,
  hostingOrderNumber,
  importedNumber,
  importedNumberResponse,
  importHostingOrder,
  qualifiedNumber,
  type Reply,
} from './wire';

/** One API request after routing: the project, path parameters, query and parsed JSON body. */
export type ApiRequest = {
  projectId: string;
  method: string;
  /** Path after `/v1/projects/{projectId}/`, already split and percent-decoded. */
  rest: string[];
  query: URLSearchParams;
  body: unknown;
};

export type Route = {
  name: string;
  shape: ErrorShape;
  mutating: boolean;
  handle: (sb: Sandbox, req: ApiRequest, params: string[]) => Reply;
};

const ok = (body: unknown): Reply => ({ status: 200, body });
const flat = (status: number, message: string, v?: Violations) => apiError('flat', status, message, v?.list);
const invalid = (v: Violations, message = 'Request contains invalid arguments') => flat(400, message, v);

/**
 * Maps method + path (after the project) to an operation of REFERENCE §4. Custom methods keep their
 * `:verb` suffix in the last segment; phone numbers in the path arrive decoded (`+…` and `%2B…` alike).
 */
export function route(method: string, rest: string[]): { route: Route; params: string[] } | undefined {
  const [collection, id, sub, subId, ...extra] = rest;
  if (extra.length > 0 || collection === undefined) return undefined;
  const m = (
    name: string,
    mutating: boolean,
    handle: Route['handle'],
    params: string[] = [],
    shape: ErrorShape = 'flat',
  ) => ({
    route: { name, shape, mutating, handle },
    params,
  });
  const verbOf = (segment: string): [string, string | undefined] => {
    const i = segment.lastIndexOf(':');
    return i > 0 ? [segment.slice(0, i), segment.slice(i + 1)] : [segment, undefined];
  };
  if (id === undefined) {
    const [name, verb] = verbOf(collection);
    if (name === 'importedNumbers' && !verb) {
      if (method === 'GET') return m('ImportNumberService_ListImportedNumbers', false, listImportedNumbers);
      if (method === 'POST') return m('ImportNumberService_ImportNumber', true, importNumber);
    }
    if (name === 'hostingOrders') {
      if (!verb && method === 'GET')
        return m('HostingOrderService_ListHostingOrders', false, listHostingOrders);
      if (verb === 'importNumbers' && method === 'POST')
        return m('HostingOrderService_ImportNumbers', true, importOrder);
      if (verb === 'textEnableNumbers' && method === 'POST')
        return m('TextEnableNumbers', true, (sb, req) => textEnable(sb, req, 'hostingOrders', false));
      if (verb === 'textEnableTollFreeNumbers' && method === 'POST')
        return m('TextEnableTollFreeNumbers', true, (sb, req) => textEnable(sb, req, 'hostingOrders', true));
    }
    if (name === 'qualifiedNumbers') {
      if (!verb && method === 'GET')
        return m('QualifiedNumberService_ListQualifiedNumbers', false, listQualified);
      if (verb === 'addNumbers' && method === 'POST')
        return m('QualifiedNumberService_BatchCreateQualifiedNumbers', true, addNumbers);
      if (verb === 'textEnableNumbers' && method === 'POST')
        return m('QualifiedNumberService_TextEnableNumbers', true, (sb, req) =>
          textEnable(sb, req, 'qualifiedNumbers', false),
        );
      if (verb === 'textEnableTollFreeNumbers' && method === 'POST')
        return m('QualifiedNumbersTextEnableTollFreeNumbers', true, (sb, req) =>
          textEnable(sb, req, 'qualifiedNumbers', true),
        );
    }
    if (name === 'callbackConfiguration' && !verb) {
      if (method === 'GET')
        return m('GetCallbackConfiguration', false, getCallbackConfiguration, [], 'wrapped');
      if (method === 'PATCH')
        return m('UpdateCallbackConfiguration', true, updateCallbackConfiguration, [], 'wrapped');
    }
    return undefined;
  }
  if (collection === 'importedNumbers' && sub === undefined) {
    if (method === 'GET') return m('ImportNumberService_GetImportedNumber', false, getImportedNumber, [id]);
    if (method === 'PATCH')
      return m('ImportNumberService_UpdateImportedNumber', true, updateImportedNumber, [id]);
    if (method === 'DELETE')
      return m('ImportNumberService_DeleteImportedNumber', true, deleteImportedNumber, [id]);
  }
  if (collection === 'hostingOrders' && method === 'GET') {
    if (sub === undefined) return m('HostingOrderService_GetHostingOrder', false, getHostingOrder, [id]);
    if (sub === 'report' && subId === undefined) return m('GetHostingOrderReport', false, getReport, [id]);
    if (sub === 'numbers' && subId === undefined)
      return m('HostingOrderService_ListHostingOrderNumbers', false, listOrderNumbers, [id]);
    if (sub === 'numbers' && subId !== undefined)
      return m('HostingOrderService_GetHostingOrderNumber', false, getOrderNumber, [id, subId]);
  }
  if (collection === 'qualifiedNumbers' && sub === undefined) {
    const [phone, verb] = verbOf(id);
    if (!verb && method === 'GET')
      return m('QualifiedNumberService_GetQualifiedNumber', false, getQualified, [phone]);
    if (!verb && method === 'DELETE')
      return m('QualifiedNumberService_DeleteQualifiedNumber', true, deleteQualified, [phone]);
    if (verb === 'sendVoiceChallenge' && method === 'POST')
      return m('QualifiedNumberService_SendVoiceChallenge', true, sendVoiceChallenge, [phone]);
    if (verb === 'verifyVoiceChallenge' && method === 'POST')
      return m('QualifiedNumberService_VerifyVoiceChallenge', true, verifyVoiceChallenge, [phone]);
  }
  return undefined;
}

// ---- paging (REFERENCE §3.4) -----------------------------------------------------------------------------

type Page<T> = { items: T[]; nextPageToken: string; totalSize: number } | { error: Reply };

function page<T extends { createdTime: number; updatedTime: number }>(
  sb: Sandbox,
  q: URLSearchParams,
  all: T[],
  defaultSort: (a: T, b: T) => number,
): Page<T> {
  const v = new Violations();
  const orderBy = q.get('orderBy');
  if (orderBy !== null && orderBy !== 'createdTime' && orderBy !== 'updatedTime') {
    v.add('orderBy', 'orderBy must be createdTime or updatedTime');
  }
  let size = sb.settings.pageSizeDefault;
  const rawSize = q.get('pageSize');
  if (rawSize !== null && rawSize !== '') {
    const n = Number(rawSize);
    if (!Number.isInteger(n) || n < 0) v.add('pageSize', 'pageSize must be a non-negative integer');
    else if (n > 0) size = Math.min(n, sb.settings.pageSizeMax);
  }
  let offset = 0;
  const token = q.get('pageToken');
  if (token) {
    // Opaque to clients; here a base64url cursor `o:<offset>`.
    const decoded = Buffer.from(token, 'base64url').toString('utf8');
    const match = /^o:(\d+)$/.exec(decoded);
    if (!match) v.add('pageToken', 'Invalid page token');
    else offset = Number(match[1]);
  }
  if (v.any) return { error: invalid(v, 'Invalid list parameters') };
  const sorted = [...all].sort(
    orderBy === 'createdTime'
      ? (a, b) => a.createdTime - b.createdTime || defaultSort(a, b)
      : orderBy === 'updatedTime'
        ? (a, b) => a.updatedTime - b.updatedTime || defaultSort(a, b)
        : defaultSort,
  );
  const items = sorted.slice(offset, offset + size);
  const next = offset + size < sorted.length ? Buffer.from(`o:${offset + size}`).toString('base64url') : '';
  return { items, nextPageToken: next, totalSize: sorted.length };
}

/** A required list filter (§9 #6): enforced unless strictListFilters is off. */
function requiredFilter(sb: Sandbox, q: URLSearchParams, name: string, v: Violations): string | null {
  const value = q.get(name);
  if (value === null && sb.settings.strictListFilters) v.add(name, `${name} is required`);
  return value;
}

function enumFilter(
  sb: Sandbox,
  q: URLSearchParams,
  name: string,
  allowed: readonly string[],
  v: Violations,
): string[] | null {
  const values = q
    .getAll(name)
    .flatMap((s) => s.split(','))
    .filter((s) => s !== '');
  if (values.length === 0) {
    if (sb.settings.strictListFilters) v.add(name, `${name} is required`);
    return null;
  }
  for (const value of values) if (!allowed.includes(value)) v.add(name, `Unknown ${name} value ${value}`);
  return values;
}

// ---- imported numbers (§5.1) -----------------------------------------------------------------------------

function listImportedNumbers(sb: Sandbox, req: ApiRequest): Reply {
  const q = req.query;
  const v = new Violations();
  const plan = requiredFilter(sb, q, 'servicePlanId', v);
  const campaign = requiredFilter(sb, q, 'campaignId', v);
  const region = q.get('regionCode');
  const pattern = q.get('numberPattern.pattern');
  const search = q.get('numberPattern.searchPattern');
  if (search !== null && !['START', 'CONTAIN', 'END'].includes(search)) {
    v.add('numberPattern.searchPattern', 'searchPattern must be START, CONTAIN or END');
  }
  if (pattern !== null && !/^\+?\d+$/.test(pattern)) {
    v.add('numberPattern.pattern', 'pattern must be a sequence of digits (with a leading + for START)');
  }
  if (v.any) return invalid(v, 'Invalid list parameters');
  const matches = sb.importedNumbers(req.projectId).filter((n) => {
    if (plan !== null && n.servicePlanId !== plan) return false;
    if (campaign !== null && n.campaignId !== campaign) return false;
    if (region && n.regionCode !== region) return false;
    if (pattern) {
      if (search === 'START') return n.phoneNumber.startsWith(pattern);
      if (search === 'END') return n.phoneNumber.endsWith(pattern);
      return n.phoneNumber.includes(pattern);
    }
    return true;
  });
  const p = page(sb, q, matches, (a, b) => a.phoneNumber.localeCompare(b.phoneNumber));
  if ('error' in p) return p.error;
  return ok({
    importedNumbers: p.items.map(importedNumberResponse),
    nextPageToken: p.nextPageToken,
    totalSize: p.totalSize,
  });
}

function refuse(
  sb: Sandbox,
  operation: CreateOperation,
  req: ApiRequest,
  numbers: string[],
  reply: Reply,
  reason: string,
): Reply {
  sb.logCreate(operation, req.projectId, numbers, 'REFUSED', reply.status, { reason, body: req.body });
  return reply;
}

/** Every string that looks like a number in a create body, for the per-number request log. */
export function numbersIn(body: unknown): string[] {
  if (!isRecord(body)) return [];
  const out: unknown[] = [body.phoneNumber];
  for (const key of ['numbers', 'phoneNumbers']) {
    const list = body[key];
    if (Array.isArray(list)) out.push(...list);
  }
  if (isRecord(body.allOf) && Array.isArray(body.allOf.numbers)) out.push(...body.allOf.numbers);
  return [...new Set(out.filter((x): x is string => typeof x === 'string' && x !== ''))];
}

/** 409 when a number is already imported or held by an unfinished order (§3.7: POSTs are not idempotent). */
function conflictFor(sb: Sandbox, projectId: string, phone: string): string | undefined {
  if (sb.importedNumber(projectId, phone)) return `The imported number ${phone} already exists`;
  const open = sb.openOrderFor(projectId, phone);
  if (open) return `The number ${phone} is already part of hosting order ${open.hostingOrderId}`;
  return undefined;
}

function importNumber(sb: Sandbox, req: ApiRequest): Reply {
  const op = 'importNumber';
  const b = req.body;
  const v = new Violations();
  if (!isRecord(b)) return refuse(sb, op, req, [], flat(400, 'A JSON object body is required'), 'body');
  const phoneOk = checkPhone(v, 'phoneNumber', b.phoneNumber);
  checkRegion(v, 'regionCode', b.regionCode);
  const sms = b.smsConfiguration;
  if (!isRecord(sms)) v.add('smsConfiguration', 'smsConfiguration is required');
  else {
    checkServicePlan(v, 'smsConfiguration.servicePlanId', sms.servicePlanId, true);
    checkCampaign(v, 'smsConfiguration.campaignId', sms.campaignId);
  }
  checkOptionalString(v, 'displayName', b.displayName);
  checkCallbackUrl(v, 'callbackUrl', b.callbackUrl);
  if (phoneOk && isTollFree(b.phoneNumber as string)) {
    v.add('phoneNumber', 'Toll-free numbers are text-enabled with textEnableTollFreeNumbers');
  }
  const numbers = numbersIn(b);
  if (v.any) return refuse(sb, op, req, numbers, invalid(v), 'validation');
  const phone = b.phoneNumber as string;
  const conflict = conflictFor(sb, req.projectId, phone);
  if (conflict) return refuse(sb, op, req, numbers, flat(409, conflict), 'duplicate');
  const smsConf = sms as Record<string, unknown>;
  const t = sb.now();
  const plan = smsConf.servicePlanId as string;
  const campaign = typeof smsConf.campaignId === 'string' ? smsConf.campaignId : '';
  const n: ImportedNumberRec = {
    projectId: req.projectId,
    phoneNumber: phone,
    regionCode: b.regionCode as string,
    displayName: typeof b.displayName === 'string' ? b.displayName : '',
    servicePlanId: plan,
    campaignId: campaign,
    migrateToSinchTmo: smsConf.migrateToSinchTmo === true,
    callbackUrl: typeof b.callbackUrl === 'string' ? b.callbackUrl : '',
    createdTime: t,
    updatedTime: t,
    sms: sb.newProvisioning('PROVISIONING', plan, 'WAITING'),
    campaign: sb.newProvisioning('PROVISIONING', campaign, campaign ? 'WAITING' : 'STATE_UNSPECIFIED'),
    carriers: sb.carriers('WAITING', 'PROVISIONING'),
    nextAt: t + Math.round(sb.settings.stepMs / 5),
    lastJobFailed: false,
  };
  sb.saveImportedNumber(n);
  sb.logCreate(op, req.projectId, [phone], 'ACCEPTED', 200, { body: req.body });
  return ok(importedNumber(n));
}

function findImported(sb: Sandbox, req: ApiRequest, phone: string): ImportedNumberRec | Reply {
  return sb.importedNumber(req.projectId, phone) ?? flat(404, 'The imported number could not be found.');
}

function getImportedNumber(sb: Sandbox, req: ApiRequest, [phone]: string[]): Reply {
  const n = findImported(sb, req, phone ?? '');
  return 'status' in n ? n : ok(importedNumberResponse(n));
}

function updateImportedNumber(sb: Sandbox, req: ApiRequest, [phone]: string[]): Reply {
  const found = findImported(sb, req, phone ?? '');
  if ('status' in found) return found;
  const n = found;
  const b = req.body;
  const v = new Violations();
  if (!isRecord(b)) return flat(400, 'A JSON object body is required');
  const known = ['displayName', 'smsConfiguration', 'callbackUrl'].filter((k) => k in b);
  // §5.1 (4): the update mask is derived from the fields present; nothing to update is an error.
  if (known.length === 0) {
    v.add('updateMask', 'No updatable field (displayName, smsConfiguration, callbackUrl) was provided');
    return invalid(v, 'The fieldMask is not provided');
  }
  checkOptionalString(v, 'displayName', b.displayName);
  checkCallbackUrl(v, 'callbackUrl', b.callbackUrl);
  const sms = b.smsConfiguration;
  if (sms !== undefined && !isRecord(sms)) v.add('smsConfiguration', 'smsConfiguration must be an object');
  const smsRec = isRecord(sms) ? sms : {};
  if ('servicePlanId' in smsRec) {
    if (smsRec.servicePlanId !== '')
      checkServicePlan(v, 'smsConfiguration.servicePlanId', smsRec.servicePlanId, true);
    // §10 #12: a number linked to a plan must be unlinked ("") before it is linked to another one.
    if (
      typeof smsRec.servicePlanId === 'string' &&
      smsRec.servicePlanId !== '' &&
      n.servicePlanId !== '' &&
      smsRec.servicePlanId !== n.servicePlanId
    ) {
      v.add(
        'smsConfiguration.servicePlanId',
        'The number must be unlinked from its service plan before it is linked to another one',
      );
    }
  }
  if ('campaignId' in smsRec) {
    checkCampaign(v, 'smsConfiguration.campaignId', smsRec.campaignId);
    if (
      typeof smsRec.campaignId === 'string' &&
      smsRec.campaignId !== '' &&
      n.campaignId !== '' &&
      smsRec.campaignId !== n.campaignId
    ) {
      v.add(
        'smsConfiguration.campaignId',
        'The number must be unlinked from its campaign before it is linked to another one',
      );
    }
  }
  if (v.any) return invalid(v);
  const t = sb.now();
  if (typeof b.displayName === 'string') n.displayName = b.displayName;
  if (typeof b.callbackUrl === 'string') n.callbackUrl = b.callbackUrl;
  let job = false;
  const plan = smsRec.servicePlanId;
  if (typeof plan === 'string' && plan !== n.servicePlanId) {
    n.sms =
      plan === ''
        ? sb.newProvisioning('DEPROVISIONING', n.servicePlanId, 'WAITING')
        : sb.newProvisioning('PROVISIONING', plan, 'WAITING');
    n.servicePlanId = plan;
    job = true;
  }
  const campaign = smsRec.campaignId;
  if (typeof campaign === 'string' && campaign !== n.campaignId) {
    n.campaign =
      campaign === ''
        ? sb.newProvisioning('DEPROVISIONING', n.campaignId, 'WAITING')
        : sb.newProvisioning('PROVISIONING', campaign, 'WAITING');
    n.campaignId = campaign;
    job = true;
  }
  if (job) {
    n.lastJobFailed = false;
    n.nextAt = t + Math.round(sb.settings.stepMs / 5);
  }
  n.updatedTime = t;
  sb.saveImportedNumber(n);
  return ok(importedNumber(n));
}

function deleteImportedNumber(sb: Sandbox, req: ApiRequest, [phone]: string[]): Reply {
  const n = findImported(sb, req, phone ?? '');
  if ('status' in n) return n;
  sb.deleteImportedNumber(n);
  sb.event(n.projectId, n.callbackUrl, 'IMPORTED_NUMBER', 'DELETE', n.phoneNumber, 'SUCCEEDED');
  return ok({});
}

// ---- hosting orders (§5.2) -------------------------------------------------------------------------------

function listHostingOrders(sb: Sandbox, req: ApiRequest): Reply {
  const q = req.query;
  const v = new Violations();
  const states = enumFilter(sb, q, 'states', HOSTING_ORDER_STATES, v);
  const types = enumFilter(sb, q, 'type', HOSTING_ORDER_TYPES, v);
  const plan = requiredFilter(sb, q, 'servicePlanId', v);
  const campaign = requiredFilter(sb, q, 'campaignId', v);
  if (v.any) return invalid(v, 'Invalid list parameters');
  const region = q.get('regionCode');
  const matches = sb
    .orders(req.projectId)
    .filter(
      (o) =>
        (states === null || states.includes(o.state)) &&
        (types === null || types.includes(o.type)) &&
        (plan === null || o.servicePlanId === plan) &&
        (campaign === null || o.campaignId === campaign) &&
        (!region || o.regionCode === region),
    );
  const p = page(
    sb,
    q,
    matches,
    (a, b) => a.createdTime - b.createdTime || a.hostingOrderId.localeCompare(b.hostingOrderId),
  );
  if ('error' in p) return p.error;
  return ok({
    hostingOrders: p.items.map(hostingOrder),
    nextPageToken: p.nextPageToken,
    totalSize: p.totalSize,
  });
}

function findOrder(sb: Sandbox, req: ApiRequest, id: string): HostingOrderRec | Reply {
  const o = sb.order(id);
  if (!o || o.projectId !== req.projectId) return flat(404, 'The hosting order could not be found.');
  return o;
}

function getHostingOrder(sb: Sandbox, req: ApiRequest, [id]: string[]): Reply {
  const o = findOrder(sb, req, id ?? '');
  return 'status' in o ? o : ok(o.type === 'IMPORT' ? importHostingOrder(o) : hostingOrder(o));
}

/** §6.12: counts derived from the per-number states. `ongoingManualAction` always emitted (§9 #12). */
function getReport(sb: Sandbox, req: ApiRequest, [id]: string[]): Reply {
  const o = findOrder(sb, req, id ?? '');
  if ('status' in o) return o;
  const numbers = sb.orderNumbers(o);
  const count = (f: (n: OrderNumberRec) => boolean) => numbers.filter(f).length;
  return ok({
    total: numbers.length,
    osrUpdated: count((n) => n.osrUpdate.state === 'DONE'),
    smsProvisioned: count((n) => n.platformProvisioning.state === 'DONE'),
    addedToCampaign: count((n) => n.campaignProvisioning.state === 'DONE'),
    ongoingManualAction: 0,
  });
}

function listOrderNumbers(sb: Sandbox, req: ApiRequest, [id]: string[]): Reply {
  const o = findOrder(sb, req, id ?? '');
  if ('status' in o) return o;
  const q = req.query;
  const v = new Violations();
  const filters = [
    ['osrUpdateState', (n: OrderNumberRec) => n.osrUpdate.state],
    ['campaignProvisioningState', (n: OrderNumberRec) => n.campaignProvisioning.state],
    ['platformProvisioningState', (n: OrderNumberRec) => n.platformProvisioning.state],
  ] as const;
  for (const [name] of filters) {
    const value = q.get(name);
    if (value && !STEP_STATES.includes(value as never)) v.add(name, `Unknown state ${value}`);
  }
  if (v.any) return invalid(v, 'Invalid list parameters');
  const matches = sb.orderNumbers(o).filter((n) =>
    filters.every(([name, get]) => {
      const value = q.get(name);
      return !value || get(n) === value;
    }),
  );
  const p = page(sb, q, matches, (a, b) => a.phoneNumber.localeCompare(b.phoneNumber));
  if ('error' in p) return p.error;
  return ok({
    numbers: p.items.map(hostingOrderNumber),
    nextPageToken: p.nextPageToken,
    totalSize: p.totalSize,
  });
}

function getOrderNumber(sb: Sandbox, req: ApiRequest, [id, phone]: string[]): Reply {
  const o = findOrder(sb, req, id ?? '');
  if ('status' in o) return o;
  const n = sb.orderNumber(o.hostingOrderId, phone ?? '');
  return n
    ? ok(hostingOrderNumber(n))
    : flat(404, 'The phone number could not be found in this hosting order.');
}

function newOrder(
  sb: Sandbox,
  req: ApiRequest,
  fields: Partial<HostingOrderRec> &
    Pick<HostingOrderRec, 'type' | 'numbers' | 'steps' | 'servicePlanId' | 'regionCode'>,
): HostingOrderRec {
  const t = sb.now();
  const o: HostingOrderRec = {
    projectId: req.projectId,
    hostingOrderId: sb.newId(),
    displayName: '',
    state: 'SUBMITTED',
    createdTime: t,
    updatedTime: t,
    scheduledOsrUpdateTime: null,
    scheduledZipwhipProvisioningTime: null,
    campaignId: '',
    migrateToSinchTmo: false,
    textEnableInfo: null,
    callbackUrl: '',
    tollFree: false,
    loa: 'none',
    nnid: '',
    cursor: -1,
    nextAt: t + sb.settings.submitMs,
    ...fields,
  };
  const carrier = (applies: boolean) => ({
    state: applies ? ('WAITING' as const) : ('STATE_UNSPECIFIED' as const),
    errorCode: '',
    errorMessage: '',
    updateTime: t,
  });
  const has = (s: OrderStep) => o.steps.includes(s);
  for (const phoneNumber of o.numbers) {
    sb.saveOrderNumber({
      projectId: o.projectId,
      hostingOrderId: o.hostingOrderId,
      phoneNumber,
      osrUpdate: { nnid: has('osr') ? o.nnid : '', state: has('osr') ? 'WAITING' : 'STATE_UNSPECIFIED' },
      campaignProvisioning: {
        campaignId: o.campaignId,
        state: has('campaign') ? 'WAITING' : 'STATE_UNSPECIFIED',
      },
      platformProvisioning: { servicePlanId: o.servicePlanId, state: 'WAITING' },
      carriers: {
        smsAtt: carrier(true),
        smsTmo: carrier(true),
        mmsAtt: carrier(true),
        mmsTmo: carrier(true),
      },
      createdTime: t,
      updatedTime: t,
      failed: false,
      failureCode: '',
    });
  }
  sb.saveOrder(o);
  return o;
}

function importOrder(sb: Sandbox, req: ApiRequest): Reply {
  const op = 'hostingOrders:importNumbers';
  const b = req.body;
  if (!isRecord(b)) return refuse(sb, op, req, [], flat(400, 'A JSON object body is required'), 'body');
  const v = new Violations();
  checkRegion(v, 'regionCode', b.regionCode);
  const numbers = checkNumberList(v, 'numbers', b.numbers, sb.settings.importLimit);
  checkServicePlan(v, 'servicePlanId', b.servicePlanId, true);
  checkCampaign(v, 'campaignId', b.campaignId);
  checkOptionalString(v, 'displayName', b.displayName);
  checkCallbackUrl(v, 'callbackUrl', b.callbackUrl);
  if (b.migrateToSinchTmo !== undefined && typeof b.migrateToSinchTmo !== 'boolean') {
    v.add('migrateToSinchTmo', 'Must be a boolean');
  }
  numbers.forEach((n) => {
    if (isTollFree(n)) v.add('numbers', `Toll-free number ${n} cannot be imported with a hosting order`);
  });
  const all = numbersIn(b);
  if (v.any) return refuse(sb, op, req, all, invalid(v), 'validation');
  for (const n of numbers) {
    const conflict = conflictFor(sb, req.projectId, n);
    if (conflict) return refuse(sb, op, req, all, flat(409, conflict), 'duplicate');
  }
  const campaignId = typeof b.campaignId === 'string' ? b.campaignId : '';
  const o = newOrder(sb, req, {
    type: 'IMPORT',
    numbers,
    regionCode: b.regionCode as string,
    servicePlanId: b.servicePlanId as string,
    campaignId,
    displayName: typeof b.displayName === 'string' ? b.displayName : '',
    callbackUrl: typeof b.callbackUrl === 'string' ? b.callbackUrl : '',
    migrateToSinchTmo: b.migrateToSinchTmo === true,
    steps: campaignId ? ['platform', 'campaign', 'carriers'] : ['platform', 'carriers'],
  });
  sb.logCreate(op, req.projectId, numbers, 'ACCEPTED', 200, {
    hostingOrderId: o.hostingOrderId,
    body: req.body,
  });
  return ok(importHostingOrder(o));
}

const LOA_KEYS = { directLoaInfo: 'direct', resellerLoaInfo: 'reseller', blanketLoaInfo: 'blanket' } as const;

/** Operations 12, 13, 18 and 19: one LOA, qualified numbers only, standard vs toll-free kept apart. */
function textEnable(
  sb: Sandbox,
  req: ApiRequest,
  family: 'hostingOrders' | 'qualifiedNumbers',
  tollFree: boolean,
): Reply {
  const op: CreateOperation = `${family}:${tollFree ? 'textEnableTollFreeNumbers' : 'textEnableNumbers'}`;
  const raw = req.body;
  if (!isRecord(raw)) return refuse(sb, op, req, [], flat(400, 'A JSON object body is required'), 'body');
  const v = new Violations();
  const loaKeys = (Object.keys(LOA_KEYS) as (keyof typeof LOA_KEYS)[]).filter((k) => raw[k] !== undefined);
  // §6.10 / §9 #4: toll-free common fields may sit at top level, under a property named `allOf`, or
  // (as in the spec's example) inside the LOA object. Top level wins.
  let b: Record<string, unknown> = raw;
  if (tollFree) {
    const nested = loaKeys.map((k) => raw[k]).find(isRecord) ?? {};
    const { scheduledZipwhipProvisioningTime, migrateToSinchTmo } = nested;
    b = {
      ...(scheduledZipwhipProvisioningTime !== undefined ? { scheduledZipwhipProvisioningTime } : {}),
      ...(migrateToSinchTmo !== undefined ? { migrateToSinchTmo } : {}),
      ...(isRecord(raw.allOf) ? raw.allOf : {}),
      ...raw,
    };
  }
  checkRegion(v, 'regionCode', b.regionCode);
  const numbers = checkNumberList(v, 'numbers', b.numbers, sb.settings.textEnableLimit);
  checkServicePlan(v, 'servicePlanId', b.servicePlanId, true);
  checkOptionalString(v, 'displayName', b.displayName);
  checkCallbackUrl(v, 'callbackUrl', b.callbackUrl);
  let campaignId = '';
  let nnid = SINCH_NNID;
  let osrTime: number | null = null;
  let zipTime: number | null = null;
  if (!tollFree) {
    checkCampaign(v, 'campaignId', b.campaignId);
    campaignId = typeof b.campaignId === 'string' ? b.campaignId : '';
    if (!campaignId && sb.settings.requireCampaignOnTextEnable) v.add('campaignId', 'campaignId is required');
    if (b.nnid !== undefined && (typeof b.nnid !== 'string' || !/^\d{1,10}$/.test(b.nnid)))
      v.add('nnid', 'Invalid nnid');
    else if (typeof b.nnid === 'string') nnid = b.nnid;
    osrTime = checkTimestamp(v, 'scheduledOsrUpdateTime', b.scheduledOsrUpdateTime);
  } else {
    zipTime = checkTimestamp(v, 'scheduledZipwhipProvisioningTime', b.scheduledZipwhipProvisioningTime);
  }
  // §6.9: exactly one LOA object; toll-free takes direct or reseller only (§6.10).
  if (loaKeys.length !== 1) {
    v.add(
      tollFree ? 'directLoaInfo' : 'loaInfo',
      `Exactly one of ${tollFree ? 'directLoaInfo, resellerLoaInfo' : 'directLoaInfo, resellerLoaInfo, blanketLoaInfo'} is required (${loaKeys.length} given)`,
    );
  }
  const loaKey = loaKeys.length === 1 ? loaKeys[0] : undefined;
  const loa: LoaKind = loaKey ? LOA_KEYS[loaKey] : 'none';
  if (loaKey && tollFree && loa === 'blanket')
    v.add('blanketLoaInfo', 'A blanket LOA is not available for toll-free numbers');
  if (loaKey && (loa === 'direct' || loa === 'reseller')) checkLoa(v, loaKey, raw[loaKey], loa);
  if (loaKey === 'blanketLoaInfo' && !isRecord(raw.blanketLoaInfo))
    v.add('blanketLoaInfo', 'Must be an empty object');
  numbers.forEach((n, i) => {
    if (tollFree && !isTollFree(n)) v.add(`numbers[${i}]`, `${n} is not a toll-free number`);
    if (!tollFree && isTollFree(n))
      v.add(`numbers[${i}]`, `${n} is toll-free: use textEnableTollFreeNumbers`);
  });
  const all = numbersIn(b);
  if (v.any) return refuse(sb, op, req, all, invalid(v), 'validation');

  // Only qualified numbers can be text-enabled (REFERENCE §5.3 (18), §7.2, §10 #7).
  const missing = numbers.filter((n) => !sb.qualifiedNumber(req.projectId, n));
  if (missing.length > 0) {
    return refuse(
      sb,
      op,
      req,
      all,
      flat(404, `The qualified number could not be found: ${missing.join(', ')}`),
      'not-qualified',
    );
  }
  const qualified = numbers.map((n) => sb.qualifiedNumber(req.projectId, n) as QualifiedNumberRec);
  const busy = qualified.find(
    (q) =>
      q.globalProcessState === 'GLOBAL_PROCESS_STATE_HOSTING_IN_PROGRESS' ||
      q.globalProcessState === 'GLOBAL_PROCESS_STATE_HOSTING_DONE' ||
      sb.openOrderFor(req.projectId, q.phoneNumber),
  );
  if (busy) {
    return refuse(
      sb,
      op,
      req,
      all,
      flat(409, `The number ${busy.phoneNumber} is already text-enabled or being text-enabled`),
      'duplicate',
    );
  }
  const notReady = new Violations();
  qualified.forEach((q, i) => {
    const s = q.globalProcessState;
    const verifiedOnly = sb.settings.textEnableFrom === 'VERIFIED' || q.requireVerification;
    const allowed =
      s === 'GLOBAL_PROCESS_STATE_VERIFIED' ||
      s === 'GLOBAL_PROCESS_STATE_HOSTING_FAILED' ||
      (s === 'GLOBAL_PROCESS_STATE_ELIGIBLE' && !verifiedOnly);
    if (!allowed)
      notReady.add(`numbers[${i}]`, `${q.phoneNumber} is not qualified for text-enablement (${s})`);
  });
  if (notReady.any)
    return refuse(sb, op, req, all, invalid(notReady, 'Numbers are not qualified'), 'not-qualified');

  const loaInfo = loaKey && loa !== 'blanket' ? (raw[loaKey] as Record<string, unknown>) : undefined;
  const textEnableInfo: Record<string, unknown> = {
    ...(loaInfo && typeof loaInfo.businessName === 'string' ? { businessName: loaInfo.businessName } : {}),
    ...(loaInfo ? { authorisedPerson: loaInfo.authorisedPerson, address: loaInfo.address } : {}),
    serviceProvider: 'Sinch America Inc.',
    ...(loaInfo ? { currentVoiceCarrier: loaInfo.currentVoiceCarrier } : {}),
    ...(tollFree ? {} : { nnid }),
    ...(loa === 'direct' ? { loaType: 'Direct' } : loa === 'reseller' ? { loaType: 'Reseller' } : {}),
  };
  const o = newOrder(sb, req, {
    type: 'TYPE_TEXT_ENABLE',
    numbers,
    regionCode: b.regionCode as string,
    servicePlanId: b.servicePlanId as string,
    campaignId,
    displayName: typeof b.displayName === 'string' ? b.displayName : '',
    callbackUrl: typeof b.callbackUrl === 'string' ? b.callbackUrl : '',
    migrateToSinchTmo: b.migrateToSinchTmo === true,
    scheduledOsrUpdateTime: osrTime,
    scheduledZipwhipProvisioningTime: zipTime,
    textEnableInfo,
    tollFree,
    loa,
    nnid: tollFree ? '' : nnid,
    steps: tollFree
      ? ['platform', 'carriers']
      : campaignId
        ? ['osr', 'platform', 'campaign', 'carriers']
        : ['osr', 'platform', 'carriers'],
  });
  const t = sb.now();
  for (const q of qualified) {
    q.globalProcessState = 'GLOBAL_PROCESS_STATE_HOSTING_IN_PROGRESS';
    q.hostedNumber = { status: 0, error: '' };
    q.updatedTime = t;
    sb.saveQualifiedNumber(q);
  }
  sb.logCreate(op, req.projectId, numbers, 'ACCEPTED', 200, {
    hostingOrderId: o.hostingOrderId,
    body: req.body,
  });
  if (family === 'qualifiedNumbers' && !tollFree) return ok({ hostingOrderId: o.hostingOrderId });
  return ok(hostingOrder(o));
}

// ---- qualified numbers (§5.3) ----------------------------------------------------------------------------

function listQualified(sb: Sandbox, req: ApiRequest): Reply {
  const q = req.query;
  const v = new Violations();
  const states = enumFilter(sb, q, 'states', GLOBAL_PROCESS_STATES, v);
  if (v.any) return invalid(v, 'Invalid list parameters');
  const region = q.get('regionCode');
  const matches = sb
    .qualifiedNumbers(req.projectId)
    .filter(
      (x) =>
        (states === null || states.includes(x.globalProcessState)) && (!region || x.regionCode === region),
    );
  const p = page(
    sb,
    q,
    matches,
    (a, b) => a.createdTime - b.createdTime || a.phoneNumber.localeCompare(b.phoneNumber),
  );
  if ('error' in p) return p.error;
  return ok({
    qualifiedNumbers: p.items.map(qualifiedNumber),
    nextPageToken: p.nextPageToken,
    totalSize: p.totalSize,
  });
}

function findQualified(sb: Sandbox, req: ApiRequest, phone: string): QualifiedNumberRec | Reply {
  return sb.qualifiedNumber(req.projectId, phone) ?? flat(404, 'The qualified number could not be found.');
}

function getQualified(sb: Sandbox, req: ApiRequest, [phone]: string[]): Reply {
  const q = findQualified(sb, req, phone ?? '');
  return 'status' in q ? q : ok(qualifiedNumber(q));
}

function deleteQualified(sb: Sandbox, req: ApiRequest, [phone]: string[]): Reply {
  const q = findQualified(sb, req, phone ?? '');
  if ('status' in q) return q;
  if (q.globalProcessState === 'GLOBAL_PROCESS_STATE_HOSTING_IN_PROGRESS') {
    const v = new Violations();
    v.add('phoneNumber', 'The number is being text-enabled and cannot be deleted now');
    return invalid(v, 'The qualified number is being hosted');
  }
  sb.deleteQualifiedNumber(q);
  return ok({});
}

function addNumbers(sb: Sandbox, req: ApiRequest): Reply {
  const op = 'qualifiedNumbers:addNumbers';
  const b = req.body;
  if (!isRecord(b)) return refuse(sb, op, req, [], flat(400, 'A JSON object body is required'), 'body');
  const v = new Violations();
  const numbers = checkNumberList(v, 'phoneNumbers', b.phoneNumbers, null);
  const all = numbersIn(b);
  if (v.any) return refuse(sb, op, req, all, invalid(v), 'validation');
  const existing = numbers.find((n) => sb.qualifiedNumber(req.projectId, n));
  if (existing) {
    return refuse(
      sb,
      op,
      req,
      all,
      flat(409, `The qualified number ${existing} already exists`),
      'duplicate',
    );
  }
  const t = sb.now();
  const created = numbers.map((phoneNumber) => {
    const q: QualifiedNumberRec = {
      projectId: req.projectId,
      phoneNumber,
      regionCode: regionOf(phoneNumber),
      globalProcessState: 'GLOBAL_PROCESS_STATE_ELIGIBLE_CHECK_PENDING',
      osrEligibility: { status: 'IN_PROGRESS', error: '' },
      ownershipVerification: { status: 'WAITING', error: '' },
      hostedNumber: { status: 0, error: '' },
      createdTime: t,
      updatedTime: t,
      decideAt:
        sb.settings.qualificationReviewBusinessDays === null
          ? null
          : addBusinessDays(t, sb.settings.qualificationReviewBusinessDays),
      requireVerification: false,
      voiceCode: null,
      failedAttempts: 0,
    };
    sb.saveQualifiedNumber(q);
    return q;
  });
  sb.logCreate(op, req.projectId, numbers, 'ACCEPTED', 200, { body: req.body });
  return ok({ qualifiedNumbers: created.map(qualifiedNumber) });
}

function sendVoiceChallenge(sb: Sandbox, req: ApiRequest, [phone]: string[]): Reply {
  const q = findQualified(sb, req, phone ?? '');
  if ('status' in q) return q;
  const s = q.globalProcessState;
  if (
    s !== 'GLOBAL_PROCESS_STATE_ELIGIBLE' &&
    s !== 'GLOBAL_PROCESS_STATE_VERIFICATION_PENDING' &&
    s !== 'GLOBAL_PROCESS_STATE_VERIFICATION_FAILED'
  ) {
    const v = new Violations();
    v.add('phoneNumber', `A voice challenge is not possible in state ${s}`);
    return invalid(v, 'The number cannot be verified now');
  }
  q.voiceCode = numericCode(4, sb.idPrng);
  q.globalProcessState = 'GLOBAL_PROCESS_STATE_VERIFICATION_PENDING';
  q.ownershipVerification = { status: 'IN_PROGRESS', error: '' };
  q.updatedTime = sb.now();
  sb.saveQualifiedNumber(q);
  return ok(qualifiedNumber(q));
}

function verifyVoiceChallenge(sb: Sandbox, req: ApiRequest, [phone]: string[]): Reply {
  const q = findQualified(sb, req, phone ?? '');
  if ('status' in q) return q;
  const b = req.body;
  const v = new Violations();
  if (!isRecord(b) || typeof b.code !== 'string' || b.code === '') {
    v.add('code', 'code is required');
    return invalid(v);
  }
  const s = q.globalProcessState;
  // §10 #8: once blocked, further attempts change nothing.
  if (s === 'GLOBAL_PROCESS_STATE_VERIFICATION_BLOCKED') return ok(qualifiedNumber(q));
  if (
    q.voiceCode === null ||
    (s !== 'GLOBAL_PROCESS_STATE_VERIFICATION_PENDING' && s !== 'GLOBAL_PROCESS_STATE_VERIFICATION_FAILED')
  ) {
    v.add('code', 'No voice challenge is pending for this number: send one first');
    return invalid(v, 'No voice challenge pending');
  }
  q.updatedTime = sb.now();
  if (b.code === q.voiceCode) {
    q.globalProcessState = 'GLOBAL_PROCESS_STATE_VERIFIED';
    q.ownershipVerification = { status: 'DONE', error: '' };
    q.voiceCode = null;
  } else {
    q.failedAttempts += 1;
    const blocked = q.failedAttempts >= sb.settings.voiceAttempts;
    q.globalProcessState = blocked
      ? 'GLOBAL_PROCESS_STATE_VERIFICATION_BLOCKED'
      : 'GLOBAL_PROCESS_STATE_VERIFICATION_FAILED';
    q.ownershipVerification = {
      status: 'FAILED',
      error: blocked ? 'Too many wrong codes: verification is blocked' : 'The code is not correct',
    };
    if (blocked) q.voiceCode = null;
  }
  sb.saveQualifiedNumber(q);
  return ok(qualifiedNumber(q));
}

// ---- callback configuration (§5.4, wrapped errors) ---------------------------------------------------------

function getCallbackConfiguration(sb: Sandbox, req: ApiRequest): Reply {
  const p = sb.project(req.projectId);
  if (!p) return apiError('wrapped', 404, 'The project could not be found.');
  return ok({ projectId: p.projectId, hmacSecret: p.hmacSecret });
}

function updateCallbackConfiguration(sb: Sandbox, req: ApiRequest): Reply {
  const p = sb.project(req.projectId);
  if (!p) return apiError('wrapped', 404, 'The project could not be found.');
  const b = req.body ?? {};
  if (!isRecord(b)) return apiError('wrapped', 400, 'A JSON object body is required');
  if (b.hmacSecret !== undefined && typeof b.hmacSecret !== 'string') {
    return apiError('wrapped', 400, 'Invalid hmacSecret', [
      { field: 'hmacSecret', description: 'Must be a string' },
    ]);
  }
  if (typeof b.hmacSecret === 'string') sb.putProject({ ...p, hmacSecret: b.hmacSecret });
  const next = sb.project(req.projectId) ?? p;
  return ok({ projectId: next.projectId, hmacSecret: next.hmacSecret });
}
