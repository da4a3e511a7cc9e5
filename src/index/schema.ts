import fs from 'node:fs';
import Database from 'better-sqlite3';
import { namingDamage } from './errors.js';
import { CHECKSUM_BYTES, fileReservesChecksums, loadPageChecksums } from './page-checksums.js';

export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS statements (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  path TEXT NOT NULL UNIQUE,
  content_hash TEXT NOT NULL,
  parser_version INTEGER NOT NULL,
  country TEXT, country_name TEXT, speaker TEXT, post TEXT, body TEXT,
  year INTEGER, session INTEGER, meeting TEXT, language TEXT, on_behalf_of TEXT,
  indexed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS statements_country_year ON statements (country, year);
CREATE INDEX IF NOT EXISTS statements_year ON statements (year);
CREATE TABLE IF NOT EXISTS paragraphs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  statement_id INTEGER NOT NULL REFERENCES statements (id),
  number INTEGER NOT NULL,
  text TEXT NOT NULL,
  text_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS paragraphs_statement ON paragraphs (statement_id, number);
CREATE INDEX IF NOT EXISTS paragraphs_text_hash ON paragraphs (text_hash);
CREATE VIRTUAL TABLE IF NOT EXISTS paragraphs_fts USING fts5 (
  text, content = 'paragraphs', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS paragraphs_fts_insert AFTER INSERT ON paragraphs BEGIN
  INSERT INTO paragraphs_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER IF NOT EXISTS paragraphs_fts_delete AFTER DELETE ON paragraphs BEGIN
  INSERT INTO paragraphs_fts (paragraphs_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
-- Vectors are addressed by the text they embed, so re-reading a file (or a new paragraph splitter) re-embeds
-- only the paragraphs whose words changed.
CREATE TABLE IF NOT EXISTS vectors (id INTEGER PRIMARY KEY, text_hash TEXT NOT NULL UNIQUE, vector BLOB NOT NULL);
-- The sentences of a paragraph of two or more, each embedded after its speaker's country (src/index/sentence-windows.ts) and
-- stored end to end under the paragraph's text hash and that country ('' when none is known); an empty blob marks
-- a paragraph that was looked at and has a single sentence.
CREATE TABLE IF NOT EXISTS speaker_sentence_vectors (
  id INTEGER PRIMARY KEY, text_hash TEXT NOT NULL, country_name TEXT NOT NULL, vectors BLOB NOT NULL,
  UNIQUE (text_hash, country_name)
);
CREATE TABLE IF NOT EXISTS organization_names (
  statement_id INTEGER NOT NULL REFERENCES statements (id),
  acronym TEXT NOT NULL,
  name TEXT NOT NULL,
  count INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS organization_names_statement ON organization_names (statement_id);
`;

const VOCABULARY = `CREATE VIRTUAL TABLE IF NOT EXISTS temp.paragraphs_vocab USING fts5vocab(main, 'paragraphs_fts', 'row')`;

function readyForQueries(db: Db): Db {
  // A damaged page then fails as it is read instead of passing on wrong rows.
  db.pragma('cell_size_check = ON');
  db.exec(VOCABULARY);
  return db;
}

/**
 * The connection an indexing run writes through; creates the database when there is none, with page checksums
 * (page-checksums.ts) when this process has them.
 */
export function openWritable(file: string): Db {
  const checksums = loadPageChecksums();
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) createDatabase(file, checksums.state === 'on');
  else if (checksums.state === 'unavailable' && fileReservesChecksums(file)) {
    // Pages written without their checksum would read as damaged in every process that verifies them.
    throw new Error(
      `${file} keeps a checksum on every page, and this process cannot compute them (${checksums.reason}): ` +
        'it may answer from the index but not write to it. Install a C compiler (`cc`, as better-sqlite3 needs to build) and run this again.',
    );
  }
  const db = namingDamage(file, () => {
    const opened = new Database(file);
    opened.pragma('journal_mode = WAL');
    opened.pragma('synchronous = FULL');
    opened.exec(SCHEMA);
    opened.pragma('busy_timeout = 5000');
    return opened;
  });
  return readyForQueries(db);
}

/**
 * A new database is made beside its place and renamed into it: a run killed while creating it left a rollback
 * journal beside a half-made file, which a read-only connection cannot roll back ("attempt to write a readonly
 * database"), so the first reader after the kill failed. The caller holds the folder's write lock.
 */
function createDatabase(file: string, withChecksums: boolean): void {
  const building = `${file}.creating`;
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${building}${suffix}`, { force: true });
  const db = new Database(building);
  if (withChecksums) reserveChecksumBytes(db);
  db.pragma('journal_mode = WAL');
  db.exec(SCHEMA);
  db.close();
  fs.renameSync(building, file);
}

/**
 * A connection that reads the committed state without writing anything: in WAL mode it never waits on a
 * writer. Null for a file without our tables (a first run killed at its start), which reads as an empty index.
 */
export function openReadOnly(file: string): Db | null {
  loadPageChecksums();
  const db = namingDamage(file, () => {
    const opened = new Database(file, { readonly: true, fileMustExist: true });
    try {
      opened.pragma('busy_timeout = 5000');
      return opened.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'paragraphs'`).get() ? opened : null;
    } catch (error) {
      opened.close();
      if ((error as { code?: string }).code === 'SQLITE_READONLY_DIRECTORY') {
        throw new Error(
          `cannot read ${file}: its folder is not writable by this process and ${file}-wal or -shm is missing; ` +
            "run `npm run index` once as the folder's owner, which leaves them in place",
        );
      }
      throw error;
    }
  });
  return db && readyForQueries(db);
}

/** An index with nothing in it, for a folder without a database; nothing is created on disk. */
export function openEmpty(): Db {
  const db = new Database(':memory:');
  db.exec(SCHEMA);
  return readyForQueries(db);
}

/**
 * SQLite deletes a database's -wal and -shm files when its last writing connection closes. A reader in a folder
 * it may not write (read-only mount, another user's index) cannot create them, and then cannot open the database
 * at all; with empty ones in place it reads the database file as it is. So a writer puts them back.
 */
export function keepWalFiles(file: string): void {
  for (const suffix of ['-wal', '-shm']) {
    try {
      fs.closeSync(fs.openSync(`${file}${suffix}`, 'wx'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Asks for checksum bytes on every page: at once in an empty database, at the next VACUUM in one that has pages. */
function reserveChecksumBytes(db: Db): void {
  db.prepare(`SELECT checksum_reserve('main', ?)`).get(CHECKSUM_BYTES);
}

/** Whether this connection's database keeps page checksums (false where this process has none to verify). */
export function keepsPageChecksums(db: Db): boolean {
  if (db.memory || loadPageChecksums().state !== 'on') return false;
  return (db.prepare(`SELECT checksum_reserve('main', -1) AS reserve`).get() as { reserve: number }).reserve === CHECKSUM_BYTES;
}

export function tableSql(db: Db, name: string): string | undefined {
  const row = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) as { sql: string } | undefined;
  return row?.sql;
}

/** Brings the tables of an index written by an older version to the current layout; the writer runs them once. */
export class Migrations {
  constructor(private readonly db: Db) {}

  /**
   * Indexes built before December 2026 have no room for page checksums: VACUUM rewrites every page once with the
   * 8 bytes reserved (the rewrite is one transaction through the write-ahead log, so a crash leaves the old file).
   */
  addPageChecksums(onRewrite: () => void): void {
    if (loadPageChecksums().state !== 'on' || keepsPageChecksums(this.db)) return;
    onRewrite();
    reserveChecksumBytes(this.db);
    this.db.exec('VACUUM');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /**
   * Indexes built before December 2026 kept vectors in WITHOUT ROWID tables keyed by text hash. Rows of kilobytes
   * fit such a table badly (about a kilobyte of each row sits in the tree, the rest on overflow pages, three rows
   * to a leaf): at the whole archive, reading the sentence vectors of 400 paragraphs took 14 ms, and 3 ms once the
   * same rows sat in a rowid table with a unique text hash. The writer moves the rows once, in one transaction,
   * so a crash leaves the old table or the new one; readers use either layout with the same queries.
   */
  moveVectorsToCurrentTables(onMove: () => void): void {
    if (!/WITHOUT ROWID/i.test(tableSql(this.db, 'vectors') ?? '')) return;
    onMove();
    this.db.transaction(() => {
      this.db.exec(`CREATE TABLE vectors_moved (id INTEGER PRIMARY KEY, text_hash TEXT NOT NULL UNIQUE, vector BLOB NOT NULL)`);
      this.db.exec(`INSERT INTO vectors_moved (text_hash, vector) SELECT text_hash, vector FROM vectors`);
      this.db.exec(`DROP TABLE vectors`);
      this.db.exec(`ALTER TABLE vectors_moved RENAME TO vectors`);
    })();
  }

  /**
   * Sentence vectors made before December 2026 embedded each sentence alone, without its speaker's country: they
   * are dropped once, and the next sentence stage makes them again (as long as the first one took).
   */
  dropSentenceVectorsWithoutSpeaker(): boolean {
    if (tableSql(this.db, 'sentence_vectors') === undefined) return false;
    this.db.exec('DROP TABLE sentence_vectors');
    return true;
  }
}
