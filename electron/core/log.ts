import { join } from 'node:path';
import { createLogFile, type LogFileOptions, type LogHealth } from './log-file';
import { ensurePrivateDir, makePrivate } from './private-files';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Logger = {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
  /** Register a value that must never appear in the log (a key secret, a token). */
  redact(secret: string): void;
  /** Why the log cannot be written right now (a full disk…), or null; absent = never fails. */
  health?(): LogHealth | null;
};

/**
 * JSON-lines engine log in `<dataDir>/logs/engine.log`. Every line passes through the redactor:
 * registered secret values (and their Basic-auth encodings) are replaced before anything is written,
 * so a secret that slips into an error message still never reaches disk.
 */
export function createFileLogger(
  dataDir: string,
  minLevel: LogLevel = 'info',
  fileOptions: LogFileOptions = {},
): Logger {
  const dir = join(dataDir, 'logs');
  ensurePrivateDir(dir);
  const file = join(dir, 'engine.log');
  makePrivate(file);
  // Never throws: a full disk buffers or drops lines instead (log-file.ts, issue 10 finding 2).
  const sink = createLogFile(file, fileOptions);
  const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
  const secrets = new Set<string>();
  const scrub = (line: string) => {
    let out = line;
    for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
    return out;
  };
  return {
    log(level, message, fields) {
      if (order[level] < order[minLevel]) return;
      let line: string;
      try {
        line = JSON.stringify({ t: new Date().toISOString(), level, message, ...fields });
      } catch {
        // a field that cannot be serialised (a cycle, a BigInt) costs its fields, never the process
        line = JSON.stringify({ t: new Date().toISOString(), level, message, fields: 'unserialisable' });
      }
      sink.write(scrub(line));
    },
    redact(secret) {
      if (secret) secrets.add(secret);
    },
    health: () => sink.health(),
  };
}

export const silentLogger: Logger = { log() {}, redact() {} };
