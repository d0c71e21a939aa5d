import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type CallbackReceiver, startCallbackReceiver } from './callback-receiver';
import { capturingFetch, nonConforming } from './capture-fetch';

const P = 'http://127.0.0.1:9/v1/projects/d1923022-5199-4bb3-a513-c47b3a656bc5';
const answer = (status: number, body: unknown) => async () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('capturingFetch', () => {
  it('records raw bodies and reports the exchanges that do not conform', async () => {
    const good = capturingFetch(answer(200, { qualifiedNumbers: [], nextPageToken: '', totalSize: 0 }));
    const res = await good.fetch(`${P}/qualifiedNumbers?states=GLOBAL_PROCESS_STATE_ELIGIBLE`);
    expect(await res.json()).toEqual({ qualifiedNumbers: [], nextPageToken: '', totalSize: 0 });
    expect(good.exchanges[0]?.raw).toBe('{"qualifiedNumbers":[],"nextPageToken":"","totalSize":0}');
    expect(nonConforming(good.exchanges)).toEqual([]);

    const bad = capturingFetch(answer(200, { qualifiedNumbers: [], totalSize: 0, extra: 1 }));
    await bad.fetch(`${P}/qualifiedNumbers?states=GLOBAL_PROCESS_STATE_ELIGIBLE`);
    const [report] = nonConforming(bad.exchanges);
    expect(report).toContain('$.extra: property not declared by ListQualifiedNumber');
    expect(report).toContain('$.nextPageToken: missing');
  });

  it('checks the request body the client sent when the server accepted it', async () => {
    const cap = capturingFetch(
      answer(200, { phoneNumber: '+12025550134', globalProcessState: 'GLOBAL_PROCESS_STATE_VERIFIED' }),
    );
    await cap.fetch(`${P}/qualifiedNumbers/%2B12025550134:verifyVoiceChallenge`, {
      method: 'POST',
      body: JSON.stringify({ code: '1234', pin: 'x' }),
    });
    expect(nonConforming(cap.exchanges)[0]).toContain(
      '$.pin: property not declared by VerifyVoiceChallengeRequest',
    );
  });
});

describe('startCallbackReceiver', () => {
  let receiver: CallbackReceiver | undefined;
  afterEach(async () => receiver?.close());

  it('keeps the raw bytes and resolves waiters on delivery', async () => {
    receiver = await startCallbackReceiver();
    const waiting = receiver.waitFor((d) => (d.json as { eventId?: string }).eventId === 'e2');
    const body = '{"eventId":"e2", "x":1}';
    const res = await fetch(receiver.url, { method: 'POST', body, headers: { 'x-sinch-signature': 'ab' } });
    expect(res.status).toBe(200);
    const d = await waiting;
    expect(d.raw.toString('utf8')).toBe(body);
    expect(d.headers['x-sinch-signature']).toBe('ab');
    expect(createHmac('sha1', 'k').update(d.raw).digest('hex')).toBe(
      createHmac('sha1', 'k').update(body).digest('hex'),
    );
  });
});
