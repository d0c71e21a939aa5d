import { join } from 'node:path';
import { createLogFile, type LogFileOptions, type LogHealth } from '../core/log-file';
import { ensurePrivateDir, makePrivate } from '../core/private-files';

export type RequestLogEntry = { method: string; path: string; status: number; ms: number };

export type RequestLog = {
  write(entry: RequestLogEntry): void;
  /** Register a value that must never reach the file (the launch token, session ids). */
  redact(secret: string): void;
  readonly file: string;
  /** why the file cannot be written right now, or null */
  health(): LogHealth | null;
};

/**
 * `<dataDir>/logs/web-requests.log`, one JSON line per request: time, method, path, status,
 * duration. The caller passes the path without query or fragment; registered secrets are replaced
 * anyway, in case one arrives inside a path (someone pasting the token into the address bar).
 */
export function createRequestLog(
  dataDir: string,
  now: () => Date = () => new Date(),
  fileOptions: LogFileOptions = {},
): RequestLog {
  const dir = join(dataDir, 'logs');
  ensurePrivateDir(dir);
  const file = join(dir, 'web-requests.log');
  makePrivate(file);
  // Never throws (a full disk threw ENOSPC inside a `close` handler and took the shell down).
  const sink = createLogFile(file, fileOptions);
  const secrets = new Set<string>();
  return {
    file,
    write({ method, path, status, ms }) {
      // Redact in the decoded path too: a token sent percent-encoded (%66%61…) is still the token.
      let line = JSON.stringify({ t: now().toISOString(), method, path: decodedPath(path), status, ms });
      for (const s of secrets) line = line.split(s).join('[redacted]');
      sink.write(line);
    },
    redact(secret) {
      if (secret.length >= 8) secrets.add(secret);
    },
    health: () => sink.health(),
  };
}

/**
 * The path as the server understood it: percent-escapes decoded up to three levels deep, tolerantly
 * (a malformed escape stays as it is), so the redactor sees what an encoded secret really says.
 */
export function decodedPath(path: string): string {
  let out = path;
  for (let i = 0; i < 3 && /%[0-9a-f]{2}/i.test(out); i++)
    out = out.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return out;
}
