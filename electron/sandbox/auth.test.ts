import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Kit, startKit } from './test-kit';

let k: Kit;
beforeEach(async () => {
  k = await startKit({
    projects: [
      { projectId: 'project-a', keyId: 'key-a', keySecret: 'fake-key-secret-aaaa' },
      { projectId: 'project-b', keyId: 'key-b', keySecret: 'fake-key-secret-bbbb' },
    ],
  });
});
afterEach(async () => {
  await k.sim.close();
});

/** Exactly the guide's call: `curl -X POST $SINCH_AUTH_URL -d grant_type=client_credentials --user ID:SECRET`. */
async function token(user: string, password: string) {
  const res = await fetch(k.sim.authUrl, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const get = (path: string, authorization?: string) =>
  fetch(`${k.sim.baseUrl}${path}`, { headers: authorization ? { authorization } : {} });

describe('authentication', () => {
  it('issues a bearer token for a valid key and accepts it on the API', async () => {
    const t = await token('key-a', 'fake-key-secret-aaaa');
    expect(t.status).toBe(200);
    expect(t.body).toMatchObject({ token_type: 'bearer', expires_in: 3600, scope: '' });
    const res = await get('/v1/projects/project-a/callbackConfiguration', `Bearer ${t.body.access_token}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ projectId: 'project-a', hmacSecret: '' });
  });

  it('refuses a wrong secret at the token endpoint with an RFC 6749 body', async () => {
    const t = await token('key-a', 'wrong');
    expect(t.status).toBe(401);
    expect(t.body.error).toBe('invalid_client');
  });

  it('accepts Basic auth and refuses missing or wrong credentials with problem JSON', async () => {
    const basic = `Basic ${Buffer.from('key-a:fake-key-secret-aaaa').toString('base64')}`;
    expect(
      (await get('/v1/projects/project-a/qualifiedNumbers?states=GLOBAL_PROCESS_STATE_ELIGIBLE', basic))
        .status,
    ).toBe(200);
    const none = await get('/v1/projects/project-a/qualifiedNumbers?states=GLOBAL_PROCESS_STATE_ELIGIBLE');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBeTruthy();
    expect(await none.json()).toMatchObject({
      type: 'https://developers.sinch.com/docs/errors/registry/invalid-credentials',
      title: 'Invalid credentials',
    });
  });

  it('403s a key on a project it does not own', async () => {
    const basic = `Basic ${Buffer.from('key-a:fake-key-secret-aaaa').toString('base64')}`;
    const res = await get('/v1/projects/project-b/callbackConfiguration', basic);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ title: 'Permission denied' });
  });

  it('expires every token on demand: 401 with "expired" in WWW-Authenticate, a new token works', async () => {
    const t = await token('key-a', 'fake-key-secret-aaaa');
    expect(k.sim.control.expireTokens().expired).toBe(1);
    const res = await get('/v1/projects/project-a/callbackConfiguration', `Bearer ${t.body.access_token}`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('expired');
    expect(await res.json()).toMatchObject({ title: 'Token expired' });
    const fresh = await token('key-a', 'fake-key-secret-aaaa');
    expect(
      (await get('/v1/projects/project-a/callbackConfiguration', `Bearer ${fresh.body.access_token}`)).status,
    ).toBe(200);
  });

  it('auth strictness can be switched off for tests', async () => {
    k.sim.control.configure({ authMode: 'off' });
    expect((await get('/v1/projects/any-project/callbackConfiguration')).status).toBe(200);
  });
});

describe('callback configuration', () => {
  it('stores the HMAC secret and answers validation errors in the wrapped shape', async () => {
    const basic = `Basic ${Buffer.from('key-a:fake-key-secret-aaaa').toString('base64')}`;
    const patch = (body: string) =>
      fetch(`${k.sim.baseUrl}/v1/projects/project-a/callbackConfiguration`, {
        method: 'PATCH',
        headers: { authorization: basic, 'content-type': 'application/json' },
        body,
      });
    const set = await patch(JSON.stringify({ hmacSecret: 'fake-hmac-secret-0000' }));
    expect(await set.json()).toEqual({ projectId: 'project-a', hmacSecret: 'fake-hmac-secret-0000' });
    const bad = await patch(JSON.stringify({ hmacSecret: 42 }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: {
        code: 400,
        message: 'Invalid hmacSecret',
        status: 'INVALID_ARGUMENT',
        details: [
          { type: 'BadRequest', fieldViolations: [{ field: 'hmacSecret', description: 'Must be a string' }] },
        ],
      },
    });
    const notJson = await patch('{');
    expect((await notJson.json()).error.code).toBe(400);
  });
});
