import { z } from 'zod';

/**
 * The closed set of error codes every channel may return (DESIGN.md, "The contract").
 * A code says what the user can do about it; the message says what happened.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHENTICATED',
  'KEYCHAIN_UNAVAILABLE',
  'OFFLINE',
  'RATE_LIMITED',
  'SINCH_ERROR',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const deskErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.unknown().optional(),
});
export type DeskError = z.infer<typeof deskErrorSchema>;

export type Ok<T> = { ok: true; value: T };
export type Err = { ok: false; error: DeskError };
/** What every call returns across a process boundary: never a thrown error. */
export type Result<T> = Ok<T> | Err;

export const resultSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: deskErrorSchema }),
  ]);

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string, details?: unknown): Err => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

/**
 * Thrown inside the engine by a handler that wants a specific error code; the dispatcher turns it
 * into an `Err` envelope. Anything else thrown becomes `INTERNAL` with a generic message, so an
 * unexpected exception never leaks internals (paths, SQL, secrets) to the renderer.
 */
export class DeskFailure extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'DeskFailure';
    this.code = code;
    this.details = details;
  }
}

/**
 * What the user reads for an engine failure that is not theirs to fix: no channel or exception text
 * on screen (words for operations staff); the channel travels in `details` and the engine log has the
 * rest. The screen adds the fix line (ErrorNotice: a bug, try again, the log's place).
 */
export const INTERNAL_ERROR_MESSAGE = 'Something unexpected went wrong inside Hosting Desk.';
