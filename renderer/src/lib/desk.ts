import {
  type ChannelName,
  channelNames,
  type EventName,
  type EventPayload,
  eventNames,
  err,
  events as eventSchemas,
  type Input,
  isChannelName,
  isEventName,
  type Output,
  type Result,
} from '../../../shared/contract';

/**
 * The renderer's only way to the engine, typed by shared/contract. Two transports, one shape:
 * - Electron: the preload's `window.desk` bridge (IPC to the engine);
 * - the browser shell (`npm run serve`): `POST /rpc/:channel` and server-sent events on `/events`.
 * Every call resolves to a Result envelope — transport failures included — and never throws.
 */
export type Desk = {
  call<C extends ChannelName>(channel: C, input: Input<C>): Promise<Result<Output<C>>>;
  /** Subscribe to an engine event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /**
   * The connection signal: the event stream reconnected or the engine restarted. Events may have been
   * missed meanwhile, so whatever the renderer holds may be stale (the query layer refetches all).
   * Not called for the first connection.
   */
  onConnection(listener: (reason: ConnectionReason) => void): () => void;
  readonly channels: readonly ChannelName[];
  readonly events: readonly EventName[];
  readonly transport: 'electron' | 'http';
};

export type ConnectionReason = 'reconnected' | 'engine-restarted';

