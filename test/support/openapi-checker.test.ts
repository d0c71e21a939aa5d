import { describe, expect, it } from 'vitest';
import {
  ALWAYS_PRESENT,
  assertConforms,
  checkCallbackPayload,
  checkRequest,
  checkResponse,
  checkTokenResponse,
  findOperation,
  listOperations,
  listSpecExamples,
  SPEC_ALLOWANCES,
} from './openapi-checker';

const P = '/v1/projects/d1923022-5199-4bb3-a513-c47b3a656bc5';

/** REFERENCE.md §6.4's example, which is written to be exactly what the simulator should send. */
const importedNumberResponse = () => ({
  phoneNumber: '+12025550134',
  projectId: 'd1923022-5199-4bb3-a513-c47b3a656bc5',
  regionCode: 'US',
  displayName: 'Front desk',
  smsConfiguration: {
    servicePlanId: '07d6c2621f364b68856fe4938b7bb78f',
    campaignId: 'C3O8OGA',
    migrateToSinchTmo: false,
  },
  callbackUrl: 'https://example.com/sinch/events',
  mnoConfiguration: {
    smsAtt: carrier('DONE'),
    smsTmo: carrier('IN_PROGRESS'),
    mmsAtt: carrier('WAITING'),
    mmsTmo: carrier('WAITING'),
  },
  smsProvisioning: provisioning('SMS', '07d6c2621f364b68856fe4938b7bb78f', 'DONE'),
  campaignProvisioning: provisioning('CAMPAIGN', 'C3O8OGA', 'IN_PROGRESS'),
});
function carrier(state: string) {
  return {
    state,
    errorCode: '',
    errorMessage: '',
    updateTime: '2025-04-02T19:45:28.650924Z',
    operation: 'PROVISIONING',
  };
}
function provisioning(serviceType: string, serviceId: string, state: string) {
  return {
    serviceType,
    serviceId,
    type: 'PROVISIONING',
    state,
    updateTime: '2025-04-02T19:45:28.650924Z',
    errorMessage: '',
    errorCode: '',
  };
}
const getImported = (body: unknown) =>
  checkResponse({ method: 'GET', path: `${P}/importedNumbers/%2B12025550134`, status: 200, body });

describe('operations of the spec', () => {
  it('lists the 23 operations of REFERENCE.md §4', () => {
    expect(listOperations()).toHaveLength(23);
  });

  it('matches concrete paths, including custom methods and %2B phone numbers (§1, §3.1)', () => {
    expect(findOperation('POST', `${P}/qualifiedNumbers/%2B12025550134:sendVoiceChallenge`)).toEqual({
      operationId: 'QualifiedNumberService_SendVoiceChallenge',
      params: { projectId: 'd1923022-5199-4bb3-a513-c47b3a656bc5', phoneNumber: '+12025550134' },
    });
    expect(findOperation('GET', `${P}/qualifiedNumbers/+12025550134`)?.operationId).toBe(
      'QualifiedNumberService_GetQualifiedNumber',
    );
    expect(findOperation('POST', `${P}/hostingOrders:importNumbers`)?.operationId).toBe(
      'HostingOrderService_ImportNumbers',
    );
    expect(findOperation('GET', `${P}/hostingOrders/01arz3nhyrtsv4rrffq69g5fav/report`)?.operationId).toBe(
      'GetHostingOrderReport',
    );
    expect(findOperation('GET', `${P}/hostingOrders?states=DRAFT&type=IMPORT`)?.operationId).toBe(
      'HostingOrderService_ListHostingOrders',
    );
    expect(findOperation('PUT', `${P}/importedNumbers/%2B12025550134`)).toBeUndefined();
    expect(findOperation('GET', '/v2/elsewhere')).toBeUndefined();
  });
});

