import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { IndexBusyError, IndexNotWritableError } from './errors.js';

const LOCK_FILE = 'writer.lock';

function isPermissionProblem(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'SQLITE_CANTOPEN';
}

function isWritable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * One writer per index folder. The lock is SQLite's exclusive lock on a small database of its own (an fcntl lock
 * on `writer.lock`), held from the start of a run to its end: the operating system drops it when its holder
 * ends, however it ends, so a killed run never leaves a lock behind and nothing has to guess whether an old
 * holder is still alive.
 */
export class WriterLock {
  private constructor(
    readonly dir: string,
    private readonly db: Database.Database,
  ) {}

  /** Takes the lock at once or fails: a second indexer is told so before it loads anything. */
  static take(dir: string): WriterLock {
    const file = path.join(dir, LOCK_FILE);
    let db: Database.Database;
    try {
      fs.mkdirSync(dir, { recursive: true });
      db = new Database(file, { timeout: 0 });
    } catch (error) {
      if (isPermissionProblem(error)) throw new IndexNotWritableError(dir);
      throw error;
    }
    // SQLite opens a file it may not write read-only, where an exclusive lock is granted but excludes no one.
    if (!isWritable(file)) {
      db.close();
      throw new IndexNotWritableError(dir);
    }
    try {
      // The journal in memory: the lock database is never written, so no journal file need appear beside it.
      db.exec('PRAGMA journal_mode = MEMORY; BEGIN EXCLUSIVE');
    } catch (error) {
      db.close();
      if ((error as { code?: unknown }).code === 'SQLITE_BUSY') throw new IndexBusyError(dir, file);
      throw error;
    }
    return new WriterLock(dir, db);
  }

  /** Closing the connection ends its transaction, and with it the lock. */
  release(): void {
    if (this.db.open) this.db.close();
  }
}
