import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from './index';

/**
 * Issue 10, finding 7: the simulator's `/_sandbox` control surface (clock, faults, projects, LOA
 * signatures) answers only its starter: a per-start secret (`Authorization: Bearer`), our own Host,
 * no foreign Origin, no cross-site fetch. A page in the user's browser could otherwise drive it
 * with a cross-origin text/plain POST (no preflight).
 */
const sims: RunningSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

function raw(
  sim: RunningSimulator,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  const url = new URL(sim.controlUrl + path);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: url.port, method, path: url.pathname, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c.toString('utf8');
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the /_sandbox control surface (issue 10, finding 7)', () => {
  it('answers only with the per-start secret, our Host, no foreign Origin, no cross-site fetch', async () => {
    const sim = await startSimulator({ clock: 'manual' });
    sims.push(sim);
    expect(sim.controlSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const host = new URL(sim.baseUrl).host;
    const auth = { Host: host, Authorization: `Bearer ${sim.controlSecret}` };
    expect((await raw(sim, 'GET', '/state', auth)).status).toBe(200);

    const before = sim.control.now();
    // the browser attack: a cross-origin "simple" POST, no secret
    const csrf = await raw(
      sim,
      'POST',
      '/clock/advance',
      { Host: host, Origin: 'http://evil.example', 'Content-Type': 'text/plain' },
      '{"ms":86400000}',
    );
    expect(csrf.status).toBe(403);
    expect(sim.control.now()).toBe(before);

    expect((await raw(sim, 'GET', '/state', { Host: host })).status).toBe(401);
    expect(
      (await raw(sim, 'GET', '/state', { Host: host, Authorization: 'Bearer fake-wrong-0000' })).status,
    ).toBe(401);
    expect(
      (await raw(sim, 'GET', '/state', { ...auth, Host: `evil.example:${new URL(sim.baseUrl).port}` }))
        .status,
    ).toBe(403);
    expect((await raw(sim, 'GET', '/state', { ...auth, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await raw(sim, 'GET', '/state', { ...auth, 'Sec-Fetch-Site': 'Cross-Site' })).status).toBe(403);
    expect((await raw(sim, 'GET', '/state', { ...auth, Origin: sim.baseUrl })).status).toBe(200);
    // a new start, a new secret
    const next = await startSimulator({ clock: 'manual' });
    sims.push(next);
    expect(next.controlSecret).not.toBe(sim.controlSecret);
  });

  it('the API and token endpoint are unaffected (Sinch has no such checks; its keys protect it)', async () => {
    const sim = await startSimulator({ clock: 'manual' });
    sims.push(sim);
    const res = await fetch(sim.authUrl, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${sim.project.keyId}:${sim.project.keySecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(res.status).toBe(200);
  });
});
