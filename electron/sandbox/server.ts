import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApiRequest, numbersIn, type Route, route } from './api';
import { ControlError, type SimulatorControl } from './control';
import { checkControlCaller } from './control-guard';
import type { CreateOperation } from './model';
import { isRecord } from './rules';
import type { Sandbox } from './sandbox';
import type { Settings } from './settings';
import { apiError, problem, type Reply } from './wire';

export const TOKEN_PATH = '/oauth2/token';
export const CONTROL_PREFIX = '/_sandbox';
const MAX_BODY = 10 * 1024 * 1024;

const CREATE_OPS: Record<string, CreateOperation> = {
  ImportNumberService_ImportNumber: 'importNumber',
  HostingOrderService_ImportNumbers: 'hostingOrders:importNumbers',
  TextEnableNumbers: 'hostingOrders:textEnableNumbers',
  TextEnableTollFreeNumbers: 'hostingOrders:textEnableTollFreeNumbers',
  QualifiedNumberService_BatchCreateQualifiedNumbers: 'qualifiedNumbers:addNumbers',
  QualifiedNumberService_TextEnableNumbers: 'qualifiedNumbers:textEnableNumbers',
  QualifiedNumbersTextEnableTollFreeNumbers: 'qualifiedNumbers:textEnableTollFreeNumbers',
};

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.headersSent) return;
  const body = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type':
      reply.status >= 400 && isProblem(reply.body) ? 'application/problem+json' : 'application/json',
    'content-length': Buffer.byteLength(body),
    ...reply.headers,
  });
  res.end(body);
}

const isProblem = (body: unknown) => isRecord(body) && typeof body.type === 'string' && 'title' in body;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The HTTP face of the simulator: Sinch's API under `/v1/projects/…`, the OAuth2 token endpoint, and the
 * control surface under `/_sandbox/…`, all on one loopback server.
 */
export class SandboxHttp {
  /** Responses held open by the "timeout" fault, answered never; destroyed on close. */
  readonly held = new Set<ServerResponse>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  /** the port we listen on, set once listening (the control surface's Host/Origin check) */
  port = 0;

