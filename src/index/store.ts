import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Body, StatementMeta } from '../corpus/types.js';
import { isCorruption, namingDamage } from './errors.js';

type Db = Database.Database;

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

/** Which paragraphs a query may return; an empty list means no limit (src/search names it Scope). */
export interface ParagraphScope {
  countries: string[];
  years: number[];
  body: Body | null;
  /** An FTS5 expression the paragraphs must match (organization lookups). */
  mentioning?: string;
}

export interface StoredStatement {
  id: number;
  path: string;
  contentHash: string;
  parserVersion: number;
}

export interface StoredParagraph {
  id: number;
  statementId: number;
  number: number;
  text: string;
  meta: StatementMeta;
}

export interface NewParagraph {
  number: number;
  text: string;
  textHash: string;
}

export interface OrganizationName {
  acronym: string;
  name: string;
  count: number;
}

interface ParagraphRow {
  id: number;
  statement_id: number;
  number: number;
  text: string;
  path: string;
  country: string | null;
  country_name: string | null;
  speaker: string | null;
  post: string | null;
  body: string | null;
  year: number | null;
  session: number | null;
  meeting: string | null;
  language: string | null;
  on_behalf_of: string | null;
}

const PARAGRAPH_COLUMNS = `p.id, p.statement_id, p.number, p.text, s.path, s.country, s.country_name, s.speaker,
  s.post, s.body, s.year, s.session, s.meeting, s.language, s.on_behalf_of`;

function toParagraph(row: ParagraphRow): StoredParagraph {
  return {
    id: row.id,
    statementId: row.statement_id,
    number: row.number,
    text: row.text,
    meta: {
      path: row.path,
      country: row.country,
      countryName: row.country_name,
      speaker: row.speaker,
      post: row.post,
      body: row.body as Body | null,
      year: row.year,
      session: row.session,
      meeting: row.meeting,
      language: row.language,
      onBehalfOf: row.on_behalf_of,
    },
  };
}

/** A WHERE fragment limiting `s` (statements) to the filters, with its parameters. */
export function filterClause(filters: ParagraphScope): { sql: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (filters.countries.length > 0) {
    parts.push(`s.country IN (${filters.countries.map(() => '?').join(',')})`);
    params.push(...filters.countries);
  }
  if (filters.years.length > 0) {
    parts.push(`s.year IN (${filters.years.map(() => '?').join(',')})`);
    params.push(...filters.years);
  }
  if (filters.body) {
    parts.push('s.body = ?');
    params.push(filters.body);
  }
  if (filters.mentioning) {
    parts.push('p.id IN (SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ?)');
    params.push(filters.mentioning);
  }
  return { sql: parts.length > 0 ? parts.join(' AND ') : '1', params };
}

/** A paragraph an FTS5 expression matched, with what /trend groups it by. */
export interface MatchingParagraph {
  id: number;
  statementId: number;
  body: Body;
  year: number;
  text: string;
}

/** Statements of some bodies over a span of years, of one country when given. */
export interface YearSpan {
  bodies: Body[];
  from: number;
  to: number;
  country: string | null;
}

function spanClause(span: YearSpan): { sql: string; params: (string | number)[] } {
  const bodies = span.bodies.map(() => '?').join(',');
  return {
    sql: `s.body IN (${bodies}) AND s.year BETWEEN ? AND ?${span.country ? ' AND s.country = ?' : ''}`,
    params: [...span.bodies, span.from, span.to, ...(span.country ? [span.country] : [])],
  };
}

/** Names a scope for the caches that keep what was read for it. */
export function scopeKey(filters: ParagraphScope): string {
  return JSON.stringify([filters.countries, filters.years, filters.body, filters.mentioning ?? null]);
}

export function vectorToBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

export function blobToVector(blob: Buffer): Float32Array {
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Float32Array(copy.buffer);
}

/**
 * SQLite deletes a database's -wal and -shm files when its last writing connection closes. A reader in a folder
 * it may not write (read-only mount, another user's index) cannot create them, and then cannot open the database
 * at all; with empty ones in place it reads the database file as it is. So a writer puts them back.
 */
