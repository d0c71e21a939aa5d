import { afterEach, describe, expect, it } from 'vitest';
import { createSinchClient, type SinchClientOptions } from './client';
import { SinchApiError, SinchInputError, SinchNetworkError } from './errors';
import { type FakeServer, fakeClock, freePort, type RouteHandler, json, listen } from './test-server';
import type { AuditRecord } from './transport';

const PROJECT = 'd1923022-5199-4bb3-a513-c47b3a656bc5';
const KEY_ID = 'fake-key-id-0000';
const KEY_SECRET = 'fake-key-secret-0000';
const BASIC = `Basic ${Buffer.from(`${KEY_ID}:${KEY_SECRET}`).toString('base64')}`;
const NUMBER = '+12025550134';

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(handler: RouteHandler): Promise<FakeServer> {
  const s = await listen(handler);
  servers.push(s);
  return s;
}

/** A fake with an OAuth token endpoint minting `tok-1`, `tok-2`, … and an API `handler`. */
async function sinch(api: RouteHandler, expiresIn = 3600) {
  let minted = 0;
  const server = await serve((req, res, raw) => {
    if (req.url === '/oauth2/token') {
      minted++;
      json(res, 200, {
        access_token: `tok-${minted}`,
        token_type: 'bearer',
        expires_in: expiresIn,
        scope: '',
      });
      return;
    }
    api(req, res, raw);
  });
  const api_ = () => server.requests.filter((r) => r.url !== '/oauth2/token');
  const tokenRequests = () => server.requests.filter((r) => r.url === '/oauth2/token');
  return { server, apiRequests: api_, tokenRequests };
}

function client(server: FakeServer, extra: Partial<SinchClientOptions> = {}) {
  const clock = fakeClock();
  const audit: AuditRecord[] = [];
  const c = createSinchClient({
    projectId: PROJECT,
    auth: { kind: 'oauth', keyId: KEY_ID, keySecret: KEY_SECRET, tokenUrl: `${server.url}/oauth2/token` },
    baseUrl: server.url,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    onAudit: (r) => audit.push(r),
    ...extra,
  });
  return { c, clock, audit };
}

const importedNumber = { phoneNumber: NUMBER, projectId: PROJECT, regionCode: 'US' };
const importBody = {
  phoneNumber: NUMBER,
  regionCode: 'US' as const,
  smsConfiguration: { servicePlanId: 'plan-1' },
};