describe('spec examples', () => {
  const examples = listSpecExamples();

  it('finds every example attached to an operation (hand-counted in openapi.yaml: 10 request, 12 response)', () => {
    expect(examples.filter((e) => e.kind === 'request')).toHaveLength(10);
    expect(examples.filter((e) => e.kind === 'response')).toHaveLength(12);
  });

  it.each(examples.map((e) => [`${e.kind} ${e.operationId} ${e.status ?? ''} ${e.name}`, e] as const))(
    '%s conforms once the §9 defects are allowed',
    (_label, ex) => {
      const result =
        ex.kind === 'request'
          ? checkRequest(ex.operationId, ex.value, { emitter: 'example' })
          : checkResponse(
              { operationId: ex.operationId, status: ex.status ?? 0, body: ex.value },
              { emitter: 'example' },
            );
      assertConforms(result, ex.name);
    },
  );

  it('holds the simulator to the §9 "Simulator:" column where the examples carry the defect', () => {
    const byName = (op: string, name: string) => {
      const ex = examples.find((e) => e.operationId === op && e.name === name);
      if (!ex) throw new Error(`example ${op}/${name} missing`);
      return ex;
    };
    const order = byName('HostingOrderService_GetHostingOrder', 'example');
    expect(
      checkResponse({ operationId: order.operationId, status: 200, body: order.value }).problems,
    ).toEqual(['$.hostingOrderInfo: property not declared by HostingOrder']);
    const report = byName('GetHostingOrderReport', 'hostingOrderReportResponse');
    expect(
      checkResponse({ operationId: report.operationId, status: 200, body: report.value }).problems,
    ).toEqual([
      '$.ongoingManualAction: missing; always present in HostingOrderReport (§9 #12 (always emit it, 0))',
    ]);
    const importOrder = byName('HostingOrderService_ImportNumbers', 'hostingOrderResponse');
    expect(
      checkResponse({ operationId: importOrder.operationId, status: 200, body: importOrder.value }).problems,
    ).toEqual(['$.numberImport: property not declared by ImportHostingOrder']);
  });

  it('ties every allowance and always-present row to a REFERENCE.md section', () => {
    for (const a of SPEC_ALLOWANCES) expect(a.ref).toMatch(/^§/);
    for (const r of ALWAYS_PRESENT) expect(r.ref).toMatch(/^§/);
  });
});

