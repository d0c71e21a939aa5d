/**
 * Why a file cannot be read at all (as opposed to a row that has a problem). The message is for
 * operations staff: what happened and what to do; the code is for the worker, `check-list` and tests.
 */
export const INTAKE_ERROR_CODES = [
  'EMPTY',
  'BINARY',
  'XLS',
  'UNSUPPORTED',
  'FILE_TOO_LARGE',
  'UNZIPPED_TOO_LARGE',
  'TOO_MANY_ROWS',
  'DAMAGED',
  'TRUNCATED',
  'NO_PHONE_COLUMN',
  'SHEET_NOT_FOUND',
] as const;
export type IntakeErrorCode = (typeof INTAKE_ERROR_CODES)[number];

export class IntakeError extends Error {
  override readonly name = 'IntakeError';
  constructor(
    readonly code: IntakeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const isIntakeError = (error: unknown): error is IntakeError =>
  error instanceof IntakeError ||
  (typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'IntakeError' &&
    typeof (error as { code?: unknown }).code === 'string');