  constructor(
    private readonly sb: Sandbox,
    private readonly control: SimulatorControl,
    /** the per-start secret the control surface requires; null = none (only for a trusted harness) */
    private readonly controlSecret: string | null = null,
  ) {}

  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    const started = Date.now();
    // Path only: query strings and headers (credentials) are never logged.
    const path = (req.url ?? '/').split('?')[0];
    res.on('finish', () =>
      this.sb.log(`${req.method} ${path} → ${res.statusCode} (${Date.now() - started} ms)`),
    );
    this.dispatch(req, res).catch((error: unknown) => {
      send(res, apiError('flat', 500, error instanceof Error ? error.message : 'Internal error'));
    });
  };

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    if (url.pathname === TOKEN_PATH) return send(res, this.token(method, req, raw));
    if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
      const header = (name: string) => {
        const v = req.headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      const verdict = checkControlCaller({
        host: req.headers.host,
        origin: header('origin'),
        fetchSite: header('sec-fetch-site'),
        authorization: req.headers.authorization,
        port: this.port,
        secret: this.controlSecret,
      });
      if (!verdict.allowed)
        return send(res, { status: verdict.status, body: { error: `Refused: ${verdict.reason}.` } });
      return send(res, await this.controlRequest(method, url, raw));
    }
    return this.api(method, url, req, res, raw);
  }

  // ---- OAuth2 client credentials (REFERENCE §2.2) ------------------------------------------------------------

  private token(method: string, req: IncomingMessage, raw: string): Reply {
    if (method !== 'POST')
      return { status: 405, body: { error: 'invalid_request', error_description: 'Use POST' } };
    const form = new URLSearchParams(raw);
    if (form.get('grant_type') !== 'client_credentials') {
      return {
        status: 400,
        body: { error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials' },
      };
    }
    const basic = parseBasic(req.headers.authorization);
    const keyId = basic?.user ?? form.get('client_id') ?? '';
    const keySecret = basic?.password ?? form.get('client_secret') ?? '';
    const known = this.sb.projectsForKey(keyId).some((p) => p.keySecret === keySecret);
    if (!known && this.sb.settings.authMode === 'strict') {
      return {
        status: 401,
        body: {
          error: 'invalid_client',
          error_description: 'Client authentication failed: unknown key or wrong secret',
        },
        headers: { 'www-authenticate': 'Basic realm="sinch"' },
      };
    }
    const t = this.sb.store.transaction(() => this.sb.issueToken(keyId));
    return {
      status: 200,
      body: {
        access_token: t.token,
        token_type: 'bearer',
        expires_in: this.sb.settings.tokenTtlSeconds,
        scope: '',
      },
    };
  }

  // ---- the API --------------------------------------------------------------------------------------------------

  private async api(
    method: string,
    url: URL,
    req: IncomingMessage,
    res: ServerResponse,
    raw: string,
  ): Promise<void> {
    const parts = url.pathname.split('/').slice(1);
    let segments: string[];
    try {
      segments = parts.map((p) => decodeURIComponent(p));
    } catch {
      return send(res, apiError('flat', 400, 'Malformed path'));
    }
    const [v1, projects, projectId, ...rest] = segments;
    if (v1 !== 'v1' || projects !== 'projects' || !projectId) {
      return send(res, apiError('flat', 404, `No such resource: ${url.pathname}`));
    }
    const matched = route(method, rest);
    if (!matched) return send(res, apiError('flat', 404, `No such resource: ${method} ${url.pathname}`));
    const r = matched.route;

    // Counted when answered (before the client can read it), so stats are exact when a test looks.
    const answer = (reply: Reply): void => {
      this.sb.countRequest(r.name, reply.status);
      send(res, reply);
    };

    const auth = this.authorize(req, projectId);
    if (auth.reply) return answer(auth.reply);
    const limited = this.rateLimit(projectId, auth.bearer ? 'oauth' : 'basic');
    if (limited) return answer(limited);

    let body: unknown;
    if (raw.trim() !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        return answer(apiError(r.shape, 400, 'The request body is not valid JSON'));
      }
    }
    const apiReq: ApiRequest = { projectId, method, rest, query: url.searchParams, body };

    const fault = this.drawFault(r, auth.bearer);
    if (this.sb.faults.latencyMs) await delay(this.sb.faults.latencyMs);
    if (fault === 'tokenExpiry' && auth.bearer) {
      this.sb.expireToken(auth.bearer);
      this.logFaultRefusal(r, apiReq, 401, 'fault:tokenExpiry');
      return answer(expiredReply());
    }
    if (fault === 'rate429') {
      const seconds = this.sb.faults.retryAfterSeconds ?? 1;
      this.logFaultRefusal(r, apiReq, 429, 'fault:429');
      return answer(
        problem(429, 'too-many-requests', 'Too Many Requests', 'The request rate limit has been exceeded.', {
          'retry-after': String(seconds),
        }),
      );
    }
    if (fault === 'rate5xx') {
      this.logFaultRefusal(r, apiReq, 500, 'fault:5xx');
      return answer(apiError(r.shape, 500, 'Internal server error (injected by the sandbox)'));
    }
    if (fault === 'timeout') {
      // Never answered and never processed: the client gives up on its own.
      this.logFaultRefusal(r, apiReq, 0, 'fault:timeout');
      this.sb.countRequest(r.name, 0);
      this.held.add(res);
      res.on('close', () => this.held.delete(res));
      return;
    }

    const reply = this.run(r, apiReq, matched.params);
    if (fault === 'resetAfter') {
      // The ambiguous case: the mutation above has been applied, the client never hears about it.
      this.sb.countRequest(r.name, 0);
      req.socket.destroy();
      return;
    }
    answer(reply);
  }

  private run(r: Route, apiReq: ApiRequest, params: string[]): Reply {
    this.sb.catchUp();
    try {
      return this.sb.store.transaction(() => r.handle(this.sb, apiReq, params));
    } catch (error) {
      return apiError(r.shape, 500, error instanceof Error ? error.message : 'Internal error');
    }
  }

  private logFaultRefusal(r: Route, apiReq: ApiRequest, status: number, reason: string): void {
    const op = CREATE_OPS[r.name];
    if (!op) return;
    const numbers = numbersIn(apiReq.body);
    this.sb.store.transaction(() =>
      this.sb.logCreate(op, apiReq.projectId, numbers, 'REFUSED', status, { reason, body: apiReq.body }),
    );
  }

  /** §3.6: a token bucket per project and auth kind, in real time. */
  private rateLimit(projectId: string, kind: 'basic' | 'oauth'): Reply | undefined {
    const rate = kind === 'basic' ? this.sb.settings.basicRatePerSecond : this.sb.settings.oauthRatePerSecond;
    if (!rate || rate <= 0) return undefined;
    const key = `${projectId}|${kind}`;
    const now = Date.now();
    const bucket = this.buckets.get(key) ?? { tokens: rate, at: now };
    bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    const seconds = Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
    return problem(
      429,
      'too-many-requests',
      'Too Many Requests',
      'The request rate limit has been exceeded.',
      {
        'retry-after': String(seconds),
      },
    );
  }

  /** One PRNG draw per eligible request, so the same seed and request sequence give the same faults. */
  private drawFault(r: Route, bearer: string | undefined): FaultKind | undefined {
    const f = this.sb.faults;
    const kinds: [FaultKind, number][] = [
      ['tokenExpiry', f.tokenExpiry ?? 0],
      ['rate429', f.rate429 ?? 0],
      ['rate5xx', f.rate5xx ?? 0],
      ['timeout', f.timeout ?? 0],
      ['resetAfter', f.resetAfter ?? 0],
    ];
    if (kinds.every(([, rate]) => rate <= 0)) return undefined;
    if (f.mutatingOnly && !r.mutating) return undefined;
    const x = this.sb.faultPrng.next();
    let acc = 0;
    for (const [kind, rate] of kinds) {
      acc += rate;
      if (x < acc) return kind === 'tokenExpiry' && !bearer ? undefined : kind;
    }
    return undefined;
  }

  /** REFERENCE §2: Basic (key id + secret) or Bearer (token from the token endpoint), and project access. */
  private authorize(req: IncomingMessage, projectId: string): { reply?: Reply; bearer?: string } {
    const header = req.headers.authorization ?? '';
    const bearer = /^bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    if (this.sb.settings.authMode === 'off') {
      if (!this.sb.project(projectId)) {
        this.sb.store.transaction(() =>
          this.sb.putProject({ projectId, keyId: '', keySecret: '', hmacSecret: '' }),
        );
      }
      return bearer ? { bearer } : {};
    }
    let keyId: string | undefined;
    if (bearer) {
      const t = this.sb.token(bearer);
      if (!t) return { reply: invalidCredentials() };
      if (t.expiresAtReal <= Date.now()) return { reply: expiredReply() };
      keyId = t.keyId;
    } else {
      const basic = parseBasic(header);
      if (!basic) return { reply: invalidCredentials() };
      const ok = this.sb.projectsForKey(basic.user).some((p) => p.keySecret === basic.password);
      if (!ok) return { reply: invalidCredentials() };
      keyId = basic.user;
    }
    const project = this.sb.project(projectId);
    if (!project || project.keyId !== keyId) {
      return {
        reply: problem(
          403,
          'permission-denied',
          'Permission denied',
          `Access key ${keyId} does not have access to projects/${projectId}`,
        ),
      };
    }
    return bearer ? { bearer } : {};
  }

  // ---- control surface ------------------------------------------------------------------------------------------

  private async controlRequest(method: string, url: URL, raw: string): Promise<Reply> {
    let body: Record<string, unknown> = {};
    if (raw.trim() !== '') {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (isRecord(parsed)) body = parsed;
      } catch {
        return { status: 400, body: { error: 'The request body is not valid JSON' } };
      }
    }
    const c = this.control;
    const path = url.pathname.slice(CONTROL_PREFIX.length).split('/').filter(Boolean).map(decodeURIComponent);
    const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    const projectId = str(body.projectId) ?? str(url.searchParams.get('projectId'));
    const withId = ['orders', 'qualified-numbers', 'numbers'].includes(path[0] ?? '') && path.length >= 2;
    const key = `${method} /${path.map((p, i) => (withId && i === 1 ? '*' : p)).join('/')}`;
    const id = path[1] ?? '';
    try {
      switch (key) {
        case 'GET /state':
        case 'GET /':
          return ok({
            now: c.now(),
            settings: c.settings(),
            faults: c.faults(),
            projects: this.sb.projects(),
          });
        case 'POST /clock/advance': {
          const ms = Number(body.ms);
          if (!Number.isFinite(ms) || ms < 0) throw new ControlError(400, 'ms must be a non-negative number');
          return ok(c.advance(ms));
        }
        case 'POST /orders/*/sign-loa':
          return ok(c.signLoa(id));
        case 'POST /orders/*/refuse-loa':
          return ok(c.refuseLoa(id, str(body.reason)));
        case 'POST /qualified-numbers/*/approve':
          return ok(
            c.approveQualification(id, {
              requireVerification: body.requireVerification === true,
              ...(projectId ? { projectId } : {}),
            }),
          );
        case 'POST /qualified-numbers/*/reject': {
          const reason = str(body.reason);
          return ok(
            c.rejectQualification(id, { ...(reason ? { reason } : {}), ...(projectId ? { projectId } : {}) }),
          );
        }
        case 'GET /qualified-numbers/*/voice-code':
          return ok({ phoneNumber: id, code: c.voiceCode(id, projectId) });
        case 'PUT /faults':
        case 'POST /faults':
          return ok(c.setFaults(body));
        case 'GET /faults':
          return ok(c.faults());
        case 'GET /create-requests': {
          const phone = url.searchParams.get('phoneNumber');
          return ok({ requests: c.createRequests(phone ?? undefined) });
        }
        case 'GET /numbers/*':
          return ok(c.numberHistory(id));
        case 'POST /numbers/*/failures':
          c.injectFailure(id, body.step as 'osr' | 'platform' | 'campaign', str(body.failureCode));
          return ok({});
        case 'PATCH /settings':
        case 'POST /settings':
          return ok(c.configure(body as Partial<Settings>));
        case 'GET /settings':
          return ok(c.settings());
        case 'POST /tokens/expire':
          return ok(c.expireTokens());
        case 'POST /projects': {
          const [p, k, s] = [str(body.projectId), str(body.keyId), str(body.keySecret)];
          if (!p || !k || !s) throw new ControlError(400, 'projectId, keyId and keySecret are required');
          c.addProject({ projectId: p, keyId: k, keySecret: s });
          return ok({});
        }
        case 'GET /stats':
          return ok({ requests: c.requestStats() });
        case 'GET /callbacks':
          return ok({ callbacks: c.callbacks() });
        case 'POST /callbacks/flush':
          await c.flushCallbacks();
          return ok({ callbacks: c.callbacks() });
        case 'POST /reset':
          c.reset();
          return ok({});
        default:
          return { status: 404, body: { error: `No control operation ${method} ${url.pathname}` } };
      }
    } catch (error) {
      if (error instanceof ControlError) return { status: error.status, body: { error: error.message } };
      throw error;
    }
  }
}

type FaultKind = 'tokenExpiry' | 'rate429' | 'rate5xx' | 'timeout' | 'resetAfter';

const ok = (body: unknown): Reply => ({ status: 200, body });

function parseBasic(header: string | undefined): { user: string; password: string } | undefined {
  const m = /^basic\s+(.+)$/i.exec(header ?? '');
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1].trim(), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return undefined;
  return { user: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

const invalidCredentials = () =>
  problem(401, 'invalid-credentials', 'Invalid credentials', 'The credentials are missing or not valid.', {
    'www-authenticate': 'Basic realm="sinch", Bearer realm="sinch"',
  });

/** §2.2: the Python SDK refreshes once when `WWW-Authenticate` contains "expired". */
const expiredReply = () =>
  problem(401, 'access-token-expired', 'Token expired', 'The access token has expired.', {
    'www-authenticate': 'Bearer error="invalid_token", error_description="The access token expired"',
  });
