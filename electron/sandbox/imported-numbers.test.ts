import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CAMPAIGN, type Kit, PLAN, startKit } from './test-kit';

let k: Kit;
beforeEach(async () => {
  k = await startKit();
});
afterEach(async () => {
  await k.sim.close();
});

const importBody = (phoneNumber: string, extra: Record<string, unknown> = {}) => ({
  phoneNumber,
  regionCode: 'US',
  smsConfiguration: { servicePlanId: PLAN, campaignId: CAMPAIGN },
  ...extra,
});

describe('imported numbers', () => {
  it('imports a number, then provisions it step by step on the simulated clock', async () => {
    const created = await k.api(
      'POST',
      '/importedNumbers',
      importBody('+11234567890', { displayName: 'Front desk' }),
    );
    expect(created.status).toBe(200);
    // 200 answers the ImportedNumber shape, not the enriched response (REFERENCE §5.1 (2)).
    expect(created.body).toEqual({
      phoneNumber: '+11234567890',
      projectId: k.sim.project.projectId,
      regionCode: 'US',
      displayName: 'Front desk',
      smsConfiguration: {
        servicePlanId: PLAN,
        campaignId: CAMPAIGN,
        migrateToSinchTmo: false,
        scheduledProvisioning: expect.objectContaining({ status: 1, errorCodes: [] }),
      },
      callbackUrl: '',
    });

    const early = await k.api('GET', '/importedNumbers/%2B11234567890');
    expect(early.body.smsProvisioning.state).toBe('WAITING');
    expect(early.body.campaignProvisioning.state).toBe('WAITING');

    k.sim.control.advance(60_000); // stepMs/5 → SMS provisioning starts
    const running = await k.api('GET', '/importedNumbers/+11234567890'); // raw "+" in the path works too
    expect(running.body.smsProvisioning.state).toBe('IN_PROGRESS');
    expect(running.body.mnoConfiguration.smsAtt).toMatchObject({
      state: 'IN_PROGRESS',
      operation: 'PROVISIONING',
    });

    k.sim.control.advance(3_600_000);
    const done = await k.api('GET', '/importedNumbers/%2B11234567890');
    expect(done.body.smsProvisioning).toMatchObject({
      serviceType: 'SMS',
      serviceId: PLAN,
      state: 'DONE',
      errorCode: '',
    });
    expect(done.body.campaignProvisioning).toMatchObject({
      serviceType: 'CAMPAIGN',
      serviceId: CAMPAIGN,
      state: 'DONE',
    });
    expect(done.body.smsConfiguration.scheduledProvisioning).toBeUndefined();
  });

  it('rejects invalid input with field violations in the flat ErrorResponse', async () => {
    const res = await k.api('POST', '/importedNumbers', {
      phoneNumber: '+4412345',
      regionCode: 'GB',
      smsConfiguration: {},
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('400');
    expect(res.body.status).toBe('INVALID_ARGUMENT');
    const fields = res.body.details[0].fieldViolations.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['phoneNumber', 'regionCode', 'smsConfiguration.servicePlanId']);
    expect(res.body.details[0].type).toBe('BadRequest');

    const noSms = await k.api('POST', '/importedNumbers', { phoneNumber: '+12025550134', regionCode: 'US' });
    expect(noSms.body.details[0].fieldViolations).toEqual([
      { field: 'smsConfiguration', description: 'smsConfiguration is required' },
    ]);
  });

  it('accepts E.164-shaped NANP numbers without checking area codes, refuses toll-free ones', async () => {
    expect((await k.api('POST', '/importedNumbers', importBody('+11234567890'))).status).toBe(200);
    const tf = await k.api('POST', '/importedNumbers', importBody('+18005550100'));
    expect(tf.status).toBe(400);
    expect(tf.body.details[0].fieldViolations[0].field).toBe('phoneNumber');
  });

  it('answers 409 on a duplicate import and records both create requests', async () => {
    expect((await k.api('POST', '/importedNumbers', importBody('+12025550134'))).status).toBe(200);
    const dup = await k.api('POST', '/importedNumbers', importBody('+12025550134'));
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: '409', status: 'ALREADY_EXISTS' });
    const requests = k.sim.control.createRequests('+12025550134');
    expect(requests.map((r) => [r.operation, r.outcome, r.httpStatus])).toEqual([
      ['importNumber', 'ACCEPTED', 200],
      ['importNumber', 'REFUSED', 409],
    ]);
  });

  it('404s in the flat shape for an unknown number', async () => {
    const res = await k.api('GET', '/importedNumbers/%2B12025550199');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      code: '404',
      message: 'The imported number could not be found.',
      status: 'NOT_FOUND',
    });
  });

  it('requires unlink before relink on PATCH (REFERENCE §10 #12)', async () => {
    await k.api('POST', '/importedNumbers', importBody('+12025550134'));
    const relink = await k.api('PATCH', '/importedNumbers/%2B12025550134', {
      smsConfiguration: { servicePlanId: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
    });
    expect(relink.status).toBe(400);
    expect(relink.body.details[0].fieldViolations[0].field).toBe('smsConfiguration.servicePlanId');

    const unlink = await k.api('PATCH', '/importedNumbers/%2B12025550134', {
      smsConfiguration: { servicePlanId: '', campaignId: '' },
    });
    expect(unlink.status).toBe(200);
    expect(unlink.body.smsConfiguration).toMatchObject({ servicePlanId: '', campaignId: '' });
    k.sim.control.advance(3_600_000);
    const after = await k.api('GET', '/importedNumbers/%2B12025550134');
    expect(after.body.smsProvisioning).toMatchObject({
      type: 'DEPROVISIONING',
      state: 'DONE',
      serviceId: PLAN,
    });

    const link = await k.api('PATCH', '/importedNumbers/%2B12025550134', {
      smsConfiguration: { servicePlanId: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
    });
    expect(link.status).toBe(200);
    expect(link.body.smsConfiguration.servicePlanId).toBe('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');

    const empty = await k.api('PATCH', '/importedNumbers/%2B12025550134', {});
    expect(empty.status).toBe(400);
  });

  it('deletes with {} and then 404s', async () => {
    await k.api('POST', '/importedNumbers', importBody('+12025550134'));
    const del = await k.api('DELETE', '/importedNumbers/%2B12025550134');
    expect(del.status).toBe(200);
    expect(del.body).toEqual({});
    expect((await k.api('DELETE', '/importedNumbers/%2B12025550134')).status).toBe(404);
  });

  it('lists with the required filters, paging by nextPageToken until it is empty', async () => {
    const missing = await k.api('GET', '/importedNumbers');
    expect(missing.status).toBe(400);
    expect(missing.body.details[0].fieldViolations.map((f: { field: string }) => f.field)).toEqual([
      'servicePlanId',
      'campaignId',
    ]);
    const phones = ['+12025550101', '+12025550102', '+12025550103', '+13125550104', '+12025550105'];
    for (const p of phones) await k.api('POST', '/importedNumbers', importBody(p));
    await k.api('POST', '/importedNumbers', {
      ...importBody('+12025550106'),
      smsConfiguration: { servicePlanId: 'otherplan' },
    });
    const seen: string[] = [];
    let token = '';
    let pages = 0;
    do {
      const q = `?servicePlanId=${PLAN}&campaignId=${CAMPAIGN}&pageSize=2${token ? `&pageToken=${token}` : ''}`;
      const page = await k.api('GET', `/importedNumbers${q}`);
      expect(page.status).toBe(200);
      expect(page.body.totalSize).toBe(5);
      seen.push(...page.body.importedNumbers.map((n: { phoneNumber: string }) => n.phoneNumber));
      token = page.body.nextPageToken;
      pages += 1;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual([...phones].sort());

    const start = await k.api(
      'GET',
      `/importedNumbers?servicePlanId=${PLAN}&campaignId=${CAMPAIGN}&numberPattern.pattern=%2B1312&numberPattern.searchPattern=START`,
    );
    expect(start.body.importedNumbers.map((n: { phoneNumber: string }) => n.phoneNumber)).toEqual([
      '+13125550104',
    ]);
    const bad = await k.api(
      'GET',
      `/importedNumbers?servicePlanId=${PLAN}&campaignId=${CAMPAIGN}&pageToken=garbage`,
    );
    expect(bad.status).toBe(400);
    const badOrder = await k.api(
      'GET',
      `/importedNumbers?servicePlanId=${PLAN}&campaignId=${CAMPAIGN}&orderBy=name`,
    );
    expect(badOrder.status).toBe(400);
  });
});
