import path from 'node:path';

/** The command that replaces a damaged database, told to whoever meets one. */
export function rebuildCommand(dir: string): string {
  return `npm run index -- --rebuild --index-dir ${dir} [the statement folders it holds]`;
}

/** The first few of SQLite's findings, on one line. */
export function describeProblems(problems: string[]): string {
  return problems.length > 3 ? `${problems.slice(0, 3).join('; ')}; and more` : problems.join('; ');
}

/** What SQLite reports when a page read back no longer matches its checksum: "disk I/O error" says too little. */
const PAGE_CHECKSUM_FAILED = 'SQLITE_IOERR_DATA';
export const CHANGED_PAGE = 'a page no longer matches the checksum written with it';

/** SQLite's finding in words a reader of the refusal understands. */
export function corruptionDetail(error: unknown): string {
  return (error as { code?: unknown }).code === PAGE_CHECKSUM_FAILED ? CHANGED_PAGE : (error as Error).message;
}

/**
 * SQLite's own words for a file that is not (or no longer) a sound database, a page whose checksum no longer
 * matches (page-checksums.ts), or a paragraph read back changed.
 */
export function isCorruption(error: unknown): boolean {
  if (error instanceof ChangedTextError) return true;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code === PAGE_CHECKSUM_FAILED);
}

/**
 * A paragraph whose text no longer hashes to the hash stored with it when it was indexed: bytes changed inside a
 * page that SQLite's structure checks still pass. It is never quoted.
 */
export class ChangedTextError extends Error {
  constructor(paragraphId: number) {
    super(`paragraph ${paragraphId}'s text no longer matches the hash it was indexed with`);
  }
}

/** The index database failed SQLite's checks: answers from it could be wrong, so nothing reads or writes it. */
export class DamagedIndexError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(
      `the index database ${file} is damaged (${detail}); run \`${rebuildCommand(path.dirname(file))}\` to rebuild it ` +
        'from the statement files (the damaged file is kept beside it)',
    );
  }
}

/** Another process holds the folder's write lock. */
export class IndexBusyError extends Error {
  constructor(dir: string, lockFile: string) {
    super(
      `another indexing run is writing to ${dir} (it holds ${lockFile}; \`fuser -v ${lockFile}\` names the process). ` +
        'Wait for it to finish or stop it, then run this again: the lock goes away the moment that process ends, even if it is killed.',
    );
  }
}

/** This process may read the index folder but not write it (read-only mount, another user's folder). */
export class IndexNotWritableError extends Error {
  constructor(dir: string) {
    super(`the index folder ${dir} is not writable by this process: it can answer from it, not index into it`);
  }
}

/** Runs a read of the database `file`, turning SQLite's "malformed" errors into one that names the file and the way out. */
export function namingDamage<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (isCorruption(error)) throw new DamagedIndexError(file, corruptionDetail(error));
    throw error;
  }
}
