import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { err, type Result } from '../../shared/contract';
import { dispatch, type HandlerTable } from '../../shared/contract/dispatch';
import { CONTENT_SECURITY_POLICY, developmentCsp } from '../../shared/security/csp';
import type { EventListener } from '../core/events';
import {
  bearerToken,
  checkCaller,
  newSecret,
  readCookie,
  sameSecret,
  sessionCookie,
  sessionCookieName,
} from './guard';
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
  /** the per-launch token; random 256 bits unless a test passes its own */
  token?: string;
  /** largest accepted RPC body, bytes */
  maxBodyBytes?: number;
  /** SSE keep-alive comment interval, ms */
  heartbeatMs?: number;
  onInternalError?: (channel: string, error: unknown) => void;
  /**
   * npm run dev only, already vetted by `decideDevOrigin`: Vite's dev-server origin, allowed to call
   * through its proxy, and the development CSP instead of the production one.
   */
  devOrigin?: string;
};

export type WebShell = {
  /** `http://127.0.0.1:PORT/#token=…` — the one URL to open; the token never leaves the fragment */
  url: string;
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
  const requestLog = createRequestLog(options.dataDir);
  requestLog.redact(token);
  const sessions = new Set<string>();
  const streams = new Set<ServerResponse>();
  let port = 0;

  const server = createServer((req, res) => {
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
      options.onInternalError?.('http', error);
      if (!res.headersSent) sendJson(res, 500, err('INTERNAL', 'The browser shell failed on this request.'));
      else res.destroy();
    });
  });

  const hasSession = (req: IncomingMessage): boolean => {
    const value = readCookie(req.headers.cookie, sessionCookieName(port));
    if (value === undefined) return false;
    let found = false;
    // Compare against every session in constant time each; never short-circuit on a Set lookup of
    // attacker-controlled input.
    for (const s of sessions) if (sameSecret(value, s)) found = true;
    return found;
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
      if (!sameSecret(bearerToken(req.headers.authorization), token)) {
        return sendJson(
          res,
          401,
          err('UNAUTHENTICATED', 'Wrong or missing token. Open the URL that npm run serve printed.'),
        );
      }
      if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.values().next().value as string);
      const session = newSecret();
      sessions.add(session);
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
      const result = await dispatch(options.engine.handlers, channel, input, options.onInternalError);
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

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/#token=${token}`,
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
