import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, makePrivate, PRIVATE_FILE } from './private-files';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Logger = {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
  /** Register a value that must never appear in the log (a key secret, a token). */
  redact(secret: string): void;
};

/**
 * JSON-lines engine log in `<dataDir>/logs/engine.log`. Every line passes through the redactor:
 * registered secret values (and their Basic-auth encodings) are replaced before anything is written,
 * so a secret that slips into an error message still never reaches disk.
 */
export function createFileLogger(dataDir: string, minLevel: LogLevel = 'info'): Logger {
  const dir = join(dataDir, 'logs');
  ensurePrivateDir(dir);
  const file = join(dir, 'engine.log');
  makePrivate(file);
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
      const line = JSON.stringify({ t: new Date().toISOString(), level, message, ...fields });
      appendFileSync(file, `${scrub(line)}\n`, { mode: PRIVATE_FILE });
    },
    redact(secret) {
      if (secret) secrets.add(secret);
    },
  };
}

export const silentLogger: Logger = { log() {}, redact() {} };
