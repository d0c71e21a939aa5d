import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { err, type Result } from '../../shared/contract';
import { dispatch, type HandlerTable } from '../../shared/contract/dispatch';
import { CONTENT_SECURITY_POLICY, developmentCsp } from '../../shared/security/csp';
import type { EventListener } from '../core/events';
import type { Logger } from '../core/log';
import type { LogFs } from '../core/log-file';
import {
  bearerToken,
  checkCaller,
  newSecret,
  readCookie,
  sameSecret,
  sessionCookie,
  sessionCookieName,
} from './guard';
import { LAUNCH_FILE_NAME, writeLaunchFile } from './launch';
import { createRequestLog, type RequestLog } from './request-log';
import { readStaticFile } from './static-files';

/** The part of the engine a shell may use (DESIGN.md: the shell is a thin adapter). */
export type EngineSurface = {
  handlers: HandlerTable;
  subscribe(listener: EventListener): () => void;
};

export type WebShellOptions = {
  engine: EngineSurface;
  /** the built renderer (out/renderer) */
  rendererDir: string;
  /** the request log goes to `<dataDir>/logs/web-requests.log` */
  dataDir: string;
  /** 0 (default) picks a free port */
  port?: number;
  /** the printed link's single-use token; random 256 bits unless a test passes its own */
  token?: string;
  /** most browser sessions at once (default 64) */
  maxSessions?: number;
  /** the session cap's clock (ms); tests move it */
  now?: () => number;
  /** largest accepted RPC body, bytes */
  maxBodyBytes?: number;
  /** SSE keep-alive comment interval, ms */
  heartbeatMs?: number;
  /**
   * Where an internal error is reported; default: an `error` line in `logger` (the engine log, whose
   * redactor removes every registered secret), as the Electron engine host does.
   */
  onInternalError?: (channel: string, error: unknown) => void;
  /**
   * npm run dev only, already vetted by `decideDevOrigin`: Vite's dev-server origin, allowed to call
   * through its proxy, and the development CSP instead of the production one.
   */
  devOrigin?: string;
  /** the engine's logger (engine.internals.logger) */
  logger?: Logger;
  /** test seam: the file system under the request log (ENOSPC/EIO injection) */
  requestLogFs?: LogFs;
  /** slow-client limits (defaults: DEFAULT_LIMITS) */
  limits?: Partial<ServerLimits>;
};

export type ServerLimits = {
  /** a client must send its complete headers within this */
  headersTimeoutMs: number;
  /** … and its complete request (body included) within this */
  requestTimeoutMs: number;
  /** open connections at once; more are dropped on accept */
  maxConnections: number;
};

/**
 * Generous for a browser on the same machine (it sends a request in microseconds), tight enough
 * that a local process holding sockets open cannot starve the user's own tabs (issue 10, finding 10).
 * 128 connections: a few browsers × 6 sockets per host + one event stream per tab.
 */
export const DEFAULT_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxConnections: 128,
};

export type WebShell = {
  /**
   * `http://127.0.0.1:PORT/#token=…` — the printed link; it mints ONE session. The token never
   * leaves the fragment.
   */
  url: string;
  /** another single-use link (one per browser or browser context) */
  freshLoginUrl(): string;
  /** `<dataDir>/open-hosting-desk.html` (0600): opens the app; always holds an unused link */
  launchFile: string;
  origin: string;
  port: number;
  token: string;
  requestLog: RequestLog;
  /**
   * Ends every open event stream; browsers reconnect by themselves (`retry: 2000`) and, having
   * maybe missed events, refetch what they show (the renderer's connection signal). Returns how
   * many were open. The CLI does this on SIGUSR2 — the e2e test of that signal uses it.
   */
  dropEventStreams(): number;
  close(): Promise<void>;
};

const DEFAULT_MAX_BODY = 1024 * 1024;
/** More than enough for a few browsers and tabs; stops a token holder from growing the set forever. */
const MAX_SESSIONS = 64;
/** At the cap, a session unused for longer than this makes room for a new one. */
const SESSION_IDLE_MS = 10 * 60_000;
/** Unused links kept at once; older ones stop working. */
const MAX_LOGIN_TOKENS = 16;

const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

class BodyTooLarge extends Error {}

