/**
 * A tiny webhook receiver on 127.0.0.1 (port 0) for callback tests: keeps every delivery's RAW body
 * bytes and headers (HMAC is computed over the raw bytes, §8.3), answers 200 at once (§8.1), and lets a
 * test wait for a delivery matching a predicate — an event, not a sleep.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  /** parsed JSON, or undefined when the body is not JSON */
  json: unknown;
}

export interface CallbackReceiver {
  url: string;
  deliveries: Delivery[];
  /** Resolves with the first delivery (past or future) matching `match`; rejects after `timeoutMs` real ms. */
  waitFor(match: (d: Delivery) => boolean, timeoutMs?: number): Promise<Delivery>;
  close(): Promise<void>;
}

export async function startCallbackReceiver(path = '/sinch/events'): Promise<CallbackReceiver> {
  const deliveries: Delivery[] = [];
  const waiters = new Set<{ match: (d: Delivery) => boolean; resolve: (d: Delivery) => void }>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        json = undefined;
      }
      const d: Delivery = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, raw, json };
      deliveries.push(d);
      res.writeHead(200).end();
      for (const w of [...waiters]) {
        if (w.match(d)) {
          waiters.delete(w);
          w.resolve(d);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    deliveries,
    waitFor(match, timeoutMs = 5_000) {
      const seen = deliveries.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise<Delivery>((resolve, reject) => {
        const waiter = { match, resolve };
        waiters.add(waiter);
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching callback within ${timeoutMs} ms (got ${deliveries.length})`));
        }, timeoutMs);
        const done = waiter.resolve;
        waiter.resolve = (d) => {
          clearTimeout(timer);
          done(d);
        };
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
