import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { Agent } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A counting pass-through in front of the simulator, on 127.0.0.1: what actually arrives at the
 * simulator, measured where the simulator stands (not from the client's own bookkeeping). Every
 * mutating API request (POST/PATCH/DELETE under /v1/) is recorded with its real arrival and answer
 * time and status; the bearer tokens seen in `Authorization` headers are kept for the secrets scan.
 */
export type MeteredRequest = {
  method: string;
  path: string;
  startedAt: number;
  answeredAt: number;
  /** 0 = the connection was dropped without an answer (e.g. the simulator's reset-after-processing) */
  status: number;
};

export type RequestMeter = {
  url: string;
  mutating: MeteredRequest[];
  /** every request, mutating or not */
  total: () => number;
  /** answers by status, every request; 0 = dropped without an answer */
  statuses: Map<number, number>;
  bearerTokens: Set<string>;
  close(): Promise<void>;
};

export async function startRequestMeter(targetUrl: string): Promise<RequestMeter> {
  const target = new URL(targetUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const mutating: MeteredRequest[] = [];
  const bearerTokens = new Set<string>();
  let total = 0;
  const statuses = new Map<number, number>();
  const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    total++;
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const record: MeteredRequest | undefined =
      method !== 'GET' && path.startsWith('/v1/')
        ? { method, path, startedAt: performance.now(), answeredAt: 0, status: 0 }
        : undefined;
    const bearer = /^bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    if (bearer) bearerTokens.add(bearer);
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method,
        path,
        headers: { ...req.headers, host: target.host },
        agent,
      },
      (answer) => {
        count(answer.statusCode ?? 0);
        if (record) {
          record.status = answer.statusCode ?? 0;
          record.answeredAt = performance.now();
          mutating.push(record);
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      count(0);
      // The simulator dropped the connection (reset-after-processing) or is down: pass that on as a drop.
      if (record) {
        record.answeredAt = performance.now();
        mutating.push(record);
      }
      res.socket?.destroy();
    });
    req.pipe(upstream);
  };

  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    mutating,
    total: () => total,
    statuses,
    bearerTokens,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
