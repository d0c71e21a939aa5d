/**
 * The API-wide conventions of REFERENCE.md §2–§3 between client and simulator: auth variants, phone
 * numbers in paths and queries, paging, ordering and the list filters. Every response is checked
 * strictly against the spec.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { SinchApiError } from '../../electron/core/sinch';
import { CAMPAIGN, freshNumber, type Harness, MINUTE, PLAN, startHarness } from './harness';

let h: Harness;
afterEach(async () => {
  const bad = h.nonConforming();
  await h.close();
  expect(bad).toEqual([]);
});

const importAll = async (phones: string[]) => {
  for (const phoneNumber of phones) {
    await h.client.importNumber({
      phoneNumber,
      regionCode: 'US',
      smsConfiguration: { servicePlanId: PLAN, campaignId: CAMPAIGN },
    });
    h.sim.control.advance(MINUTE); // distinct createdTime per number
  }
};

describe('authentication (§2)', () => {
  it('Basic auth works on every call and never touches the token endpoint (§2.1)', async () => {
    h = await startHarness({ auth: 'basic' });
    const phone = freshNumber();
    await importAll([phone]);
    await h.client.getImportedNumber(phone);
    expect(h.exchanges.filter((e) => e.url.pathname.endsWith('/oauth2/token'))).toHaveLength(0);
    expect(h.exchanges.every((e) => e.requestHeaders.get('authorization')?.startsWith('Basic '))).toBe(true);
  });

  it('a wrong key secret fails at the token endpoint with RFC 6749 invalid_client, once, not retried (§2.2)', async () => {
    h = await startHarness({
      client: (sim) => ({
        auth: {
          kind: 'oauth',
          keyId: sim.project.keyId,
          keySecret: 'fake-wrong-secret',
          tokenUrl: sim.authUrl,
        },
      }),
    });
    const e = await h.client.getCallbackConfiguration().catch((error: unknown) => error);
    expect(e).toBeInstanceOf(SinchApiError);
    expect(e).toMatchObject({ httpStatus: 401, shape: 'oauth', apiStatus: 'invalid_client' });
    expect(h.exchanges.map((x) => [x.url.pathname, x.status])).toEqual([['/oauth2/token', 401]]);
  });
});

describe('project access (§2.3)', () => {
  it('a key used on a project it does not own gets the gateway 403 problem, parsed as such', async () => {
    h = await startHarness({ client: { projectId: '00000000-0000-4000-8000-000000000000' } });
    const e = await h.client.getCallbackConfiguration().catch((error: unknown) => error);
    expect(e).toBeInstanceOf(SinchApiError);
    expect(e).toMatchObject({
      httpStatus: 403,
      shape: 'problem',
      problemType: expect.stringMatching(/permission-denied$/),
    });
  });
});

describe('audit trail', () => {
  it('records every attempt, and no credential, token or secret ever appears in it', async () => {
    const records: unknown[] = [];
    h = await startHarness({ client: { onAudit: (r) => records.push(r) } });
    const phone = freshNumber();
    await importAll([phone]);
    await h.client.updateCallbackConfiguration({ hmacSecret: 'fake-hmac-secret-0000' });
    h.sim.control.expireTokens();
    await h.client.getImportedNumber(phone);
    expect(records).toHaveLength(h.exchanges.length);
    const text = JSON.stringify(records);
    const tokens = h.exchanges
      .filter((e) => e.url.pathname.endsWith('/oauth2/token'))
      .map((e) => (JSON.parse(e.raw) as { access_token: string }).access_token);
    expect(tokens).toHaveLength(2);
    for (const secret of [h.sim.project.keySecret, ...tokens, 'fake-hmac-secret-0000']) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('phone numbers (§3.1)', () => {
  it('the simulator accepts the number in a path as +… and as %2B…; the client sends %2B', async () => {
    h = await startHarness();
    const phone = freshNumber();
    await importAll([phone]);
    expect(h.exchanges.at(-1)?.url.pathname).not.toContain('+');
    await h.client.getImportedNumber(phone);
    expect(h.exchanges.at(-1)?.url.pathname).toContain('%2B');
    expect((await h.raw('GET', `/importedNumbers/${phone}`)).status).toBe(200);
    expect((await h.raw('GET', `/importedNumbers/${encodeURIComponent(phone)}`)).status).toBe(200);
  });

  it('numberPattern START/CONTAIN/END filters, with the + sent as %2B in the query', async () => {
    h = await startHarness();
    await importAll(['+12065550101', '+12065550102', '+13035550101']);
    const search = async (pattern: string, searchPattern: 'START' | 'CONTAIN' | 'END') => {
      const page = await h.client.listImportedNumbers({
        servicePlanId: PLAN,
        campaignId: CAMPAIGN,
        'numberPattern.pattern': pattern,
        'numberPattern.searchPattern': searchPattern,
      });
      return page.importedNumbers?.map((n) => n.phoneNumber).sort();
    };
    expect(await search('+1206', 'START')).toEqual(['+12065550101', '+12065550102']);
    expect(h.exchanges.at(-1)?.url.search).toContain('numberPattern.pattern=%2B1206');
    expect(await search('0101', 'END')).toEqual(['+12065550101', '+13035550101']);
    expect(await search('3035', 'CONTAIN')).toEqual(['+13035550101']);
  });
});

describe('paging (§3.4)', () => {
  it('any page size walks every item exactly once, totalSize on every page, "" on the last', async () => {
    h = await startHarness();
    const phones = Array.from({ length: 7 }, () => freshNumber('+1720555'));
    await importAll(phones);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 9 }), async (pageSize) => {
        const seen: string[] = [];
        let pages = 0;
        for await (const page of h.client.pages('listImportedNumbers', undefined, {
          servicePlanId: PLAN,
          campaignId: CAMPAIGN,
          pageSize,
        })) {
          pages++;
          expect(page.totalSize).toBe(7);
          for (const n of page.importedNumbers ?? []) seen.push(n.phoneNumber ?? '');
        }
        expect(seen.sort()).toEqual([...phones].sort());
        expect(pages).toBe(Math.ceil(7 / pageSize));
      }),
      { numRuns: 9 },
    );
    const last = JSON.parse(h.exchanges.at(-1)?.raw ?? '{}') as { nextPageToken?: string };
    expect(last.nextPageToken).toBe('');
  });

  it('orderBy createdTime / updatedTime (§3.4)', async () => {
    h = await startHarness();
    const [a, b, c] = ['+14155550103', '+14155550101', '+14155550102'];
    await importAll([a, b, c]);
    await h.client.updateImportedNumber(a, { displayName: 'touched last' });
    const order = async (orderBy?: 'createdTime' | 'updatedTime') =>
      (
        await h.client.listImportedNumbers({
          servicePlanId: PLAN,
          campaignId: CAMPAIGN,
          ...(orderBy ? { orderBy } : {}),
        })
      ).importedNumbers?.map((n) => n.phoneNumber);
    expect(await order('createdTime')).toEqual([a, b, c]);
    expect(await order('updatedTime')).toEqual([b, c, a]);
  });
});
