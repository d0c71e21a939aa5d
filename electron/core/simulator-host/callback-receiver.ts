import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CallbackPayload, callbackPayload } from '../../../shared/sinch';
import type { Logger } from '../log';
import { verifyCallbackSignature } from '../sinch';

/**
 * The engine's loopback receiver for Sandbox callbacks (DESIGN.md "Callbacks"; REFERENCE.md §8).
 * Every delivery must carry a valid `X-Sinch-Signature` (§8.3) — anything else is answered 401 and
 * ignored. A valid one is only a HINT: it makes the sync engine poll that resource now, and the poll
 * decides the state, so stale or out-of-order callbacks (§8.1) can never move a number backwards.
 */
export type CallbackReceiver = {
  /** `http://127.0.0.1:<port>/sinch/callbacks`: what the Sandbox's requests carry as `callbackUrl` */
  url: string;
  /** deliveries so far, for the status page and tests */
  counts(): { accepted: number; rejected: number; duplicates: number };
  close(): Promise<void>;
};

export type CallbackReceiverOptions = {
  /** the project's HMAC secret; null = not configured yet, so nothing can be verified (401) */
  secret(): string | null;
  /** a verified, parsed, not-yet-seen callback */
  onCallback(payload: CallbackPayload): void;
  logger: Logger;
  /** the port to listen on (the one the Sandbox used last time); busy → a free one. Default: any free one. */
  port?: number;
};

const PATH = '/sinch/callbacks';
/** Sinch's payload is a few hundred bytes; anything much larger is not a callback. */
const MAX_BODY_BYTES = 64 * 1024;
/** eventIds remembered for de-duplication (§8.3: replay protection = eventId de-duplication) */
const SEEN_LIMIT = 5_000;

export async function startCallbackReceiver(options: CallbackReceiverOptions): Promise<CallbackReceiver> {
  const counts = { accepted: 0, rejected: 0, duplicates: 0 };
  const seen = new Set<string>();

  const answer = (res: ServerResponse, status: number, message: string) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(status < 300 ? { ok: true } : { error: message }));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== PATH) return answer(res, 404, 'not found');
    if (req.method !== 'POST') return answer(res, 405, 'POST only');
    const body = await readBody(req);
    if (body === null) return answer(res, 413, 'body too large');
    const secret = options.secret();
    // Verify over the RAW bytes, before any JSON parsing (§8.3).
    if (!secret || !verifyCallbackSignature(secret, body, req.headers['x-sinch-signature']?.toString())) {
      counts.rejected++;
      options.logger.log('warn', 'sandbox callback refused: bad signature');
      return answer(res, 401, 'invalid signature');
    }
    let parsed: CallbackPayload;
    try {
      const result = callbackPayload.safeParse(JSON.parse(body.toString('utf8')));
      if (!result.success) return answer(res, 400, 'not a callback payload');
      parsed = result.data;
    } catch {
      return answer(res, 400, 'not JSON');
    }
    // §8.1: answer quickly, process afterwards.
    answer(res, 200, 'ok');
    if (seen.has(parsed.eventId)) {
      counts.duplicates++;
      return;
    }
    seen.add(parsed.eventId);
    if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value as string);
    counts.accepted++;
    try {
      options.onCallback(parsed);
    } catch (error) {
      options.logger.log('error', 'sandbox callback hint failed', {
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) answer(res, 500, 'internal error');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 1_000;
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  try {
    await listen(options.port ?? 0);
  } catch (error) {
    if (!options.port || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    // Taken by another program meanwhile: a new port; earlier orders' callbacks are then polled instead.
    options.logger.log('warn', 'sandbox callback port taken; using a new one', { port: options.port });
    await listen(0);
  }
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}${PATH}`,
    counts: () => ({ ...counts }),
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
