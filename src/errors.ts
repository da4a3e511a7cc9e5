/** Reading the errors Node and libraries throw, for messages that say what went wrong. */

/** The error's message, with its cause's when it has one (fetch says only "fetch failed"; its cause says why). */
export function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.cause instanceof Error ? `${err.message} (${err.cause.message})` : err.message;
}

/** Errors of the file system (no space left, no permission) rather than of what is being read. */
export function isFileSystemError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'syscall' in err;
}

/** Whether the error carries one of these codes (ENOENT, EEXIST, ...). */
export function hasCode(err: unknown, ...codes: string[]): boolean {
  return typeof err === 'object' && err !== null && codes.includes((err as { code?: string }).code ?? '');
}