describe('OAuth token handling (§2.2)', () => {
  it('N concurrent calls share ONE token request (single flight)', async () => {
    const { server, apiRequests, tokenRequests } = await sinch((_req, res) => json(res, 200, importedNumber));
    const { c } = client(server);
    const results = await Promise.all(Array.from({ length: 6 }, () => c.getImportedNumber(NUMBER)));
    expect(results.map((r) => r.phoneNumber)).toEqual(Array(6).fill(NUMBER));
    expect(tokenRequests()).toHaveLength(1);
    expect(apiRequests()).toHaveLength(6);
    expect(new Set(apiRequests().map((r) => r.headers.authorization))).toEqual(new Set(['Bearer tok-1']));
    // the token request itself: Basic KEY_ID:KEY_SECRET and the client-credentials form
    const [tokenReq] = tokenRequests();
    expect(tokenReq?.method).toBe('POST');
    expect(tokenReq?.headers.authorization).toBe(BASIC);
    expect(tokenReq?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(tokenReq?.body).toBe('grant_type=client_credentials');
  });

  it('refreshes when less than 60 s are left, not before', async () => {
    const { server, tokenRequests } = await sinch((_req, res) => json(res, 200, importedNumber));
    const { c, clock } = client(server);
    await c.getImportedNumber(NUMBER);
    clock.advance(3600_000 - 120_000); // 120 s left
    await c.getImportedNumber(NUMBER);
    expect(tokenRequests()).toHaveLength(1);
    clock.advance(90_000); // 30 s left
    await c.getImportedNumber(NUMBER);
    expect(tokenRequests()).toHaveLength(2);
  });

  it('retries ONCE after an expired-token 401, with a fresh token', async () => {
    const { server, apiRequests, tokenRequests } = await sinch((req, res) => {
      if (req.headers.authorization === 'Bearer tok-1') {
        json(
          res,
          401,
          {
            type: 'https://developers.sinch.com/docs/errors/registry/access-token-expired',
            title: 'Token expired',
          },
          {
            'www-authenticate': 'Bearer error="invalid_token", error_description="The access token expired"',
          },
        );
      } else json(res, 200, importedNumber);
    });
    const { c } = client(server);
    const n = await c.getImportedNumber(NUMBER);
    expect(n.phoneNumber).toBe(NUMBER);
    expect(tokenRequests()).toHaveLength(2);
    expect(apiRequests().map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
  });

  it('recognises the expired problem type without the header, and does not loop on a second 401', async () => {
    const { server, apiRequests, tokenRequests } = await sinch((_req, res) =>
      json(res, 401, {
        type: 'https://developers.sinch.com/docs/errors/registry/access-token-expired',
        title: 'Token expired',
        detail: 'expired',
      }),
    );
    const { c } = client(server);
    const error = await c.getImportedNumber(NUMBER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SinchApiError);
    expect((error as SinchApiError).httpStatus).toBe(401);
    expect(apiRequests()).toHaveLength(2);
    expect(tokenRequests()).toHaveLength(2);
  });

  it('a 401 that is not about expiry is final at once (invalid credentials)', async () => {
    const { server, apiRequests, tokenRequests } = await sinch((_req, res) =>
      json(res, 401, {
        type: 'https://developers.sinch.com/docs/errors/registry/invalid-credentials',
        title: 'Invalid credentials',
      }),
    );
    const { c } = client(server);
    await expect(c.getImportedNumber(NUMBER)).rejects.toMatchObject({ httpStatus: 401, shape: 'problem' });
    expect(apiRequests()).toHaveLength(1);
    expect(tokenRequests()).toHaveLength(1);
  });

  it('a token endpoint refusal surfaces the OAuth error', async () => {
    const server = await serve((_req, res) =>
      json(res, 401, { error: 'invalid_client', error_description: 'Bad client credentials' }),
    );
    const { c } = client(server);
    const error = (await c.getImportedNumber(NUMBER).catch((e: unknown) => e)) as SinchApiError;
    expect(error).toBeInstanceOf(SinchApiError);
    expect(error.operation).toBe('oauth.token');
    expect(error.shape).toBe('oauth');
    expect(error.apiStatus).toBe('invalid_client');
    expect(error.message).toBe('Bad client credentials');
    expect(server.requests).toHaveLength(1);
  });

  it('Basic auth sends base64(KEY_ID:KEY_SECRET) on every call and never fetches a token', async () => {
    const server = await serve((_req, res) => json(res, 200, importedNumber));
    const { c } = client(server, { auth: { kind: 'basic', keyId: KEY_ID, keySecret: KEY_SECRET } });
    await c.getImportedNumber(NUMBER);
    await c.getImportedNumber(NUMBER);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([BASIC, BASIC]);
  });
});

describe('retries and ambiguity', () => {
  it('429 with Retry-After pauses the project budget for exactly that long, then succeeds', async () => {
    let calls = 0;
    const { server, apiRequests } = await sinch((_req, res) => {
      calls++;
      if (calls === 1) {
        json(
          res,
          429,
          {
            type: 'https://developers.sinch.com/docs/errors/registry/too-many-requests',
            title: 'Too Many Requests',
          },
          { 'retry-after': '7' },
        );
      } else json(res, 200, importedNumber);
    });
    const { c, clock } = client(server);
    const before = clock.now();
    await c.getImportedNumber(NUMBER);
    expect(clock.sleeps).toEqual([7000]);
    expect(clock.now() - before).toBe(7000);
    expect(apiRequests()).toHaveLength(2);
  });

  it('429 with an HTTP-date Retry-After is honoured too, and a 429 on a POST is retried (not processed)', async () => {
    const clock = fakeClock(Date.parse('2026-01-01T00:00:00Z'));
    let calls = 0;
    const { server, apiRequests } = await sinch((_req, res) => {
      calls++;
      if (calls === 1)
        json(res, 429, { title: 'Too Many Requests' }, { 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' });
      else json(res, 200, importedNumber);
    });
    const { c } = client(server, { now: clock.now, sleep: clock.sleep });
    const n = await c.importNumber(importBody);
    expect(n.phoneNumber).toBe(NUMBER);
    expect(clock.sleeps).toEqual([3000]);
    expect(apiRequests().filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('retries a GET on 5xx with full-jitter backoff within bounds, then gives up (not ambiguous)', async () => {
    const { server, apiRequests } = await sinch((_req, res) =>
      json(res, 500, { code: '500', status: 'INTERNAL' }),
    );
    const randoms = [0.999, 0.999, 0.999];
    const { c, clock } = client(server, {
      retry: { maxAttempts: 4, baseMs: 100, capMs: 250 },
      random: () => randoms.shift() ?? 0,
    });
    const error = (await c.getImportedNumber(NUMBER).catch((e: unknown) => e)) as SinchApiError;
    expect(error).toBeInstanceOf(SinchApiError);
    expect(error.httpStatus).toBe(500);
    expect(error.ambiguous).toBe(false);
    expect(apiRequests()).toHaveLength(4);
    // caps: min(250, 100·2^(n-1)) = 100, 200, 250; random 0.999 → just under each cap
    expect(clock.sleeps).toEqual([99, 199, 249]);
  });

  it('an ambiguous POST (server processed it, then the socket died) is surfaced and NOT retried', async () => {
    const { server, apiRequests } = await sinch((_req, _res, raw) => raw.socket.destroy());
    const { c, clock } = client(server);
    const error = (await c.importNumber(importBody).catch((e: unknown) => e)) as SinchNetworkError;
    expect(error).toBeInstanceOf(SinchNetworkError);
    expect(error.ambiguous).toBe(true);
    expect(error.reached).toBe(true);
    expect(apiRequests()).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('a 500 on a POST is ambiguous and not retried; the same on a GET is retried', async () => {
    const { server, apiRequests } = await sinch((_req, res) =>
      json(res, 500, { code: '500', message: 'boom', status: 'INTERNAL' }),
    );
    const { c } = client(server, { retry: { maxAttempts: 2, baseMs: 1, capMs: 1 } });
    await expect(c.importNumber(importBody)).rejects.toMatchObject({ httpStatus: 500, ambiguous: true });
    expect(apiRequests()).toHaveLength(1);
    await expect(c.getImportedNumber(NUMBER)).rejects.toMatchObject({ httpStatus: 500, ambiguous: false });
    expect(apiRequests()).toHaveLength(3);
  });

  it('a PATCH or DELETE that died after sending is ambiguous too', async () => {
    const { server, apiRequests } = await sinch((_req, _res, raw) => raw.socket.destroy());
    const { c } = client(server);
    await expect(c.updateImportedNumber(NUMBER, { displayName: 'x' })).rejects.toMatchObject({
      ambiguous: true,
    });
    await expect(c.deleteImportedNumber(NUMBER)).rejects.toMatchObject({ ambiguous: true });
    expect(apiRequests()).toHaveLength(2);
  });

  it('503 with Retry-After on a POST is retried (not processed); 503 without it is ambiguous', async () => {
    let calls = 0;
    const { server, apiRequests } = await sinch((_req, res) => {
      calls++;
      if (calls === 1) json(res, 503, { code: '503', status: 'UNAVAILABLE' }, { 'retry-after': '1' });
      else if (calls === 2) json(res, 200, importedNumber);
      else json(res, 503, { code: '503', status: 'UNAVAILABLE' });
    });
    const { c, clock } = client(server);
    await c.importNumber(importBody);
    expect(clock.sleeps).toEqual([1000]);
    await expect(c.importNumber(importBody)).rejects.toMatchObject({ httpStatus: 503, ambiguous: true });
    expect(apiRequests()).toHaveLength(3);
  });

  it('a connection-refused POST never reached the server and is retried', async () => {
    const port = await freePort();
    const tokenServer = await serve((_req, res) =>
      json(res, 200, { access_token: 'tok-1', token_type: 'Bearer', expires_in: 3600 }),
    );
    let api: FakeServer | undefined;
    const clock = fakeClock();
    const audit: AuditRecord[] = [];
    const c = createSinchClient({
      projectId: PROJECT,
      auth: {
        kind: 'oauth',
        keyId: KEY_ID,
        keySecret: KEY_SECRET,
        tokenUrl: `${tokenServer.url}/oauth2/token`,
      },
      baseUrl: `http://127.0.0.1:${port}`,
      now: clock.now,
      // The server comes up during the backoff wait: the first attempt met a closed port.
      sleep: async (ms) => {
        await clock.sleep(ms);
        if (!api) {
          api = await listen((_req, res) => json(res, 200, importedNumber), port);
          servers.push(api);
        }
      },
      random: () => 0.5,
      onAudit: (r) => audit.push(r),
    });
    const n = await c.importNumber(importBody);
    expect(n.phoneNumber).toBe(NUMBER);
    expect(api?.requests).toHaveLength(1);
    const posts = audit.filter((r) => r.operation === 'importNumber');
    expect(posts.map((r) => [r.attempt, r.status, r.errorCode])).toEqual([
      [1, 'network-error', 'ECONNREFUSED'],
      [2, 200, undefined],
    ]);
  });

  it('a timeout is a network error: retried for a GET, ambiguous for a POST', async () => {
    const { server, apiRequests } = await sinch(() => {
      /* never answers */
    });
    const { c } = client(server, { timeoutMs: 50, retry: { maxAttempts: 2, baseMs: 1, capMs: 1 } });
    await expect(c.getImportedNumber(NUMBER)).rejects.toMatchObject({ code: 'timeout', ambiguous: false });
    expect(apiRequests()).toHaveLength(2);
    await expect(c.importNumber(importBody)).rejects.toMatchObject({ code: 'timeout', ambiguous: true });
    expect(apiRequests()).toHaveLength(3);
  });

  it('other 4xx fail at once with field violations, never retried', async () => {
    const { server, apiRequests } = await sinch((_req, res) =>
      json(res, 400, {
        code: '400',
        message: 'Invalid service_plan_id',
        status: 'INVALID_ARGUMENT',
        details: [
          {
            type: 'BadRequest',
            fieldViolations: [
              { field: 'smsConfiguration.servicePlanId', description: 'Invalid servicePlanId' },
            ],
          },
        ],
      }),
    );
    const { c } = client(server);
    const error = (await c.importNumber(importBody).catch((e: unknown) => e)) as SinchApiError;
    expect(error.httpStatus).toBe(400);
    expect(error.apiStatus).toBe('INVALID_ARGUMENT');
    expect(error.fieldViolations).toEqual([
      { field: 'smsConfiguration.servicePlanId', description: 'Invalid servicePlanId' },
    ]);
    expect(error.ambiguous).toBe(false);
    expect(apiRequests()).toHaveLength(1);
  });
});

describe('request budget shared by a project', () => {
  it('a burst of M calls at rate R takes at least (M - burst) / R seconds on the injected clock', async () => {
    const { server, apiRequests } = await sinch((_req, res) => json(res, 200, importedNumber));
    const { c, clock } = client(server, { budget: { ratePerSec: 2, burst: 3 } });
    const start = clock.now();
    await Promise.all(Array.from({ length: 11 }, () => c.getImportedNumber(NUMBER)));
    const elapsed = clock.now() - start;
    expect(apiRequests()).toHaveLength(11);
    expect(elapsed).toBeGreaterThanOrEqual(((11 - 3) / 2) * 1000);
    expect(elapsed).toBeLessThan(((11 - 3) / 2) * 1000 + 100);
  });

  it('two clients of one project share one budget and one 429 pause', async () => {
    let calls = 0;
    const { server } = await sinch((_req, res) => {
      calls++;
      if (calls === 1) json(res, 429, { title: 'Too Many Requests' }, { 'retry-after': '5' });
      else json(res, 200, importedNumber);
    });
    const first = client(server, { budget: { ratePerSec: 100, burst: 100 } });
    const second = client(server, { budget: first.c.budget, now: first.clock.now, sleep: first.clock.sleep });
    await first.c.getImportedNumber(NUMBER);
    expect(first.c.budget.pausedUntilMs).toBeGreaterThan(0);
    expect(second.c.budget).toBe(first.c.budget);
    await second.c.getImportedNumber(NUMBER);
    expect(first.clock.sleeps).toEqual([5000]);
  });
});

describe('pagination (§3.4)', () => {
  const pageServer = (lastToken: string | undefined) =>
    sinch((req, res) => {
      const token = new URL(req.url, 'http://x').searchParams.get('pageToken');
      const page = token === null ? 1 : token === 'p2' ? 2 : 3;
      const body: Record<string, unknown> = {
        importedNumbers: [{ phoneNumber: `+1202555000${page}` }, { phoneNumber: `+1202555010${page}` }],
        totalSize: 6,
      };
      if (page === 1) body.nextPageToken = 'p2';
      if (page === 2) body.nextPageToken = 'p3';
      if (page === 3 && lastToken !== undefined) body.nextPageToken = lastToken;
      json(res, 200, body);
    });

  for (const [label, last] of [
    ['absent', undefined],
    ['empty', ''],
  ] as const) {
    it(`walks 3 pages and stops on an ${label} nextPageToken`, async () => {
      const { server, apiRequests } = await pageServer(last);
      const { c } = client(server);
      const seen: string[] = [];
      for await (const n of c.iterateImportedNumbers({ servicePlanId: 'plan-1', campaignId: 'C3O8OGA' })) {
        seen.push(n.phoneNumber ?? '');
      }
      expect(seen).toEqual([
        '+12025550001',
        '+12025550101',
        '+12025550002',
        '+12025550102',
        '+12025550003',
        '+12025550103',
      ]);
      expect(apiRequests().map((r) => new URL(r.url, 'http://x').searchParams.get('pageToken'))).toEqual([
        null,
        'p2',
        'p3',
      ]);
    });
  }

  it('refuses a server that repeats the same page token', async () => {
    const { server, apiRequests } = await sinch((_req, res) =>
      json(res, 200, { importedNumbers: [], nextPageToken: 'same' }),
    );
    const { c } = client(server);
    const run = async () => {
      for await (const _ of c.iterateImportedNumbers({ servicePlanId: 'p', campaignId: 'c' })) {
        /* drain */
      }
    };
    await expect(run()).rejects.toThrow(/unexpected response/);
    expect(apiRequests()).toHaveLength(2);
  });
});

describe('wire format', () => {
  it('percent-encodes + in path segments and query strings, repeats array params', async () => {
    const { server, apiRequests } = await sinch((req, res) => {
      if (req.url.includes('/hostingOrders?')) json(res, 200, { hostingOrders: [] });
      else json(res, 200, { importedNumbers: [] });
    });
    const { c } = client(server);
    await c.getImportedNumber(NUMBER).catch(() => {});
    await c.listImportedNumbers({
      servicePlanId: 'plan-1',
      campaignId: 'C3O8OGA',
      'numberPattern.pattern': '+1206',
      'numberPattern.searchPattern': 'START',
      pageSize: 20,
    });
    await c.listHostingOrders({
      states: ['SUBMITTED', 'IN_PROGRESS'],
      type: 'TYPE_TEXT_ENABLE',
      servicePlanId: 'plan-1',
      campaignId: 'C3O8OGA',
    });
    const urls = apiRequests().map((r) => r.url);
    expect(urls[0]).toBe(`/v1/projects/${PROJECT}/importedNumbers/%2B12025550134`);
    expect(urls[1]).toBe(
      `/v1/projects/${PROJECT}/importedNumbers?servicePlanId=plan-1&campaignId=C3O8OGA&numberPattern.pattern=%2B1206&numberPattern.searchPattern=START&pageSize=20`,
    );
    expect(urls[2]).toBe(
      `/v1/projects/${PROJECT}/hostingOrders?states=SUBMITTED&states=IN_PROGRESS&type=TYPE_TEXT_ENABLE&servicePlanId=plan-1&campaignId=C3O8OGA`,
    );
  });

  it('custom-method paths keep their colon; bodies are JSON; DELETE with no content yields {}', async () => {
    const { server, apiRequests } = await sinch((req, res) => {
      if (req.method === 'DELETE') {
        res.writeHead(200);
        res.end();
      } else json(res, 200, { phoneNumber: NUMBER, globalProcessState: 'GLOBAL_PROCESS_STATE_VERIFIED' });
    });
    const { c } = client(server);
    const q = await c.verifyVoiceChallenge(NUMBER, { code: '1234' });
    expect(q.globalProcessState).toBe('GLOBAL_PROCESS_STATE_VERIFIED');
    expect(await c.deleteQualifiedNumber(NUMBER)).toEqual({});
    const [verify] = apiRequests();
    expect(verify?.url).toBe(`/v1/projects/${PROJECT}/qualifiedNumbers/%2B12025550134:verifyVoiceChallenge`);
    expect(verify?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(verify?.body ?? '')).toEqual({ code: '1234' });
  });

  it('tolerates unknown response fields and keeps them', async () => {
    const { server } = await sinch((_req, res) =>
      json(res, 200, { ...importedNumber, brandNewField: { a: 1 } }),
    );
    const { c } = client(server);
    const n = await c.getImportedNumber(NUMBER);
    expect((n as Record<string, unknown>).brandNewField).toEqual({ a: 1 });
  });

  it('rejects invalid input before sending anything', async () => {
    const { server, apiRequests } = await sinch((_req, res) => json(res, 200, {}));
    const { c } = client(server);
    await expect(c.getImportedNumber('2025550134')).rejects.toBeInstanceOf(SinchInputError);
    await expect(
      c.listHostingOrders({ states: 'SUBMITTED', type: 'IMPORT', servicePlanId: 'p' } as never),
    ).rejects.toBeInstanceOf(SinchInputError);
    expect(apiRequests()).toHaveLength(0);
  });
});

describe('audit hook', () => {
  it('records every HTTP call, token fetches included, and never a credential', async () => {
    let calls = 0;
    const { server } = await sinch((req, res) => {
      calls++;
      if (calls === 1) json(res, 503, { code: '503' });
      else if (req.method === 'POST')
        req.body.length > 0 ? json(res, 200, importedNumber) : json(res, 400, {});
      else json(res, 200, importedNumber);
    });
    const { c, audit } = client(server);
    await c.getImportedNumber(NUMBER, { job: 'job-42' });
    await c.importNumber(importBody);
    expect(audit.map((r) => [r.operation, r.method, r.status, r.attempt])).toEqual([
      ['oauth.token', 'POST', 200, 1],
      ['getImportedNumber', 'GET', 503, 1],
      ['getImportedNumber', 'GET', 200, 2],
      ['importNumber', 'POST', 200, 1],
    ]);
    expect(audit[1]?.path).toBe(`/v1/projects/${PROJECT}/importedNumbers/%2B12025550134`);
    expect(audit[1]?.job).toBe('job-42');
    expect(audit[0]?.requestBytes).toBe('grant_type=client_credentials'.length);
    expect(audit[3]?.requestBytes).toBe(Buffer.byteLength(JSON.stringify(importBody)));
    const serialized = JSON.stringify(audit);
    for (const forbidden of [
      KEY_SECRET,
      'tok-1',
      Buffer.from(`${KEY_ID}:${KEY_SECRET}`).toString('base64'),
      'Bearer',
      'Basic',
    ]) {
      expect(serialized).not.toContain(forbidden);
    }
    expect(serialized.toLowerCase()).not.toContain('authorization');
  });
});

const LIST_QUERY = { states: 'GLOBAL_PROCESS_STATE_ELIGIBLE_CHECK_PENDING', pageSize: 1 } as const;

describe('the key secret goes only to the origins it is bound to (issue 10, finding 1)', () => {
  it('refuses, before anything is sent, a base or token URL outside secretOrigins', async () => {
    const { server } = await sinch((_req, res) => json(res, 200, { qualifiedNumbers: [] }));
    const { c } = client(server, { secretOrigins: ['https://imported.numbers.api.sinch.com'] });
    await expect(c.listQualifiedNumbers(LIST_QUERY)).rejects.toBeInstanceOf(SinchInputError);
    const basic = client(server, {
      auth: { kind: 'basic', keyId: KEY_ID, keySecret: KEY_SECRET },
      secretOrigins: ['https://imported.numbers.api.sinch.com'],
    });
    await expect(basic.c.listQualifiedNumbers(LIST_QUERY)).rejects.toBeInstanceOf(SinchInputError);
    expect(server.requests).toEqual([]);
  });

  it('does not follow a redirect: the Authorization header never reaches the other host', async () => {
    const elsewhere = await serve((_req, res) => json(res, 200, { qualifiedNumbers: [] }));
    const { server } = await sinch((_req, res) => {
      res.writeHead(307, { location: `${elsewhere.url}/steal` });
      res.end();
    });
    const { c } = client(server, {
      auth: { kind: 'basic', keyId: KEY_ID, keySecret: KEY_SECRET },
      retry: { maxAttempts: 1 },
    });
    await expect(c.listQualifiedNumbers(LIST_QUERY)).rejects.toBeInstanceOf(SinchNetworkError);
    expect(server.requests).toHaveLength(1);
    expect(elsewhere.requests).toEqual([]);
  });
});
