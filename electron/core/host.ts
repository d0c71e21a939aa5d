import { createEngine } from './engine';
import { parseHostConfig } from './host-protocol';
import { createFileLogger } from './log';
import { detectTransport, serveEngine } from './host-serve';
import { OsSecretStore } from './secrets/os-secret-store';

/**
 * Entry of the engine process. In Electron the main process starts it as a utilityProcess
 * (out/main/engine-host.js); in tests it is started with child_process.fork under tsx. Either way
 * it speaks the protocol of ./host-protocol.ts and never imports `electron`.
 *
 *   engine-host --data-dir <dir> [--shell electron|test]     (env: HOSTING_DESK_DATA_DIR, …)
 */
async function main(): Promise<void> {
  const transport = detectTransport();
  if (!transport) {
    process.stderr.write('engine host: start me with utilityProcess.fork or child_process.fork\n');
    process.exit(2);
  }
  const config = parseHostConfig(process.argv.slice(2), process.env);
  if (!config.ok) {
    process.stderr.write(`${config.message}\n`);
    process.exit(2);
  }
  // One redacting logger for the engine and for this host's own errors, so nothing leaks to stderr.
  const logger = createFileLogger(config.config.dataDir);
  const engine = await createEngine({
    dataDir: config.config.dataDir,
    shell: config.config.shell,
    secretStore: new OsSecretStore(),
    logger,
    ...(config.config.sqliteBinding ? { sqliteNativeBinding: config.config.sqliteBinding } : {}),
  });
  serveEngine(engine, transport, {
    onShutdown: () => {
      void engine.close().finally(() => process.exit(0));
    },
    onInternalError: (channel, error) => {
      logger.log('error', 'internal error', {
        channel,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    },
  });
}

main().catch((error: unknown) => {
  // A failed start is a crash: the supervisor's restart policy decides what happens next.
  process.stderr.write(
    `engine host: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
