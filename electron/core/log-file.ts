import { appendFileSync, renameSync, statSync } from 'node:fs';
import { PRIVATE_FILE } from './private-files';

/**
 * An append-only log file that can never take the process down (issue 10, finding 2): the engine
 * log and the browser shell's request log both write through it.
 * - A failed write (ENOSPC, EIO, anything) is caught. Lines wait in a bounded buffer; beyond it they
 *   are dropped and counted. The trouble is said once on stderr and shown by `health()` (app.status).
 * - The next write that works first writes the buffer, then one line saying what was lost.
 * - The file rotates at `maxBytes` (`name` → `name.1`, one older generation kept).
 */

/** The file-system calls the log makes: a seam so tests can inject ENOSPC/EIO without a full disk. */
export type LogFs = {
  append(file: string, text: string): void;
  size(file: string): number;
  rename(from: string, to: string): void;
};

export const nodeLogFs: LogFs = {
  append: (file, text) => appendFileSync(file, text, { mode: PRIVATE_FILE }),
  size: (file) => {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  },
  rename: (from, to) => renameSync(from, to),
};

/** Test seam: a LogFs whose writes fail with `code` until healed. */
export function faultyFs(base: LogFs): LogFs & { fail(code: 'ENOSPC' | 'EIO'): void; heal(): void } {
  let failing: string | null = null;
  const boom = () => {
    const error = new Error(`${failing}: simulated`) as NodeJS.ErrnoException;
    error.code = failing ?? 'EIO';
    throw error;
  };
  return {
    append: (file, text) => (failing ? boom() : base.append(file, text)),
    size: (file) => base.size(file),
    rename: (from, to) => (failing ? boom() : base.rename(from, to)),
    fail: (code) => {
      failing = code;
    },
    heal: () => {
      failing = null;
    },
  };
}

export type LogHealth = {
  /** ENOSPC, EIO, … */
  code: string;
  /** epoch ms of the first failed write */
  since: number;
  buffered: number;
  dropped: number;
  /** one sentence for app.status */
  detail: string;
};

export type LogFileOptions = {
  fs?: LogFs;
  /** rotate when the file would grow beyond this (default 10 MB) */
  maxBytes?: number;
  /** lines kept while writes fail (default 1,000) */
  bufferLines?: number;
  now?: () => number;
};

export type LogFile = {
  write(line: string): void;
  health(): LogHealth | null;
};

export const DEFAULT_LOG_MAX_BYTES = 10 * 1024 * 1024;

export function describeWriteError(code: string): string {
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') return 'the disk is full';
  if (code === 'EIO' || code.startsWith('SQLITE_IOERR')) return 'the disk reported an input/output error';
  if (code === 'EROFS') return 'the disk is read-only';
  if (code === 'EACCES' || code === 'EPERM') return 'the file may not be written';
  return `the write failed (${code})`;
}

export function createLogFile(file: string, options: LogFileOptions = {}): LogFile {
  const fs = options.fs ?? nodeLogFs;
  const maxBytes = options.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
  const bufferLines = options.bufferLines ?? 1_000;
  const now = options.now ?? Date.now;
  let size = fs.size(file);
  let trouble: { code: string; since: number } | null = null;
  let buffer: string[] = [];
  let dropped = 0;

  const appendRotating = (text: string) => {
    if (size > 0 && size + Buffer.byteLength(text) > maxBytes) {
      fs.rename(file, `${file}.1`);
      size = 0;
    }
    fs.append(file, text);
    size += Buffer.byteLength(text);
  };

  const health = (): LogHealth | null =>
    trouble && {
      ...trouble,
      buffered: buffer.length,
      dropped,
      detail: `The log ${file} cannot be written: ${describeWriteError(trouble.code)}. ${buffer.length} lines wait in memory${dropped ? `, ${dropped} were dropped` : ''}; they are written when space returns.`,
    };

  return {
    write(line) {
      const text = line.endsWith('\n') ? line : `${line}\n`;
      try {
        if (trouble) {
          // Writes work again? Then the waiting lines first, and one line about the gap.
          const waiting = buffer;
          for (const waitingLine of waiting) appendRotating(waitingLine);
          buffer = [];
          appendRotating(
            `${JSON.stringify({
              t: new Date(now()).toISOString(),
              level: 'warn',
              message: 'log lines could not be written for a while',
              code: trouble.code,
              since: new Date(trouble.since).toISOString(),
              buffered: waiting.length,
              dropped,
            })}\n`,
          );
          trouble = null;
          dropped = 0;
        }
        appendRotating(text);
      } catch (error) {
        const code =
          typeof (error as NodeJS.ErrnoException)?.code === 'string'
            ? String((error as NodeJS.ErrnoException).code)
            : 'EUNKNOWN';
        if (!trouble) {
          trouble = { code, since: now() };
          // Said once: this process keeps running without its log until writes work again.
          try {
            process.stderr.write(
              `hosting-desk: cannot write ${file} (${code}); keeping up to ${bufferLines} lines in memory.\n`,
            );
          } catch {
            // no stderr either: nothing left to tell
          }
        }
        if (buffer.length < bufferLines) buffer.push(text);
        else dropped++;
      }
    },
    health,
  };
}
