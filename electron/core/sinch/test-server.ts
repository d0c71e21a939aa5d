import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tiny fake Sinch on 127.0.0.1:0 for the client tests: records every request it receives. */
export type Received = { method: string; url: string; headers: IncomingMessage['headers']; body: string };
export type RouteHandler = (req: Received, res: ServerResponse, raw: IncomingMessage) => void;

export type FakeServer = {
  url: string;
  port: number;
  requests: Received[];
  close(): Promise<void>;
};

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export function listen(handler: RouteHandler, port = 0): Promise<FakeServer> {
  const requests: Received[] = [];
  const server: Server = createServer((raw, res) => {
    const chunks: Buffer[] = [];
    raw.on('data', (c: Buffer) => chunks.push(c));
    raw.on('end', () => {
      const rec = {
        method: raw.method ?? '',
        url: raw.url ?? '',
        headers: raw.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(rec);
      handler(rec, res, raw);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${bound}`,
        port: bound,
        requests,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

/** A port that nothing listens on (bound, then released). */
export async function freePort(): Promise<number> {
  const s = await listen(() => {});
  await s.close();
  return s.port;
}

/** Injected clock: `sleep` advances time instantly and records every wait. */
export function fakeClock(start = 1_700_000_000_000) {
  let t = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}
