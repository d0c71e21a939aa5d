import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHttpDesk, type EventSourceLike, openBrowserSession } from '../../renderer/src/lib/desk';
import { type ChannelName, channelNames, channels, eventNames } from '../../shared/contract';
import type { HandlerTable } from '../../shared/contract/dispatch';
import { createEngine, type Engine } from '../core/engine';
import { silentLogger } from '../core/log';
import { MemorySecretStore } from '../core/secrets/memory-secret-store';
import { startWebShell, type WebShell } from './server';
import { browserLikeFetch, makeTempDirs, send } from './test-helpers';

/**
 * The browser client and the browser shell against the contract. Every case is generated from the
 * contract's maps, so a new channel is covered without new test code.
 */

const TOKEN = 'fake-launch-token-1111111111111111111111111';
let dirs: ReturnType<typeof makeTempDirs>;
let engine: Engine;
let shell: WebShell;
/** Spies wrapping the real engine handlers: the test counts what reached the engine. */
let spies: Record<ChannelName, ReturnType<typeof vi.fn>>;
let browserFetch: typeof fetch;

beforeAll(async () => {
  dirs = makeTempDirs();
  engine = await createEngine({
    dataDir: dirs.dataDir,
    secretStore: new MemorySecretStore(),
    shell: 'test',
    logger: silentLogger,
  });
  spies = Object.fromEntries(
    channelNames.map((name) => [name, vi.fn(engine.handlers[name] as (input: unknown) => unknown)]),
  ) as typeof spies;
  shell = await startWebShell({
    engine: { handlers: spies as unknown as HandlerTable, subscribe: engine.subscribe },
    rendererDir: dirs.rendererDir,
    dataDir: dirs.dataDir,
    token: TOKEN,
  });
  browserFetch = browserLikeFetch(shell.origin);
  let replaced: string | undefined;
  const session = await openBrowserSession(
    { hash: `#token=${TOKEN}`, pathname: '/', search: '' },
    { baseUrl: shell.origin, fetch: browserFetch, replaceUrl: (url) => (replaced = url) },
  );
  expect(session.ok).toBe(true);
  expect(replaced).toBe('/'); // the token is dropped from the address bar
});

afterAll(async () => {
  await shell.close();
  await engine.close();
  dirs.cleanup();
});

beforeEach(() => {
  for (const spy of Object.values(spies)) spy.mockClear();
});

describe('desk.ts HTTP transport', () => {
  it('exposes exactly the contract’s channels and events', () => {
    const desk = createHttpDesk({ baseUrl: shell.origin, fetch: browserFetch });
    expect([...desk.channels].sort()).toEqual(Object.keys(channels).sort());
    expect(new Set(desk.channels)).toEqual(new Set(channelNames));
    expect(new Set(desk.events)).toEqual(new Set(eventNames));
  });

  it('refuses a channel outside the contract locally, without a request', async () => {
    const fetchSpy = vi.fn(browserFetch);
    const desk = createHttpDesk({ baseUrl: shell.origin, fetch: fetchSpy });
    const result = await desk.call('no.such.channel' as ChannelName, {} as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('reports a server that is gone as OFFLINE, not as a throw', async () => {
    const desk = createHttpDesk({ baseUrl: 'http://127.0.0.1:1', fetch: browserFetch });
    const result = await desk.call('app.status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
  });

  it('refuses a session for a wrong token', async () => {
    const result = await openBrowserSession(
      { hash: '#token=fake-wrong-token', pathname: '/', search: '' },
      { baseUrl: shell.origin, fetch: browserLikeFetch(shell.origin) },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it.each(channelNames)('routes %s through POST /rpc to exactly that handler', async (name) => {
    const desk = createHttpDesk({ baseUrl: shell.origin, fetch: browserFetch });
    const result = await desk.call(name, {} as never);
    // `{}` is valid for channels without required fields; for the others the engine must say which
    // field is wrong — never "unknown channel".
    if (result.ok) {
      expect(spies[name]).toHaveBeenCalledTimes(1);
      expect(channels[name].output.safeParse(result.value).success).toBe(true);
    } else {
      expect(result.error.code).toBe('VALIDATION');
      expect(result.error.message).not.toMatch(/Unknown channel/);
    }
    for (const other of channelNames) if (other !== name) expect(spies[other]).not.toHaveBeenCalled();
  });

  it('delivers contract events through the SSE stream', async () => {
    const desk = createHttpDesk({
      baseUrl: shell.origin,
      fetch: browserFetch,
      openEvents: nodeEventSource(browserFetch),
    });
    const received: unknown[] = [];
    const got = new Promise<void>((resolve) => {
      const off = desk.on('app.statusChanged', (payload) => {
        received.push(payload);
        off();
        resolve();
      });
    });
    await connected.promise;
    await desk.call('keychain.probe', {});
    await got;
    expect(received).toEqual([{ reason: 'keychain' }]);
  });
});

describe('POST /rpc/:channel with malformed input', () => {
  // Values no object-shaped input schema accepts; `null` is left out on purpose (dispatch reads it as {}).
  const malformed: { label: string; body: string }[] = [
    { label: 'a number', body: '42' },
    { label: 'a string', body: '"text"' },
    { label: 'an array', body: '[]' },
    { label: 'broken JSON', body: '{"oops":' },
  ];
  const cases = channelNames.flatMap((name) => malformed.map((m) => ({ name, ...m })));

  it.each(cases)('$name with $label → VALIDATION, handler not called', async ({ name, body }) => {
    const cookie = await sessionCookie();
    const res = await send(shell.port, {
      method: 'POST',
      path: `/rpc/${name}`,
      headers: {
        Host: `127.0.0.1:${shell.port}`,
        Origin: shell.origin,
        'Content-Type': 'application/json',
        Cookie: cookie,
      },
      body,
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(spies[name]).not.toHaveBeenCalled();
  });
});

/** One session for the raw-request cases (a link mints one session: a fresh link, once). */
let rawSession: Promise<string> | undefined;
function sessionCookie(): Promise<string> {
  rawSession ??= (async () => {
    const token = new URL(shell.freshLoginUrl()).hash.replace('#token=', '');
    const res = await send(shell.port, {
      method: 'POST',
      path: '/session',
      headers: { Host: `127.0.0.1:${shell.port}`, Origin: shell.origin, Authorization: `Bearer ${token}` },
    });
    const set = res.headers['set-cookie'];
    return (Array.isArray(set) ? set[0] : set)?.split(';')[0] ?? '';
  })();
  return rawSession;
}

/** Resolves once the SSE stream of the test above has received its preamble. */
let resolveConnected: () => void = () => {};
const connected = { promise: new Promise<void>((resolve) => (resolveConnected = resolve)) };

/** Node 20 has no EventSource: a minimal one over fetch's body stream, enough for the client. */
function nodeEventSource(doFetch: typeof fetch): (url: string) => EventSourceLike {
  return (url) => {
    const listeners = new Map<string, ((e: { data: string }) => void)[]>();
    const abort = new AbortController();
    void (async () => {
      const response = await doFetch(url, { signal: abort.signal });
      if (!response.body) return;
      const decoder = new TextDecoder();
      let buffer = '';
      const reader = response.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.includes(': connected')) resolveConnected();
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event && data !== undefined) for (const l of listeners.get(event) ?? []) l({ data });
            end = buffer.indexOf('\n\n');
          }
        }
      } catch {
        // aborted by close()
      }
    })();
    return {
      addEventListener(type, listener) {
        listeners.set(type, [...(listeners.get(type) ?? []), listener]);
      },
      close() {
        abort.abort();
      },
    };
  };
}