/**
 * The browser shell: the built renderer as static files, the contract's handler table as
 * `POST /rpc/:channel`, the events map as server-sent events on `GET /events`.
 * Loopback only; the launch token is exchanged once (`POST /session`, `Authorization: Bearer`) for an
 * HttpOnly SameSite=Strict cookie that authenticates RPC and the event stream (DESIGN.md, "The contract").
 */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const token = options.token ?? newSecret();
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const heartbeatMs = options.heartbeatMs ?? 20_000;
  // The 500 answer says "see the engine log": this is what puts it there.
  const onInternalError =
    options.onInternalError ??
    ((channel: string, error: unknown) =>
      options.logger?.log('error', 'internal error', {
        channel,
        error:
          error instanceof Error
            ? (error.stack ?? error.message).slice(0, 2_000)
            : String(error).slice(0, 300),
      }));
  const requestLog = createRequestLog(
    options.dataDir,
    undefined,
    options.requestLogFs ? { fs: options.requestLogFs } : {},
  );
  requestLog.redact(token);
  const maxSessions = options.maxSessions ?? MAX_SESSIONS;
  const now = options.now ?? Date.now;
  /** session id → when it was last used */
  const sessions = new Map<string, number>();
  /** links not used yet; each mints one session (issue 10, finding 3) */
  const loginTokens = new Set<string>([token]);
  const launchFile = join(options.dataDir, LAUNCH_FILE_NAME);
  let launchToken = '';
  const streams = new Set<ServerResponse>();
  let port = 0;
  const linkFor = (t: string) => `http://127.0.0.1:${port}/#token=${t}`;
  const mintLoginToken = (): string => {
    const t = newSecret();
    requestLog.redact(t);
    loginTokens.add(t);
    if (loginTokens.size > MAX_LOGIN_TOKENS) loginTokens.delete(loginTokens.values().next().value as string);
    return t;
  };
  /** The launch file always holds an unused link: rewritten whenever its link is spent. */
  const refreshLaunchFile = () => {
    launchToken = mintLoginToken();
    try {
      writeLaunchFile(launchFile, linkFor(launchToken));
    } catch (error) {
      options.logger?.log('warn', 'launch file not written', {
        reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown',
      });
    }
  };
  /** The unused link token equal to `given` (constant time against each), or undefined. */
  const matchLoginToken = (given: string | undefined): string | undefined => {
    let found: string | undefined;
    for (const t of loginTokens) if (sameSecret(given, t)) found = t;
    return found;
  };
  /**
   * Room for one more session: at the cap, the least recently used session goes if it has been
   * idle for over 10 minutes (logged); otherwise there is no room and the login is refused.
   */
  const makeRoom = (): boolean => {
    if (sessions.size < maxSessions) return true;
    let oldest: [string, number] | undefined;
    for (const entry of sessions) if (!oldest || entry[1] < oldest[1]) oldest = entry;
    if (!oldest || now() - oldest[1] <= SESSION_IDLE_MS) return false;
    sessions.delete(oldest[0]);
    options.logger?.log('info', 'browser session dropped to make room: least recently used', {
      idleMinutes: Math.floor((now() - oldest[1]) / 60_000),
      sessions: maxSessions,
    });
    return true;
  };

  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs),
      // Node checks the two timeouts on this interval (default 30 s, longer than the timeouts themselves).
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 2))),
    },
    (req, res) => {
      const started = performance.now();
      const path = (req.url ?? '/').split(/[?#]/)[0] ?? '/';
      res.on('close', () => {
        requestLog.write({
          method: req.method ?? '?',
          path,
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        });
      });
      for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
      if (options.devOrigin) res.setHeader('Content-Security-Policy', developmentCsp(options.devOrigin));
      route(req, res, path).catch((error: unknown) => {
        onInternalError('http', error);
        if (!res.headersSent)
          sendJson(res, 500, err('INTERNAL', 'The browser shell failed on this request.'));
        else res.destroy();
      });
    },
  );
  server.maxConnections = limits.maxConnections;

  const hasSession = (req: IncomingMessage): boolean => {
    const value = readCookie(req.headers.cookie, sessionCookieName(port));
    if (value === undefined) return false;
    let found: string | undefined;
    // Compare against every session in constant time each; never short-circuit on a Map lookup of
    // attacker-controlled input.
    for (const s of sessions.keys()) if (sameSecret(value, s)) found = s;
    if (found === undefined) return false;
    sessions.set(found, now());
    return true;
  };

  async function route(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    const verdict = checkCaller({
      method,
      host: req.headers.host,
      origin: header(req, 'origin'),
      fetchSite: header(req, 'sec-fetch-site'),
      port,
      devOrigin: options.devOrigin,
    });
    if (!verdict.allowed) {
      req.resume();
      return sendJson(res, 403, err('UNAUTHENTICATED', `Refused: ${verdict.reason}.`));
    }

    if (path === '/session') {
      if (method !== 'POST') return sendMethodNotAllowed(res, 'POST');
      req.resume();
      if (hasSession(req)) return sendEmpty(res, 204);
      const loginToken = matchLoginToken(bearerToken(req.headers.authorization));
      if (loginToken === undefined) {
        return sendJson(
          res,
          401,
          err(
            'UNAUTHENTICATED',
            `This link was already used or is from an earlier run: each link opens one browser. Open ${launchFile} for a fresh one.`,
          ),
        );
      }
      if (!makeRoom())
        return sendJson(
          res,
          503,
          err(
            'CONFLICT',
            `${maxSessions} browser sessions are open and all were used in the last 10 minutes: close browser windows you no longer use, wait 10 minutes, or restart Hosting Desk.`,
          ),
        );
      // Spent: the link cannot open a second browser.
      loginTokens.delete(loginToken);
      if (loginToken === launchToken) refreshLaunchFile();
      const session = newSecret();
      sessions.set(session, now());
      requestLog.redact(session);
      res.setHeader('Set-Cookie', sessionCookie(port, session));
      return sendEmpty(res, 204);
    }

    if (path.startsWith('/rpc/')) {
      if (method !== 'POST') return sendMethodNotAllowed(res, 'POST');
      if (!hasSession(req)) {
        req.resume();
        return sendJson(
          res,
          401,
          err('UNAUTHENTICATED', 'No session. Open the URL that npm run serve printed.'),
        );
      }
      const type = req.headers['content-type'] ?? '';
      if (!/^application\/json\s*(;|$)/i.test(type)) {
        req.resume();
        return sendJson(res, 415, err('VALIDATION', 'Send the input as application/json.'));
      }
      let text: string;
      try {
        text = await readBody(req, maxBody);
      } catch (e) {
        if (!(e instanceof BodyTooLarge)) throw e;
        res.setHeader('Connection', 'close');
        return sendJson(res, 413, err('VALIDATION', `Request body larger than ${maxBody} bytes.`));
      }
      let input: unknown;
      try {
        input = text.length === 0 ? undefined : JSON.parse(text);
      } catch {
        return sendJson(res, 200, err('VALIDATION', 'The request body is not valid JSON.'));
      }
      const channel = safeDecode(path.slice('/rpc/'.length));
      const result = await dispatch(options.engine.handlers, channel, input, onInternalError);
      return sendJson(res, 200, result);
    }

    if (path === '/events') {
      if (method !== 'GET') return sendMethodNotAllowed(res, 'GET');
      if (!hasSession(req)) {
        return sendJson(
          res,
          401,
          err('UNAUTHENTICATED', 'No session. Open the URL that npm run serve printed.'),
        );
      }
      return openEventStream(req, res);
    }

    if (method !== 'GET' && method !== 'HEAD') return sendMethodNotAllowed(res, 'GET, HEAD');
    // Static files carry no data, so they need no session; the Host check above still applies.
    const file = await readStaticFile(options.rendererDir, path);
    if (!file) return sendJson(res, 404, err('NOT_FOUND', 'No such page.'));
    res.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Length': file.body.length,
      'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
    });
    res.end(method === 'HEAD' ? undefined : file.body);
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n: connected\n\n');
    streams.add(res);
    const unsubscribe = options.engine.subscribe((event, payload) => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
    heartbeat.unref();
    const stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    };
    req.on('close', stop);
    res.on('close', stop);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: options.port ?? 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  refreshLaunchFile();

  let closing: Promise<void> | null = null;
  return {
    url: linkFor(token),
    freshLoginUrl: () => linkFor(mintLoginToken()),
    launchFile,
    origin,
    port,
    token,
    requestLog,
    dropEventStreams() {
      const open = streams.size;
      for (const res of [...streams]) res.end();
      return open;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const res of streams) res.end();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (e) => {
      if (done) return;
      done = true;
      reject(e);
    });
  });
}

function sendJson(res: ServerResponse, status: number, body: Result<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'Cache-Control': 'no-store' });
  res.end();
}

function sendMethodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('Allow', allow);
  sendJson(res, 405, err('VALIDATION', `Method not allowed; use ${allow}.`));
}
