/**
 * Errors that mean "the disk under the database cannot take writes right now" (issue 10, finding 2):
 * full (SQLITE_FULL, ENOSPC, EDQUOT), failing (SQLITE_IOERR_*, EIO) or read-only. The write that
 * met one was rolled back whole by SQLite; the work is retried once writes succeed again.
 */
const STORAGE_CODES =
  /^(SQLITE_FULL|SQLITE_IOERR(_[A-Z_]+)?|SQLITE_READONLY(_[A-Z_]+)?|ENOSPC|EDQUOT|EIO|EROFS)$/;

export function storageErrorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && STORAGE_CODES.test(code) ? code : null;
}

/** What happened, in the words app.status and the sync state use. */
export function storageTroubleWords(code: string): { what: string; fix: string } {
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT')
    return {
      what: 'the disk is full',
      fix: 'Free space on the disk that holds the data directory (empty the trash, delete large files you no longer need, or old logs in its logs folder); sending resumes by itself.',
    };
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS')
    return {
      what: 'the disk has become read-only',
      fix: 'Check the disk (it may have been remounted read-only after an error) and make it writable again; sending resumes by itself.',
    };
  return {
    what: 'the disk reported an input/output error',
    fix: 'Check the disk and its connection (an external or network drive may have gone away); sending resumes by itself once writes succeed.',
  };
}
