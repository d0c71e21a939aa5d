import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine } from '../core/engine';
import { OsSecretStore } from '../core/secrets/os-secret-store';
import { decideDevOrigin } from '../../shared/security/dev-origin';
import { defaultDataDir } from '../core/data-dir';
import { browserCommand } from './launch';
import { startWebShell } from './server';

/**
 * `npm run serve` (via scripts/serve.mjs): the browser shell over a real engine with the OS keychain.
 * Prints exactly one URL; Ctrl-C (or SIGTERM) closes the server and the engine and exits 0.
 */
const usage = `Usage: npm run serve -- [--port N] [--data-dir DIR] [--no-open]
  --port N        listen on 127.0.0.1:N (default: a free port)
  --data-dir DIR  where Hosting Desk keeps its data (default: ${defaultDataDir(process.platform, process.env, homedir())})
  --no-open       do not open the browser
  --dev-origin U  npm run dev: also accept calls from Vite's dev server at U (http://127.0.0.1:PORT)`;

async function main(): Promise<void> {
  let args: {
    port?: string | undefined;
    'data-dir'?: string | undefined;
    'no-open'?: boolean | undefined;
    'dev-origin'?: string | undefined;
    help?: boolean | undefined;
  };
  try {
    args = parseArgs({
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'no-open': { type: 'boolean' },
        'dev-origin': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
  if (args.help) {
    console.log(usage);
    return;
  }
  const port = args.port === undefined ? 0 : Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port must be a number from 0 to 65535.\n${usage}`);

  let devOrigin: string | undefined;
  if (args['dev-origin'] !== undefined) {
    const decision = decideDevOrigin({
      value: args['dev-origin'],
      shell: 'browser',
      production: process.env.NODE_ENV === 'production',
    });
    if (!decision.ok) fail(decision.reason);
    devOrigin = decision.origin;
  }

  const rendererDir = resolve(import.meta.dirname, '../../out/renderer');
  // Under npm run dev, Vite serves the renderer: a missing build is fine.
  if (!devOrigin && !existsSync(resolve(rendererDir, 'index.html'))) {
    fail(
      `The renderer is not built (${rendererDir}/index.html is missing). Run: npm run serve (it builds), or npx electron-vite build.`,
    );
  }
  const dataDir = resolve(args['data-dir'] ?? defaultDataDir(process.platform, process.env, homedir()));

  const timing = process.env.HOSTING_DESK_SERVE_TIMING ? performance.now() : null;
  let engine: Awaited<ReturnType<typeof createEngine>>;
  try {
    engine = await createEngine({ dataDir, secretStore: new OsSecretStore(), shell: 'browser' });
  } catch (error) {
    // e.g. another Hosting Desk already owns this data directory: say so, no stack trace.
    fail(
      `Hosting Desk could not start on ${dataDir}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let shell: Awaited<ReturnType<typeof startWebShell>>;
  try {
    shell = await startWebShell({
      engine,
      rendererDir,
      dataDir,
      port,
      logger: engine.internals.logger,
      ...(devOrigin ? { devOrigin } : {}),
    });
  } catch (error) {
    await engine.close();
    const code = (error as NodeJS.ErrnoException).code;
    fail(
      code === 'EADDRINUSE'
        ? `Port ${port} is already in use: pick another with --port, or omit it.`
        : String(error),
    );
  }

  if (timing !== null) {
    console.error(
      `serve: engine + server up in ${Math.round(performance.now() - timing)} ms (process at ${Math.round(performance.now())} ms)`,
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      // A second Ctrl-C while closing: the user wants out now.
      process.exit(130);
    }
    stopping = true;
    console.error(`\n${signal}: stopping Hosting Desk…`);
    await shell.close();
    await engine.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // Not on Windows (no SIGUSR2 there): end the pages' event streams so they reconnect and refetch.
  if (process.platform !== 'win32')
    process.on('SIGUSR2', () => console.error(`SIGUSR2: ended ${shell.dropEventStreams()} event stream(s).`));

  // A fresh single-use link on demand, printed like the first one (the e2e fixtures use this too).
  // Registered BEFORE the first link is printed: a SIGUSR1 that arrives without a handler starts
  // Node's inspector instead (the e2e fixtures ask for a link as soon as they read the first one).
  if (process.platform !== 'win32')
    process.on('SIGUSR1', () => console.log(`Hosting Desk is running at ${shell.freshLoginUrl()}`));
  console.log(`Hosting Desk is running at ${shell.url}`);
  console.error(
    `Data directory: ${dataDir}. Each link opens one browser; for another, open ${shell.launchFile}` +
      `${process.platform === 'win32' ? '' : ` or send SIGUSR1 (kill -USR1 ${process.pid}) to print a fresh link`}. Press Ctrl-C to stop.`,
  );
  if (!args['no-open']) openBrowser(shell.launchFile);
}

/**
 * Best effort: on a headless box there is nothing to open, and the printed URL is enough. The
 * browser gets the 0600 launch file's PATH: a link on its command line would be readable by every
 * local user in /proc/<pid>/cmdline (issue 10, finding 3).
 */
function openBrowser(launchFile: string): void {
  const platform = process.platform;
  if (platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  const [command, args] = browserCommand(platform, launchFile);
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // Nothing to do: the URL is printed.
  }
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

await main();