function keepWalFiles(file: string): void {
  for (const suffix of ['-wal', '-shm']) {
    try {
      fs.closeSync(fs.openSync(`${file}${suffix}`, 'wx'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** A paragraph's sentence vectors are stored under its text hash and its speaker's country ('' when none is known). */
const SPEAKER_COUNTRY = `coalesce((SELECT country_name FROM statements WHERE id = p.statement_id), '')`;
const SAME_SENTENCES = `s.text_hash = p.text_hash AND s.country_name = ${SPEAKER_COUNTRY}`;

/**
 * Paragraphs, their statements' metadata, a full-text index and the paragraph vectors, in one SQLite file.
 * Every change is one transaction, so a crash leaves the previous or the next state, never a mix.
 */
/** Scopes whose paragraph ids are kept in temporary tables (see scopeTable); as many as the searcher remembers. */
const SCOPE_TABLES_KEPT = 64;

export class Store {
  /** Temporary tables of scopes' paragraph ids, by scope, for the generation they were filled in; most recently used last. */
  private scopeTables = { generation: -1, byKey: new Map<string, string>(), made: 0 };

  private constructor(private readonly db: Db) {
    // A damaged page then fails as it is read instead of passing on wrong rows.
    db.pragma('cell_size_check = ON');
    db.exec(VOCABULARY);
  }

  /** The connection an indexing run writes through; creates the database when there is none. */
  static openForWriting(file: string): Store {
    const db = namingDamage(file, () => {
      const opened = new Database(file);
      opened.pragma('journal_mode = WAL');
      opened.pragma('synchronous = FULL');
      opened.exec(SCHEMA);
      opened.pragma('busy_timeout = 5000');
      return opened;
    });
    return new Store(db);
  }

  /**
   * A connection that reads the committed state without writing anything: in WAL mode it never waits on a
   * writer. A file without our tables (a first run killed at its start) reads as an empty index.
   */
  static openForReading(file: string): Store {
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
    return db ? new Store(db) : Store.empty();
  }

  /** An index with nothing in it, for a folder without a database; nothing is created on disk. */
  static empty(): Store {
    const db = new Database(':memory:');
    db.exec(SCHEMA);
    return new Store(db);
  }

  /**
   * Indexes built before December 2026 kept vectors in WITHOUT ROWID tables keyed by text hash. Rows of kilobytes
   * fit such a table badly (about a kilobyte of each row sits in the tree, the rest on overflow pages, three rows
   * to a leaf): at the whole archive, reading the sentence vectors of 400 paragraphs took 14 ms, and 3 ms once the
   * same rows sat in a rowid table with a unique text hash. The writer moves the rows once, in one transaction,
   * so a crash leaves the old table or the new one; readers use either layout with the same queries.
   */
  moveVectorsToCurrentTables(onMove: () => void): void {
    if (!/WITHOUT ROWID/i.test(this.tableSql('vectors') ?? '')) return;
    onMove();
    this.transaction(() => {
      this.db.exec(`CREATE TABLE vectors_moved (id INTEGER PRIMARY KEY, text_hash TEXT NOT NULL UNIQUE, vector BLOB NOT NULL)`);
      this.db.exec(`INSERT INTO vectors_moved (text_hash, vector) SELECT text_hash, vector FROM vectors`);
      this.db.exec(`DROP TABLE vectors`);
      this.db.exec(`ALTER TABLE vectors_moved RENAME TO vectors`);
    });
  }

  /**
   * Sentence vectors made before December 2026 embedded each sentence alone, without its speaker's country: they
   * are dropped once, and the next sentence stage makes them again (as long as the first one took).
   */
  dropSentenceVectorsWithoutSpeaker(): boolean {
    if (this.tableSql('sentence_vectors') === undefined) return false;
    this.db.exec('DROP TABLE sentence_vectors');
    return true;
  }

  private tableSql(name: string): string | undefined {
    const row = this.db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) as { sql: string } | undefined;
    return row?.sql;
  }

  /** Whether this is a file on disk rather than the empty stand-in. */
  get onDisk(): boolean {
    return !this.db.memory;
  }

  close(): void {
    const { name, readonly, memory } = this.db;
    this.db.close();
    if (!readonly && !memory) keepWalFiles(name);
  }

  /** SQLite's structural check of every page (about a quarter of a second per 200 MB): the first problems found, if any. */
  problems(): string[] {
    try {
      return (this.db.pragma('quick_check(10)') as { quick_check: string }[])
        .flatMap((row) => row.quick_check.split('\n'))
        .filter((line) => line !== 'ok' && !line.startsWith('***'));
    } catch (error) {
      if (isCorruption(error)) return [(error as Error).message];
      throw error;
    }
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  getMeta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** Counts committed changes; the saved HNSW graph records the generation it matches. */
  get generation(): number {
    return Number(this.getMeta('generation') ?? '0');
  }

  /** Names this database for good, so that a graph saved for another one (or for an older copy) is never taken for its own. */
  get identity(): string | null {
    return this.getMeta('identity');
  }

  ensureIdentity(): string {
    this.db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('identity', ?)`).run(randomUUID());
    return this.identity!;
  }

  bumpGeneration(): number {
    const next = this.generation + 1;
    this.setMeta('generation', String(next));
    this.setMeta('indexed_at', new Date().toISOString());
    return next;
  }

  statements(): StoredStatement[] {
    return this.db
      .prepare('SELECT id, path, content_hash AS contentHash, parser_version AS parserVersion FROM statements')
      .all() as StoredStatement[];
  }

  statementByPath(filePath: string): StoredStatement | null {
    const row = this.db
      .prepare('SELECT id, path, content_hash AS contentHash, parser_version AS parserVersion FROM statements WHERE path = ?')
      .get(filePath) as StoredStatement | undefined;
    return row ?? null;
  }

  /**
   * The path of a statement, other than the one at `exceptPath`, whose paragraphs have exactly these text hashes
   * in this order: the same statement stored under another path. Candidates come from the text-hash index.
   */
  statementWithSameText(textHashes: string[], exceptPath: string): string | null {
    if (textHashes.length === 0) return null;
    const candidates = this.db
      .prepare(
        `SELECT s.id, s.path FROM paragraphs p JOIN statements s ON s.id = p.statement_id
         WHERE p.text_hash = ? AND p.number = 1 AND s.path <> ?`,
      )
      .all(textHashes[0], exceptPath) as { id: number; path: string }[];
    const hashesOf = this.db.prepare('SELECT text_hash FROM paragraphs WHERE statement_id = ? ORDER BY number').pluck();
    const wanted = textHashes.join(' ');
    return candidates.find((c) => (hashesOf.all(c.id) as string[]).join(' ') === wanted)?.path ?? null;
  }

  paragraphIds(): number[] {
    return this.db.prepare('SELECT id FROM paragraphs').pluck().all() as number[];
  }

  paragraphIdsOf(statementId: number): number[] {
    return (this.db.prepare('SELECT id FROM paragraphs WHERE statement_id = ?').all(statementId) as { id: number }[]).map(
      (r) => r.id,
    );
  }

  /** Deletes a statement with its paragraphs; returns the ids of the paragraphs that went. */
  deleteStatement(statementId: number): number[] {
    const ids = this.paragraphIdsOf(statementId);
    this.db.prepare('DELETE FROM paragraphs WHERE statement_id = ?').run(statementId);
    this.db.prepare('DELETE FROM organization_names WHERE statement_id = ?').run(statementId);
    this.db.prepare('DELETE FROM statements WHERE id = ?').run(statementId);
    return ids;
  }

  insertStatement(
    meta: StatementMeta,
    contentHash: string,
    parserVersion: number,
    paragraphs: NewParagraph[],
    organizationNames: OrganizationName[],
  ): number[] {
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO statements (path, content_hash, parser_version, country, country_name, speaker, post, body, year,
           session, meeting, language, on_behalf_of, indexed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        meta.path,
        contentHash,
        parserVersion,
        meta.country,
        meta.countryName,
        meta.speaker,
        meta.post,
        meta.body,
        meta.year,
        meta.session,
        meta.meeting,
        meta.language,
        meta.onBehalfOf,
        new Date().toISOString(),
      );
    const statementId = Number(lastInsertRowid);
    const insertParagraph = this.db.prepare(
      'INSERT INTO paragraphs (statement_id, number, text, text_hash) VALUES (?, ?, ?, ?)',
    );
    const ids = paragraphs.map((p) => Number(insertParagraph.run(statementId, p.number, p.text, p.textHash).lastInsertRowid));
    const insertName = this.db.prepare(
      'INSERT INTO organization_names (statement_id, acronym, name, count) VALUES (?, ?, ?, ?)',
    );
    for (const o of organizationNames) insertName.run(statementId, o.acronym, o.name, o.count);
    return ids;
  }

  hasVector(textHash: string): boolean {
    return this.db.prepare('SELECT 1 FROM vectors WHERE text_hash = ?').get(textHash) !== undefined;
  }

  putVector(textHash: string, vector: Float32Array): void {
    this.db.prepare('INSERT OR REPLACE INTO vectors (text_hash, vector) VALUES (?, ?)').run(textHash, vectorToBlob(vector));
  }

  vectorsOf(paragraphIds: number[]): Map<number, Float32Array> {
    // One statement for any number of ids: a scope of thousands of paragraphs is read in a single pass.
    const rows = this.db
      .prepare(
        `SELECT p.id, v.vector FROM paragraphs p JOIN vectors v ON v.text_hash = p.text_hash
         WHERE p.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(paragraphIds)) as { id: number; vector: Buffer }[];
    return new Map(rows.map((row) => [row.id, blobToVector(row.vector)]));
  }

  /**
   * Every paragraph vector, for rebuilding the graph and for exact search. Both tables are read in storage
   * order and joined here: looking vectors up by text hash one paragraph at a time reads the file at random.
   */
  *allVectors(): Generator<{ id: number; vector: Float32Array }> {
    const byHash = new Map<string, Float32Array>();
    const vectors = this.db.prepare('SELECT text_hash, vector FROM vectors').iterate() as IterableIterator<{ text_hash: string; vector: Buffer }>;
    for (const row of vectors) byHash.set(row.text_hash, blobToVector(row.vector));
    const paragraphs = this.db.prepare('SELECT id, text_hash FROM paragraphs ORDER BY id').iterate() as IterableIterator<{ id: number; text_hash: string }>;
    for (const row of paragraphs) {
      const vector = byHash.get(row.text_hash);
      if (vector) yield { id: row.id, vector };
    }
  }

  /** How many stored vectors do not have this many dimensions (a model mixed in, or damage). */
  vectorsNotOfDimension(dimension: number): number {
    const row = this.db.prepare('SELECT count(*) AS n FROM vectors WHERE length(vector) <> ?').get(dimension * 4) as { n: number };
    return row.n;
  }

  /** Drops vectors no paragraph uses any more (kept until a run ends, so a re-split can reuse them). */
  pruneVectors(): number {
    this.db.prepare(`DELETE FROM speaker_sentence_vectors AS s WHERE NOT EXISTS (SELECT 1 FROM paragraphs p WHERE ${SAME_SENTENCES})`).run();
    return this.db.prepare('DELETE FROM vectors WHERE text_hash NOT IN (SELECT text_hash FROM paragraphs)').run().changes;
  }

  clearVectors(): void {
    this.db.prepare('DELETE FROM speaker_sentence_vectors').run();
    this.db.prepare('DELETE FROM vectors').run();
  }

  /** Paragraphs after `afterId` whose sentences were never looked at, in id order, with their speaker's country. */
  paragraphsWithoutSentenceVectors(afterId: number, limit: number): { id: number; textHash: string; text: string; countryName: string }[] {
    return this.db
      .prepare(
        `SELECT p.id, p.text_hash AS textHash, p.text, ${SPEAKER_COUNTRY} AS countryName FROM paragraphs p
         WHERE p.id > ? AND NOT EXISTS (SELECT 1 FROM speaker_sentence_vectors s WHERE ${SAME_SENTENCES})
         ORDER BY p.id LIMIT ?`,
      )
      .all(afterId, limit) as { id: number; textHash: string; text: string; countryName: string }[];
  }

  countParagraphsWithoutSentenceVectors(): number {
    return this.db
      .prepare(`SELECT count(*) FROM paragraphs p WHERE NOT EXISTS (SELECT 1 FROM speaker_sentence_vectors s WHERE ${SAME_SENTENCES})`)
      .pluck()
      .get() as number;
  }

  /** Drops the marks of paragraphs looked at and given no sentence vectors; returns how many there were. */
  forgetParagraphsWithoutSentences(): number {
    return this.db.prepare('DELETE FROM speaker_sentence_vectors WHERE length(vectors) = 0').run().changes;
  }

  putSentenceVectors(textHash: string, countryName: string, vectors: Float32Array[]): void {
    const joined = new Float32Array(vectors.reduce((n, v) => n + v.length, 0));
    vectors.reduce((at, v) => (joined.set(v, at), at + v.length), 0);
    this.db
      .prepare('INSERT OR REPLACE INTO speaker_sentence_vectors (text_hash, country_name, vectors) VALUES (?, ?, ?)')
      .run(textHash, countryName, vectorToBlob(joined));
  }

  /**
   * Each paragraph's sentence vectors end to end (paragraphs without any are left out). An index whose writer
   * has not yet run since sentence vectors took the speaker's country has none.
   */
  sentenceVectorsOf(paragraphIds: number[]): Map<number, Float32Array> {
    if (this.tableSql('speaker_sentence_vectors') === undefined) return new Map();
    const rows = this.db
      .prepare(
        `SELECT p.id, s.vectors FROM paragraphs p JOIN speaker_sentence_vectors s ON ${SAME_SENTENCES}
         WHERE p.id IN (SELECT value FROM json_each(?)) AND length(s.vectors) > 0`,
      )
      .all(JSON.stringify(paragraphIds)) as { id: number; vectors: Buffer }[];
    return new Map(rows.map((r) => [r.id, blobToVector(r.vectors)]));
  }

  paragraph(id: number): StoredParagraph | null {
    const row = this.db
      .prepare(`SELECT ${PARAGRAPH_COLUMNS} FROM paragraphs p JOIN statements s ON s.id = p.statement_id WHERE p.id = ?`)
      .get(id) as ParagraphRow | undefined;
    return row ? toParagraph(row) : null;
  }

  paragraphs(ids: number[]): StoredParagraph[] {
    const byId = new Map<number, StoredParagraph>();
    for (const id of ids) {
      const p = this.paragraph(id);
      if (p) byId.set(id, p);
    }
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  paragraphsAround(id: number, radius: number): StoredParagraph[] {
    const centre = this.paragraph(id);
    if (!centre) return [];
    return (
      this.db
        .prepare(
          `SELECT ${PARAGRAPH_COLUMNS} FROM paragraphs p JOIN statements s ON s.id = p.statement_id
           WHERE p.statement_id = ? AND p.number BETWEEN ? AND ? ORDER BY p.number`,
        )
        .all(centre.statementId, centre.number - radius, centre.number + radius) as ParagraphRow[]
    ).map(toParagraph);
  }

  /**
   * Full-text matches ranked by BM25 (best first), limited to the filters. The full-text table is queried on
   * its own, with the filters as one subquery, because joining every match to its statement costs three times
   * the ranking itself.
   */
  lexicalSearch(ftsQuery: string, filters: ParagraphScope, limit: number): { id: number; score: number }[] {
    const scope = filterClause(filters).params.length > 0 ? `AND +rowid IN temp.${this.scopeTable(filters)}` : '';
    return this.db
      .prepare(
        `SELECT rowid AS id, -bm25(paragraphs_fts) AS score FROM paragraphs_fts
         WHERE paragraphs_fts MATCH ? ${scope} ORDER BY bm25(paragraphs_fts) LIMIT ?`,
      )
      .all(ftsQuery, limit) as { id: number; score: number }[];
  }

  /**
   * A temporary table of the scope's paragraph ids, filled once per scope and index generation, for the full-text
   * search and for the searcher's own copy of the ids. Listing a region's paragraphs (100,000 of the whole
   * archive's for "which African country") took 40-80 ms, as long again as the full-text search it limits; a
   * kept table is looked up by key in well under that (README: Benchmarks).
   */
  private scopeTable(filters: ParagraphScope): string {
    const generation = this.generation;
    if (this.scopeTables.generation !== generation) {
      for (const table of this.scopeTables.byKey.values()) this.db.exec(`DROP TABLE IF EXISTS temp.${table}`);
      this.scopeTables = { generation, byKey: new Map(), made: this.scopeTables.made };
    }
    const { byKey } = this.scopeTables;
    const key = scopeKey(filters);
    let table = byKey.get(key);
    if (table) {
      byKey.delete(key);
    } else {
      table = `scope_${++this.scopeTables.made}`;
      const where = filterClause(filters);
      this.db.exec(`CREATE TEMP TABLE ${table} (id INTEGER PRIMARY KEY)`);
      this.db
        .prepare(`INSERT INTO temp.${table} SELECT p.id FROM paragraphs p JOIN statements s ON s.id = p.statement_id WHERE ${where.sql}`)
        .run(...where.params);
      if (byKey.size >= SCOPE_TABLES_KEPT) {
        const [oldestKey, oldest] = byKey.entries().next().value!;
        byKey.delete(oldestKey);
        this.db.exec(`DROP TABLE temp.${oldest}`);
      }
    }
    byKey.set(key, table);
    return table;
  }

  /** How many paragraphs hold a term, by its stem as the full-text index stores it (0 when none). */
  paragraphsWithStem(stem: string): number {
    const row = this.db.prepare('SELECT doc FROM temp.paragraphs_vocab WHERE term = ?').get(stem) as { doc: number } | undefined;
    return row?.doc ?? 0;
  }

  /** How many paragraphs match an FTS5 expression (a phrase, which the vocabulary table cannot count). */
  countMatching(ftsQuery: string): number {
    return this.db.prepare('SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH ?').pluck().get(ftsQuery) as number;
  }

  /** Which of the given paragraphs match an FTS5 expression. */
  paragraphsMatching(ftsQuery: string, among: number[]): number[] {
    return this.db
      .prepare('SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ? AND +rowid IN (SELECT value FROM json_each(?))')
      .pluck()
      .all(ftsQuery, JSON.stringify(among)) as number[];
  }

  /** Ids of the paragraphs within the filters, read from the scope's kept table (see scopeTable). */
  paragraphIdsWithin(filters: ParagraphScope): number[] {
    return this.db.prepare(`SELECT id FROM temp.${this.scopeTable(filters)}`).pluck().all() as number[];
  }

  /** Paragraphs within the scope in reading order: by year, then country name, then position. */
  paragraphsInOrder(scope: ParagraphScope, limit: number, offset: number): StoredParagraph[] {
    const where = filterClause(scope);
    return (
      this.db
        .prepare(
          `SELECT ${PARAGRAPH_COLUMNS} FROM paragraphs p JOIN statements s ON s.id = p.statement_id
           WHERE ${where.sql} ORDER BY s.year IS NULL, s.year, s.country_name, s.path, p.number LIMIT ? OFFSET ?`,
        )
        .all(...where.params, limit, offset) as ParagraphRow[]
    ).map(toParagraph);
  }

  organizationNames(): OrganizationName[] {
    return this.db
      .prepare('SELECT acronym, name, sum(count) AS count FROM organization_names GROUP BY acronym, name')
      .all() as OrganizationName[];
  }

  countries(): { code: string; name: string; statements: number }[] {
    return this.db
      .prepare(
        `SELECT country AS code, max(country_name) AS name, count(*) AS statements FROM statements
         WHERE country IS NOT NULL GROUP BY country ORDER BY statements DESC`,
      )
      .all() as { code: string; name: string; statements: number }[];
  }

  /** Changes whenever a statement is added or removed, and only then (a sentence stage or a graph save leaves it). */
  statementsVersion(): string {
    return this.db.prepare("SELECT count(*) || ':' || coalesce(max(id), 0) FROM statements").pluck().get() as string;
  }

  /** Who gave each statement, as its metadata says: the rows the speaker directory is read from (src/search/speakers.ts). */
  speakerRows(): { country: string; speaker: string | null; post: string | null; year: number | null }[] {
    return this.db
      .prepare('SELECT DISTINCT country, speaker, post, year FROM statements WHERE country IS NOT NULL AND (speaker IS NOT NULL OR post IS NOT NULL)')
      .all() as { country: string; speaker: string | null; post: string | null; year: number | null }[];
  }

  /** Up to `limit` paragraph texts holding a word (an FTS5 term), to see how the statements write it. */
  textsWith(ftsTerm: string, limit: number): string[] {
    return this.db.prepare('SELECT text FROM paragraphs_fts WHERE paragraphs_fts MATCH ? LIMIT ?').pluck().all(ftsTerm, limit) as string[];
  }

  /** The first and last year of a body's dated statements (of one country, when given). */
  yearSpanOf(body: Body, country: string | null): { first: number; last: number } | null {
    const row = this.db
      .prepare(`SELECT min(year) AS first, max(year) AS last FROM statements WHERE body = ? AND year IS NOT NULL ${country ? 'AND country = ?' : ''}`)
      .get(body, ...(country ? [country] : [])) as { first: number | null; last: number | null };
    return row.first === null || row.last === null ? null : { first: row.first, last: row.last };
  }

  /** Statements per body and year within the span. */
  statementsPerYear(span: YearSpan): { body: Body; year: number; n: number }[] {
    const { sql, params } = spanClause(span);
    return this.db
      .prepare(`SELECT s.body AS body, s.year AS year, count(*) AS n FROM statements s WHERE ${sql} GROUP BY s.body, s.year ORDER BY s.year`)
      .all(...params) as { body: Body; year: number; n: number }[];
  }

  /**
   * The paragraphs within the span that match the FTS5 expression, with their statement, in reading order (year,
   * country name, statement, position): what /trend counts once the words are checked in the text itself.
   */
  paragraphsMatchingIn(ftsQuery: string, span: YearSpan): MatchingParagraph[] {
    const { sql, params } = spanClause(span);
    return this.db
      .prepare(
        `SELECT p.id AS id, p.statement_id AS statementId, s.body AS body, s.year AS year, p.text AS text FROM paragraphs p
         JOIN statements s ON s.id = p.statement_id
         WHERE ${sql} AND p.id IN (SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ?)
         ORDER BY s.year, coalesce(s.country_name, s.country), s.path, p.number`,
      )
      .all(...params, ftsQuery) as MatchingParagraph[];
  }

  /** The years in which at least one stored statement was made. */
  statementYears(): number[] {
    return this.db.prepare('SELECT DISTINCT year FROM statements WHERE year IS NOT NULL ORDER BY year').pluck().all() as number[];
  }

  counts(): { statements: number; paragraphs: number; countries: number; firstYear: number | null; lastYear: number | null; bodies: string[] } {
    const s = this.db
      .prepare('SELECT count(*) AS statements, count(DISTINCT country) AS countries, min(year) AS firstYear, max(year) AS lastYear FROM statements')
      .get() as { statements: number; countries: number; firstYear: number | null; lastYear: number | null };
    const p = this.db.prepare('SELECT count(*) AS n FROM paragraphs').get() as { n: number };
    const bodies = (this.db.prepare('SELECT DISTINCT body FROM statements WHERE body IS NOT NULL').all() as { body: string }[]).map(
      (r) => r.body,
    );
    return { ...s, paragraphs: p.n, bodies };
  }
}
