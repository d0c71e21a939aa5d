import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClockMode } from './clock';
import { createControl, type SimulatorControl } from './control';
import { DEMO_PROJECT, Sandbox } from './sandbox';
import { CONTROL_PREFIX, SandboxHttp, TOKEN_PATH } from './server';
import type { Settings } from './settings';

export type { ClockMode } from './clock';
export { ControlError, type NumberHistory, type SimulatorControl } from './control';
export type { CallbackRec, CreateRequestRec, FailureCode } from './model';
export { DEMO_PROJECT, type RequestStats } from './sandbox';
export type { FaultProfile, Settings } from './settings';

export type SimulatorProject = { projectId: string; keyId: string; keySecret: string };

export type SimulatorOptions = {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: '127.0.0.1';
  /** SQLite file for the state; omitted = in memory. */
  dbFile?: string;
  /** better-sqlite3 addon path when running inside Electron (DESIGN.md, "Electron and the native module"). */
  nativeBinding?: string;
  /** 'manual' (default): time moves only by `advance`. `{ fast: 60 }`: simulated time runs 60× real time. */
  clock?: ClockMode;
  seed?: number;
  /** Projects and their (fake) access keys; default: one demo project (DEMO_PROJECT). */
  projects?: SimulatorProject[];
  /** The "raised limit" of hostingOrders:importNumbers (default 5). */
  importLimit?: number;
  /** Any other behaviour switch (see settings.ts). */
  settings?: Partial<Settings>;
  onLog?: (line: string) => void;
  /** Used to deliver callbacks (default: global fetch). */
  fetch?: typeof fetch;
  /**
   * The secret `/_sandbox` requires as `Authorization: Bearer …`. Default: a fresh random one per
   * start, returned as `controlSecret` (the starter holds it). `null` turns the check off.
   */
  controlSecret?: string | null;
};

export type RunningSimulator = {
  /** Sinch API base, e.g. `http://127.0.0.1:PORT` (paths start with /v1/projects/…). */
  baseUrl: string;
  /** OAuth2 token endpoint (client credentials), the stand-in for https://auth.sinch.com/oauth2/token. */
  authUrl: string;
  /** Control surface base (`/_sandbox`); every request needs `Authorization: Bearer <controlSecret>`. */
  controlUrl: string;
  /** this start's control secret (null when started without one) */
  controlSecret: string | null;
  project: SimulatorProject;
  control: SimulatorControl;
  close(): Promise<void>;
};

/** How often the fast clock applies due transitions (real milliseconds). */
const FAST_TICK_MS = 200;

/** Starts the Sinch simulator on 127.0.0.1. */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const settings: Partial<Settings> = {
    ...opts.settings,
    ...(opts.importLimit !== undefined ? { importLimit: opts.importLimit } : {}),
  };
  const sb = new Sandbox({
    ...(opts.dbFile !== undefined ? { dbFile: opts.dbFile } : {}),
    ...(opts.nativeBinding !== undefined ? { nativeBinding: opts.nativeBinding } : {}),
    ...(opts.clock !== undefined ? { clock: opts.clock } : {}),
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(opts.projects !== undefined ? { projects: opts.projects } : {}),
    ...(opts.onLog !== undefined ? { onLog: opts.onLog } : {}),
    ...(opts.fetch !== undefined ? { fetch: opts.fetch } : {}),
    settings,
  });
  const control = createControl(sb);
  const controlSecret =
    opts.controlSecret === undefined ? randomBytes(32).toString('base64url') : opts.controlSecret;
  const http = new SandboxHttp(sb, control, controlSecret);
  const server: Server = createServer(http.handle);
  server.keepAliveTimeout = 1000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
    });
  } catch (error) {
    await sb.close(); // e.g. EADDRINUSE: release the database file
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  http.port = port;
  const baseUrl = `http://127.0.0.1:${port}`;
  // A tick that throws (e.g. SQLITE_FULL on a full disk) must not kill the process: said once, the
  // next tick tries again (issue 10, finding 2).
  let tickFailing = false;
  const tick = () => {
    try {
      sb.catchUp();
      if (tickFailing) opts.onLog?.('simulator clock catching up again');
      tickFailing = false;
    } catch (error) {
      if (!tickFailing)
        opts.onLog?.(
          `simulator clock tick failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      tickFailing = true;
    }
  };
  const ticker = opts.clock && opts.clock !== 'manual' ? setInterval(tick, FAST_TICK_MS) : undefined;
  ticker?.unref();
  const project = opts.projects?.[0] ?? sb.projects()[0] ?? DEMO_PROJECT;
  opts.onLog?.(`sandbox listening on ${baseUrl}`);

  let closing: Promise<void> | undefined;
  return {
    baseUrl,
    authUrl: baseUrl + TOKEN_PATH,
    controlUrl: baseUrl + CONTROL_PREFIX,
    controlSecret,
    project: { projectId: project.projectId, keyId: project.keyId, keySecret: project.keySecret },
    control,
    close() {
      closing ??= (async () => {
        if (ticker) clearInterval(ticker);
        for (const res of http.held) res.destroy();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await sb.close();
      })();
      return closing;
    },
  };
}
