import { describe, expect, it, vi } from 'vitest';
import { channelNames, eventNames } from '../../../shared/contract';
import { createBridgeDesk, createHttpDesk, type DeskBridge, openBrowserSession } from './desk';

/** The Electron transport over a fake preload bridge (the real one is tested with Electron, H1). */
function fakeBridge(overrides: Partial<DeskBridge> = {}) {
  const listeners = new Map<string, (payload: unknown) => void>();
  const bridge: DeskBridge = {
    call: vi.fn(async () => ({ ok: true, value: { available: true } })),
    on: vi.fn((event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    }),
    channels: channelNames,
    events: eventNames,
    ...overrides,
  };
  return { bridge, push: (event: string, payload: unknown) => listeners.get(event)?.(payload) };
}

describe('createBridgeDesk', () => {
  it('exposes exactly the contract’s channels and passes calls through', async () => {
    const { bridge } = fakeBridge();
    const desk = createBridgeDesk(bridge);
    expect(new Set(desk.channels)).toEqual(new Set(channelNames));
    const result = await desk.call('keychain.probe', {});
    expect(result).toEqual({ ok: true, value: { available: true } });
    expect(bridge.call).toHaveBeenCalledWith('keychain.probe', {});
  });

  it('refuses unknown channels locally and turns a broken bridge into a result', async () => {
    const { bridge } = fakeBridge({ call: vi.fn(async () => Promise.reject(new Error('port closed'))) });
    const desk = createBridgeDesk(bridge);
    expect(await desk.call('nope' as 'app.status', {})).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(bridge.call).not.toHaveBeenCalled();
    expect(await desk.call('app.status', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('delivers only payloads that match the event schema', () => {
    const { bridge, push } = fakeBridge();
    const desk = createBridgeDesk(bridge);
    const seen: unknown[] = [];
    const off = desk.on('app.statusChanged', (p) => seen.push(p));
    push('app.statusChanged', { reason: 'keychain' });
    push('app.statusChanged', { reason: 'not-a-reason' });
    off();
    push('app.statusChanged', { reason: 'workspace' });
    expect(seen).toEqual([{ reason: 'keychain' }]);
  });
});

describe('openBrowserSession', () => {
  it('sends the fragment token as a bearer header, never in the URL, and drops it from the address bar', async () => {
    const fetchSpy = vi.fn(async () => new Response(null, { status: 204 }));
    const replaceUrl = vi.fn();
    const result = await openBrowserSession(
      { hash: '#token=fake-token-abc', pathname: '/', search: '' },
      { fetch: fetchSpy as unknown as typeof fetch, replaceUrl },
    );
    expect(result.ok).toBe(true);
    const [url, init] = fetchSpy.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/session');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer fake-token-abc');
    expect(replaceUrl).toHaveBeenCalledWith('/');
  });

  it('keeps a screen the user opened while the token was being exchanged', async () => {
    // window.location is live: the spec (or a user, or a notification) sets `#/queue` mid-exchange
    const location = { hash: '#token=fake-token-abc', pathname: '/', search: '' };
    const fetchSpy = vi.fn(async () => {
      location.hash = '#/queue';
      return new Response(null, { status: 204 });
    });
    const replaceUrl = vi.fn();
    const result = await openBrowserSession(location, {
      fetch: fetchSpy as unknown as typeof fetch,
      replaceUrl,
    });
    expect(result.ok).toBe(true);
    expect(replaceUrl).not.toHaveBeenCalled();
  });
});

describe('createHttpDesk connection signal', () => {
  it('says "reconnected" on every open of the event stream after the first, never on the first', () => {
    const opens: (() => void)[] = [];
    const desk = createHttpDesk({
      openEvents: () => ({
        addEventListener: (type, listener) => {
          if (type === 'open') opens.push(() => listener({}));
        },
        close: () => {},
      }),
    });
    const reasons: string[] = [];
    desk.onConnection((reason) => reasons.push(reason));
    const off = desk.on('sync.state', () => {});
    opens[0]?.();
    expect(reasons).toEqual([]);
    opens[0]?.(); // EventSource reconnected by itself after a drop
    expect(reasons).toEqual(['reconnected']);
    // A stream closed for want of listeners and opened again has missed events too.
    off();
    desk.on('jobs.changed', () => {});
    opens[1]?.();
    expect(reasons).toEqual(['reconnected', 'reconnected']);
  });
});
