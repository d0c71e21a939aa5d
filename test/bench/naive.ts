import { CAMPAIGN, SERVICE_PLAN, type Workload } from '../engine/workload';

/**
 * The naive baseline the engine is compared with: what a straightforward script would do. Strictly
 * sequential (one request in flight), no request budget, no batching:
 * - one `POST importedNumbers` per number to import, one `POST hostingOrders:textEnableNumbers` with a
 *   single number per number to text-enable;
 * - every created resource (the imported number, the text-enable order) is polled again once at
 *   least 1 s has passed since its last poll, until it is final; a due poll goes before the next create;
 * - a 429 is honoured by waiting its `Retry-After` and resending; any other failure is counted and
 *   the number skipped.
 * Plain fetch with Basic auth (REFERENCE.md §2.1 allows it for testing), not our client.
 */
export type NaiveResult = {
  /** mutating requests sent (the request meter in front of the simulator counts them independently) */
  creates: number;
  polls: number;
  failures: number;
  /** real ms from the first create to the last create's answer (the sync figure's definition) */
  createWallMs: number;
  /** real ms until every resource was final (or the poll deadline passed) */
  totalMs: number;
  unfinished: number;
};

type Created = { url: string; kind: 'import' | 'order'; lastPoll: number };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runNaive(options: {
  baseUrl: string;
  projectId: string;
  authorization: string;
  work: Workload;
  pollEveryMs?: number;
  /** stop polling after this long (real ms) once all creates are done */
  pollDeadlineMs?: number;
}): Promise<NaiveResult> {
  const pollEvery = options.pollEveryMs ?? 1000;
  const api = `${options.baseUrl}/v1/projects/${options.projectId}`;
  const headers = { authorization: options.authorization, 'content-type': 'application/json' };
  let creates = 0;
  let polls = 0;
  let failures = 0;

  const send = async (
    method: string,
    url: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }> => {
    for (;;) {
      const res = await fetch(url, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      if (res.status === 429) {
        await sleep(Number(res.headers.get('retry-after') ?? '1') * 1000);
        continue;
      }
      return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
    }
  };

  const pending: Created[] = [];
  const isFinal = (kind: Created['kind'], json: unknown): boolean => {
    const o = json as Record<string, { state?: string } | string | undefined>;
    if (kind === 'order') return o.state === 'COMPLETED' || o.state === 'REJECTED';
    const sms = (o.smsProvisioning as { state?: string } | undefined)?.state;
    const campaign = (o.campaignProvisioning as { state?: string } | undefined)?.state;
    const busy = (s: string | undefined) => s === 'WAITING' || s === 'IN_PROGRESS';
    return !busy(sms) && !busy(campaign);
  };
  const pollDue = async (): Promise<boolean> => {
    const now = performance.now();
    const due = pending.find((c) => now - c.lastPoll >= pollEvery);
    if (!due) return false;
    polls++;
    const r = await send('GET', due.url);
    due.lastPoll = performance.now();
    if (r.status !== 200 || isFinal(due.kind, r.json)) pending.splice(pending.indexOf(due), 1);
    return true;
  };

  const jobs: Array<() => Promise<void>> = [
    ...options.work.toImport.map((phoneNumber) => async () => {
      const r = await send('POST', `${api}/importedNumbers`, {
        phoneNumber,
        regionCode: 'US',
        smsConfiguration: { servicePlanId: SERVICE_PLAN, campaignId: CAMPAIGN },
      });
      if (r.status !== 200) failures++;
      else
        pending.push({
          url: `${api}/importedNumbers/${encodeURIComponent(phoneNumber)}`,
          kind: 'import',
          lastPoll: performance.now(),
        });
    }),
    ...options.work.toTextEnable.map((phoneNumber) => async () => {
      const r = await send('POST', `${api}/hostingOrders:textEnableNumbers`, {
        regionCode: 'US',
        numbers: [phoneNumber],
        servicePlanId: SERVICE_PLAN,
        campaignId: CAMPAIGN,
        blanketLoaInfo: {},
      });
      const id = (r.json as { hostingOrderId?: string } | undefined)?.hostingOrderId;
      if (r.status !== 200 || !id) failures++;
      else pending.push({ url: `${api}/hostingOrders/${id}`, kind: 'order', lastPoll: performance.now() });
    }),
  ];

  const start = performance.now();
  let lastCreateAnswered = start;
  for (const job of jobs) {
    while (await pollDue()) {}
    creates++;
    await job();
    lastCreateAnswered = performance.now();
  }
  const deadline = performance.now() + (options.pollDeadlineMs ?? 60_000);
  while (pending.length > 0 && performance.now() < deadline) {
    if (!(await pollDue()))
      await sleep(Math.max(1, pollEvery - (performance.now() - Math.min(...pending.map((c) => c.lastPoll)))));
  }
  return {
    creates,
    polls,
    failures,
    createWallMs: Math.round(lastCreateAnswered - start),
    totalMs: Math.round(performance.now() - start),
    unfinished: pending.length,
  };
}
