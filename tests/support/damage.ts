import fs from 'node:fs';
import Database from 'better-sqlite3';

/** The same "random" bytes on every run (xorshift32), so a damaged file fails the same way each time. */
export function noise(length: number, seed = 0x2545f491): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

/** Writes `bytes` over a file at `offset`, in place, as a failing disk or a stray write would. */
export function overwrite(file: string, offset: number, bytes: Buffer): void {
  const handle = fs.openSync(file, 'r+');
  try {
    fs.writeSync(handle, bytes, 0, bytes.length, offset);
  } finally {
    fs.closeSync(handle);
  }
}

/** Moves everything in a database's WAL into the database file, so that damage to the file is what readers see. */
export function checkpoint(databaseFile: string): void {
  const db = new Database(databaseFile);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/** The page size and the root page of a table, read with SQLite itself. */
export function rootPageOf(databaseFile: string, table: string): { page: number; pageSize: number } {
  const db = new Database(databaseFile, { readonly: true });
  try {
    const { rootpage } = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(table) as { rootpage: number };
    return { page: rootpage, pageSize: db.pragma('page_size', { simple: true }) as number };
  } finally {
    db.close();
  }
}

/** The first value of a query's first row, read without writing anything. */
export function peek(databaseFile: string, sql: string, ...params: unknown[]): unknown {
  const db = new Database(databaseFile, { readonly: true });
  try {
    return db
      .prepare(sql)
      .pluck()
      .get(...params);
  } finally {
    db.close();
  }
}