describe('a correct response passes', () => {
  it('REFERENCE §6.4 imported number', () => {
    assertConforms(getImported(importedNumberResponse()));
  });

  it('a list page with the envelope fields', () => {
    const result = checkResponse({
      operationId: 'ImportNumberService_ListImportedNumbers',
      status: 200,
      body: { importedNumbers: [importedNumberResponse()], nextPageToken: '', totalSize: 1 },
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    assertConforms(result);
  });

  it('the delete answer {} or an empty body', () => {
    const path = `${P}/importedNumbers/%2B12025550134`;
    assertConforms(checkResponse({ method: 'DELETE', path, status: 200, body: {} }));
    assertConforms(checkResponse({ method: 'DELETE', path, status: 200, body: undefined }));
    expect(checkResponse({ method: 'DELETE', path, status: 200, body: { deleted: true } }).ok).toBe(false);
  });
});

describe('a deliberately wrong response fails and names the problem', () => {
  it('undeclared field', () => {
    const body = { ...importedNumberResponse(), textEnablementState: 'DONE' };
    expect(getImported(body).problems).toEqual([
      '$.textEnablementState: property not declared by ImportedNumberResponse/ImportedNumber/MnoConfiguration/SmsProvisioning/CampaignProvisioning',
    ]);
  });

  it('undeclared field deep inside a nested allOf', () => {
    const body = importedNumberResponse();
    Object.assign(body.mnoConfiguration.smsTmo, { voiceCarrier: 'TMO' });
    expect(getImported(body).problems).toEqual([
      '$.mnoConfiguration.smsTmo.voiceCarrier: property not declared by MnoConfiguration.mnoConfiguration.smsTmo/CarrierState',
    ]);
  });

  it('wrong enum', () => {
    const body = importedNumberResponse();
    body.smsProvisioning.state = 'COMPLETED';
    const [problem, ...rest] = getImported(body).problems;
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^\$\.smsProvisioning\.state: "COMPLETED" is not in the enum of State/);
  });

  it('wrong type', () => {
    const result = checkResponse({
      operationId: 'ImportNumberService_ListImportedNumbers',
      status: 200,
      body: { importedNumbers: [], nextPageToken: '', totalSize: '0' },
    });
    expect(result.problems).toEqual([
      '$.totalSize: expected integer (ListImportedNumbersResponse.totalSize), got string',
    ]);
  });

  it('missing an always-present field', () => {
    const result = checkResponse({
      operationId: 'QualifiedNumberService_ListQualifiedNumbers',
      status: 200,
      body: { qualifiedNumbers: [], totalSize: 0 },
    });
    expect(result.problems).toEqual([
      '$.nextPageToken: missing; always present in ListQualifiedNumber (§3.4 (the envelope always has nextPageToken and totalSize; the simulator sends "" on the last page))',
    ]);
  });

  it('missing the "" error fields of a carrier state (§6.4)', () => {
    const body = importedNumberResponse();
    const { errorCode: _dropped, ...rest } = body.mnoConfiguration.smsAtt;
    expect(
      getImported({ ...body, mnoConfiguration: { ...body.mnoConfiguration, smsAtt: rest } }).problems,
    ).toEqual([
      '$.mnoConfiguration.smsAtt.errorCode: missing; always present in MnoConfiguration.mnoConfiguration.smsAtt/CarrierState (§6.4 ("" when none))',
    ]);
  });

  it('a bad date-time, null for an optional field, a non-int32', () => {
    const order = {
      hostingOrderId: '01arz3nhyrtsv4rrffq69g5fav',
      state: 'SUBMITTED',
      type: 'IMPORT',
      createdTime: '2023-01-12 14:34',
      displayName: null,
    };
    expect(
      checkResponse({ operationId: 'HostingOrderService_GetHostingOrder', status: 200, body: order })
        .problems,
    ).toEqual([
      '$.createdTime: "2023-01-12 14:34" is not an ISO 8601 date-time',
      '$.displayName: expected string (HostingOrder.displayName), got null',
    ]);
    const report = {
      total: 2 ** 31,
      osrUpdated: 0,
      smsProvisioned: 0,
      addedToCampaign: 0,
      ongoingManualAction: 0,
    };
    expect(
      checkResponse({ operationId: 'GetHostingOrderReport', status: 200, body: report }).problems,
    ).toEqual(['$.total: 2147483648 is outside int32']);
  });

  it('the simulator must send integers for hostedNumber.status (§9 #5), the live API may send names', () => {
    const qn = {
      phoneNumber: '+12025550134',
      globalProcessState: 'GLOBAL_PROCESS_STATE_ELIGIBLE',
      hostedNumber: { status: 'HOSTING_STATUS_HOSTED' },
    };
    const op = { operationId: 'QualifiedNumberService_GetQualifiedNumber', status: 200, body: qn };
    expect(checkResponse(op).ok).toBe(false);
    assertConforms(checkResponse(op, { emitter: 'live' }));
    const bogus = { ...qn, hostedNumber: { status: 'HOSTED_MAYBE' } };
    expect(checkResponse({ ...op, body: bogus }, { emitter: 'live' }).ok).toBe(false);
  });
});

describe('error shapes per operation (§3.5)', () => {
  const flat404 = { code: '404', message: 'The imported number could not be found.', status: 'NOT_FOUND' };
  const wrapped404 = { error: { code: 404, message: 'Project not found', status: 'NOT_FOUND', details: [] } };

  it('flat ErrorResponse on imported-number operations, wrapped on callbackConfiguration', () => {
    assertConforms(
      checkResponse({ operationId: 'ImportNumberService_GetImportedNumber', status: 404, body: flat404 }),
    );
    assertConforms(checkResponse({ operationId: 'GetCallbackConfiguration', status: 404, body: wrapped404 }));
    expect(
      checkResponse({ operationId: 'ImportNumberService_GetImportedNumber', status: 404, body: wrapped404 })
        .problems,
    ).toEqual([
      '$.error: property not declared by ErrorResponse',
      '$.code: missing; always present in ErrorResponse (§3.5 (a))',
      '$.message: missing; always present in ErrorResponse (§3.5 (a))',
      '$.status: missing; always present in ErrorResponse (§3.5 (a))',
    ]);
    expect(checkResponse({ operationId: 'GetCallbackConfiguration', status: 404, body: flat404 }).ok).toBe(
      false,
    );
  });

  it('flat code is a string, wrapped code an integer of the right value', () => {
    const intCode = { ...flat404, code: 404 };
    expect(
      checkResponse({ operationId: 'ImportNumberService_GetImportedNumber', status: 404, body: intCode })
        .problems,
    ).toEqual(['$.code: expected string (ErrorResponse.code), got integer']);
    const wrong = { error: { code: 400, message: 'x', status: 'NOT_FOUND' } };
    expect(checkResponse({ operationId: 'GetCallbackConfiguration', status: 404, body: wrong }).ok).toBe(
      false,
    );
  });

  it('validation errors may carry BadRequest field violations (§9 #1), checked strictly', () => {
    const body = {
      code: '400',
      message: 'Invalid argument',
      status: 'INVALID_ARGUMENT',
      details: [{ type: 'BadRequest', fieldViolations: [{ field: 'numbers', description: 'at most 5' }] }],
    };
    assertConforms(checkResponse({ operationId: 'HostingOrderService_ImportNumbers', status: 400, body }));
    const sloppy = {
      ...body,
      details: [{ type: 'BadRequest', fieldViolations: [{ field: 'numbers', reason: 'x' }] }],
    };
    expect(
      checkResponse({ operationId: 'HostingOrderService_ImportNumbers', status: 400, body: sloppy }).problems,
    ).toEqual([
      '$.details[0].fieldViolations[0].reason: property not declared by FieldViolation',
      '$.details[0].fieldViolations[0].description: missing; always present in FieldViolation (§3.5)',
    ]);
  });

  it('a status neither declared nor named by the REFERENCE fails', () => {
    const result = checkResponse({
      operationId: 'ImportNumberService_GetImportedNumber',
      status: 409,
      body: flat404,
    });
    expect(result.problems).toEqual([
      '$: status 409 is not declared for ImportNumberService_GetImportedNumber (declared: 200, 404, 500)',
    ]);
  });

  it('gateway 401/403/429 are RFC 7807 problem JSON with the registry type and headers (§2.3, §3.6)', () => {
    const tooMany = {
      type: 'https://developers.sinch.com/docs/errors/registry/too-many-requests',
      title: 'Too Many Requests',
      detail: 'The request rate limit has been exceeded.',
    };
    const op = 'QualifiedNumberService_GetQualifiedNumber';
    assertConforms(
      checkResponse({
        operationId: op,
        status: 429,
        body: tooMany,
        headers: { 'content-type': 'application/problem+json', 'retry-after': '1' },
      }),
    );
    expect(
      checkResponse({
        operationId: op,
        status: 429,
        body: tooMany,
        headers: { 'content-type': 'application/json' },
      }).problems,
    ).toEqual(['headers: 429 needs Retry-After: <seconds> (§3.6, simulator decision), got ""']);
    expect(checkResponse({ operationId: op, status: 401, body: tooMany }).problems[0]).toMatch(
      /^\$\.type: .* is not one of/,
    );
    const expired = {
      type: 'https://developers.sinch.com/docs/errors/registry/access-token-expired',
      title: 'Token expired',
      detail: 'The access token has expired.',
    };
    assertConforms(
      checkResponse({
        operationId: op,
        status: 401,
        body: expired,
        headers: {
          'content-type': 'application/json',
          'www-authenticate': 'Bearer error="invalid_token", error_description="token expired"',
        },
      }),
    );
    expect(
      checkResponse({
        operationId: op,
        status: 401,
        body: expired,
        headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer' },
      }).ok,
    ).toBe(false);
    const denied = { error: { code: 403, message: '', status: 'PERMISSION_DENIED', details: [] } };
    assertConforms(checkResponse({ operationId: op, status: 403, body: denied }));
  });
});

describe('requests, callbacks and the token endpoint', () => {
  it('a request with a field the spec does not have, or without the required ones, fails', () => {
    expect(checkRequest('QualifiedNumberService_VerifyVoiceChallenge', {}).problems).toEqual([
      '$.code: missing; always present in VerifyVoiceChallengeRequest (spec `required`)',
    ]);
    expect(
      checkRequest('ImportNumberService_ImportNumber', {
        regionCode: 'US',
        smsConfiguration: { servicePlanId: 'x' },
      }).problems,
    ).toEqual([
      '$.phoneNumber: missing; always present in (request)/CreateImportedNumberRequest/ImportedNumber (§9 #7)',
    ]);
    const twoLoas = {
      regionCode: 'US',
      numbers: ['+18335870229'],
      servicePlanId: 'x',
      directLoaInfo: {
        authorisedPerson: { firstName: 'A', lastName: 'B', email: 'a@example.com' },
        address: {
          buildingNumber: '1',
          street: 'S',
          city: 'C',
          state: 'IL',
          postalCode: '60647',
          country: 'US',
        },
        currentVoiceCarrier: 'Verizon',
      },
      resellerLoaInfo: {},
    };
    expect(checkRequest('TextEnableTollFreeNumbers', twoLoas).problems[0]).toBe(
      '$: matches none of the 2 oneOf branches of (request)',
    );
  });

  it('REFERENCE §8.2 callback example passes; FAILED-only failureCode is enforced', () => {
    const cb = {
      resourceType: 'HOSTING_ORDER_NUMBER',
      eventType: 'LINK_TO_10DLC_CAMPAIGN',
      eventId: '01jgkbb8xywmz3hhahd76menqf',
      timestamp: '2025-06-06T07:45:27.785357Z',
      projectId: 'd1923022-5199-4bb3-a513-c47b3a656bc5',
      resourceId: '+17724295286',
      status: 'FAILED',
      failureCode: 'CAMPAIGN_PENDING_ACCEPTANCE',
    };
    assertConforms(checkCallbackPayload(cb));
    assertConforms(checkCallbackPayload({ ...cb, timestamp: '2025-06-06T07:45:27.785357' }));
    expect(checkCallbackPayload({ ...cb, status: 'SUCCEEDED' }).problems).toEqual([
      '$.failureCode: present although status is not FAILED (§8.2)',
    ]);
    const { eventId: _e, ...noId } = cb;
    expect(checkCallbackPayload(noId).ok).toBe(false);
  });

  it('token endpoint answers (§2.2)', () => {
    assertConforms(
      checkTokenResponse(200, {
        access_token: 'fake-token-0000',
        token_type: 'bearer',
        expires_in: 3600,
        scope: '',
      }),
    );
    assertConforms(checkTokenResponse(401, { error: 'invalid_client', error_description: 'Bad key' }));
    expect(
      checkTokenResponse(200, { access_token: 'x', token_type: 'mac', expires_in: '3600', scope: '' })
        .problems,
    ).toEqual([
      '$.expires_in: expected integer (TokenResponse.expires_in), got string',
      '$.token_type: "mac", Bearer expected (§2.2)',
    ]);
  });
});
