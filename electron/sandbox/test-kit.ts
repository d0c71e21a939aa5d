/** Helpers for the simulator's own tests: plain fetch against a running simulator (never the app's client). */
import { type RunningSimulator, type SimulatorOptions, startSimulator } from './index';

// biome-ignore lint/suspicious/noExplicitAny: tests inspect response bodies ad hoc and assert on values
export type Call = { status: number; body: any; headers: Headers };

export type Kit = {
  sim: RunningSimulator;
  /** An API call under /v1/projects/{projectId}, Basic auth with the demo key unless `auth` is given. */
  api(method: string, path: string, body?: unknown, auth?: string | null): Promise<Call>;
  control(method: string, path: string, body?: unknown): Promise<Call>;
  basic: string;
  path(p: string): string;
};

export async function startKit(opts: SimulatorOptions = {}, fetchImpl: typeof fetch = fetch): Promise<Kit> {
  const sim = await startSimulator({ clock: 'manual', seed: 7, ...opts });
  const basic = `Basic ${Buffer.from(`${sim.project.keyId}:${sim.project.keySecret}`).toString('base64')}`;
  const request = async (url: string, method: string, body: unknown, auth: string | null) => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (auth) headers.authorization = auth;
    const res = await fetchImpl(url, {
      method,
      headers,
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
  return {
    sim,
    basic,
    path: (p) => `/v1/projects/${sim.project.projectId}${p}`,
    api: (method, path, body, auth) =>
      request(
        `${sim.baseUrl}/v1/projects/${sim.project.projectId}${path}`,
        method,
        body,
        auth === undefined ? basic : auth,
      ),
    control: (method, path, body) =>
      request(`${sim.controlUrl}${path}`, method, body, `Bearer ${sim.controlSecret}`),
  };
}

export const PLAN = '07d6c2621f364b68856fe4938b7bb78f';
export const CAMPAIGN = 'C3O8OGA';

export const directLoa = {
  authorisedPerson: { firstName: 'Jane', lastName: 'Roe', email: 'jane.roe@acme.example' },
  address: {
    buildingNumber: '1234',
    street: 'Main St',
    city: 'Springfield',
    state: 'IL',
    postalCode: '62701',
    country: 'US',
  },
  currentVoiceCarrier: 'Verizon',
};