/** What the Electron preload exposes on `window.desk` (electron/preload). */
export type DeskBridge = {
  call(channel: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** the engine restarted under the window (electron/preload forwards `desk:connection`) */
  onConnection?(listener: (reason: string) => void): () => void;
  /** main asks to open one of the app's routes (electron/preload forwards `desk:open-route`) */
  onOpenRoute?(listener: (path: string) => void): () => void;
  channels?: unknown;
  events?: unknown;
};

const isResult = (value: unknown): value is Result<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';

const unknownChannel = (channel: string) =>
  err('VALIDATION', `Unknown channel: ${String(channel).slice(0, 80)}`);

function parseEvent<E extends EventName>(event: E, payload: unknown): EventPayload<E> | undefined {
  const parsed = eventSchemas[event].safeParse(payload);
  return parsed.success ? (parsed.data as EventPayload<E>) : undefined;
}

/** The Electron transport: a thin typed wrapper over the preload bridge. */
export function createBridgeDesk(bridge: DeskBridge): Desk {
  return {
    transport: 'electron',
    channels: channelNames,
    events: eventNames,
    async call(channel, input) {
      if (!isChannelName(channel)) return unknownChannel(channel);
      try {
        const result = await bridge.call(channel, input);
        if (isResult(result)) return result as Result<Output<typeof channel>>;
        return err('INTERNAL', 'The engine answered with something that is not a result.');
      } catch {
        return err('INTERNAL', 'The connection to the engine failed. Restart Hosting Desk if this persists.');
      }
    },
    on(event, listener) {
      if (!isEventName(event)) return () => {};
      return bridge.on(event, (payload) => {
        const parsed = parseEvent(event, payload);
        if (parsed !== undefined) listener(parsed);
      });
    },
    onConnection(listener) {
      if (!bridge.onConnection) return () => {};
      return bridge.onConnection((reason) =>
        listener(reason === 'reconnected' ? 'reconnected' : 'engine-restarted'),
      );
    },
  };
}

/** The part of EventSource the client uses, so tests in Node can pass their own. */
export type EventSourceLike = {
  /** `open` fires on every (re)connection; its event carries no data */
  addEventListener(type: string, listener: (event: { data?: string }) => void): void;
  close(): void;
};

export type HttpDeskOptions = {
  /** '' (same origin, the default in the browser) or e.g. 'http://127.0.0.1:1234' */
  baseUrl?: string;
  fetch?: typeof fetch;
  openEvents?: (url: string) => EventSourceLike;
};

const notAnswering = () =>
  err('OFFLINE', 'The Hosting Desk server is not answering: npm run serve may have stopped.');

/** The browser-shell transport. The session cookie (see openBrowserSession) authenticates both routes. */
export function createHttpDesk(options: HttpDeskOptions = {}): Desk {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const openEvents =
    options.openEvents ?? ((url: string): EventSourceLike => new EventSource(url, { withCredentials: true }));

  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSourceLike | null = null;
  const wired = new Set<EventName>();
  const connectionListeners = new Set<(reason: ConnectionReason) => void>();
  // Every open after the very first one is a reconnection: EventSource retries by itself after the
  // stream dropped, and a stream closed for want of listeners and opened again missed events too.
  let opens = 0;

  const openSource = () => {
    const opened = openEvents(`${base}/events`);
    opened.addEventListener('open', () => {
      opens++;
      if (opens > 1) for (const listener of [...connectionListeners]) listener('reconnected');
    });
    return opened;
  };

  const wire = (event: EventName) => {
    if (!source || wired.has(event)) return;
    wired.add(event);
    source.addEventListener(event, (message) => {
      let payload: unknown;
      try {
        payload = JSON.parse(message.data ?? '');
      } catch {
        return;
      }
      const parsed = parseEvent(event, payload);
      if (parsed === undefined) return;
      for (const listener of listeners.get(event) ?? []) listener(parsed);
    });
  };

  return {
    transport: 'http',
    channels: channelNames,
    events: eventNames,
    async call(channel, input) {
      if (!isChannelName(channel)) return unknownChannel(channel);
      let response: Response;
      try {
        response = await doFetch(`${base}/rpc/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
      } catch {
        return notAnswering();
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return err('INTERNAL', `The server answered ${response.status} without a result.`);
      }
      if (isResult(body)) return body as Result<Output<typeof channel>>;
      return err('INTERNAL', `The server answered ${response.status} without a result.`);
    },
    on(event, listener) {
      if (!isEventName(event)) return () => {};
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      const entry = listener as (payload: unknown) => void;
      set.add(entry);
      if (!source) {
        source = openSource();
        wired.clear();
        for (const name of listeners.keys()) wire(name);
      } else wire(event);
      return () => {
        set.delete(entry);
        const anyLeft = [...listeners.values()].some((s) => s.size > 0);
        if (!anyLeft && source) {
          source.close();
          source = null;
        }
      };
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };
}

/**
 * Browser shell only: exchange the launch token from the URL fragment (`#token=…`, never sent to the
 * server by the browser) for the HttpOnly session cookie, then drop the token from the address bar
 * so it is not bookmarked, shared in a screenshot or kept in history. Without a token, an existing
 * session cookie (a reload) is enough.
 */
export async function openBrowserSession(
  location: { hash: string; pathname: string; search: string },
  options: { baseUrl?: string; fetch?: typeof fetch; replaceUrl?: (url: string) => void } = {},
): Promise<Result<null>> {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const tokenHash = location.hash;
  const token = new URLSearchParams(tokenHash.replace(/^#/, '')).get('token');
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await doFetch(`${options.baseUrl ?? ''}/session`, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
    });
  } catch {
    return notAnswering();
  }
  // `location` is live (window.location): the user — or a notification, or a test — may have moved to
  // a screen (`#/queue`) while the exchange was in flight, and that hash already replaced the token.
  // Replacing the URL then would throw their screen away and open `/` instead.
  if (token && location.hash === tokenHash) options.replaceUrl?.(`${location.pathname}${location.search}`);
  if (response.ok) return { ok: true, value: null };
  return err(
    'UNAUTHENTICATED',
    token
      ? 'This link was not accepted: each link opens one browser, and this one was already used or belongs to an earlier run of npm run serve.'
      : 'This page was opened without its access link, so the server does not know this browser.',
  );
}

declare global {
  interface Window {
    desk?: DeskBridge;
  }
}

/** Pick the transport: the Electron bridge when the preload put one there, HTTP otherwise. */
export function connectDesk(win: Window = window): Desk {
  return win.desk ? createBridgeDesk(win.desk) : createHttpDesk();
}
