import { tableSql, type Db } from './schema.js';

function vectorToBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

function blobToVector(blob: Buffer): Float32Array {
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Float32Array(copy.buffer);
}

/** A paragraph's sentence vectors are stored under its text hash and its speaker's country ('' when none is known). */
const SPEAKER_COUNTRY = `coalesce((SELECT country_name FROM statements WHERE id = p.statement_id), '')`;
const SAME_SENTENCES = `s.text_hash = p.text_hash AND s.country_name = ${SPEAKER_COUNTRY}`;

/** One vector per paragraph text, stored by its text hash. */
export class ParagraphVectors {
  constructor(private readonly db: Db) {}

  has(textHash: string): boolean {
    return this.db.prepare('SELECT 1 FROM vectors WHERE text_hash = ?').get(textHash) !== undefined;
  }

  put(textHash: string, vector: Float32Array): void {
    this.db.prepare('INSERT OR REPLACE INTO vectors (text_hash, vector) VALUES (?, ?)').run(textHash, vectorToBlob(vector));
  }

  of(paragraphIds: number[]): Map<number, Float32Array> {
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
  *all(): Generator<{ id: number; vector: Float32Array }> {
    const byHash = new Map<string, Float32Array>();
    const vectors = this.db.prepare('SELECT text_hash, vector FROM vectors').iterate() as IterableIterator<{
      text_hash: string;
      vector: Buffer;
    }>;
    for (const row of vectors) byHash.set(row.text_hash, blobToVector(row.vector));
    const paragraphs = this.db.prepare('SELECT id, text_hash FROM paragraphs ORDER BY id').iterate() as IterableIterator<{
      id: number;
      text_hash: string;
    }>;
    for (const row of paragraphs) {
      const vector = byHash.get(row.text_hash);
      if (vector) yield { id: row.id, vector };
    }
  }

  /** How many stored vectors do not have this many dimensions (a model mixed in, or damage). */
  notOfDimension(dimension: number): number {
    const row = this.db.prepare('SELECT count(*) AS n FROM vectors WHERE length(vector) <> ?').get(dimension * 4) as { n: number };
    return row.n;
  }

  /** Drops vectors no paragraph uses any more (kept until a run ends, so a re-split can reuse them). */
  prune(): void {
    this.db.prepare('DELETE FROM vectors WHERE text_hash NOT IN (SELECT text_hash FROM paragraphs)').run();
  }

  clear(): void {
    this.db.prepare('DELETE FROM vectors').run();
  }
}

/** The vectors of each paragraph's sentences, end to end in one blob per paragraph text and speaker's country. */
export class SentenceVectors {
  constructor(private readonly db: Db) {}

  /** Paragraphs after `afterId` whose sentences were never looked at, in id order, with their speaker's country. */
  missingAfter(afterId: number, limit: number): { id: number; textHash: string; text: string; countryName: string }[] {
    return this.db
      .prepare(
        `SELECT p.id, p.text_hash AS textHash, p.text, ${SPEAKER_COUNTRY} AS countryName FROM paragraphs p
         WHERE p.id > ? AND NOT EXISTS (SELECT 1 FROM speaker_sentence_vectors s WHERE ${SAME_SENTENCES})
         ORDER BY p.id LIMIT ?`,
      )
      .all(afterId, limit) as { id: number; textHash: string; text: string; countryName: string }[];
  }

  /** How many paragraphs' sentences were never looked at. */
  countMissing(): number {
    return this.db
      .prepare(`SELECT count(*) FROM paragraphs p WHERE NOT EXISTS (SELECT 1 FROM speaker_sentence_vectors s WHERE ${SAME_SENTENCES})`)
      .pluck()
      .get() as number;
  }

  /** Drops the marks of paragraphs looked at and given no sentence vectors; returns how many there were. */
  forgetParagraphsWithoutSentences(): number {
    return this.db.prepare('DELETE FROM speaker_sentence_vectors WHERE length(vectors) = 0').run().changes;
  }

  put(textHash: string, countryName: string, vectors: Float32Array[]): void {
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
  of(paragraphIds: number[]): Map<number, Float32Array> {
    if (tableSql(this.db, 'speaker_sentence_vectors') === undefined) return new Map();
    const rows = this.db
      .prepare(
        `SELECT p.id, s.vectors FROM paragraphs p JOIN speaker_sentence_vectors s ON ${SAME_SENTENCES}
         WHERE p.id IN (SELECT value FROM json_each(?)) AND length(s.vectors) > 0`,
      )
      .all(JSON.stringify(paragraphIds)) as { id: number; vectors: Buffer }[];
    return new Map(rows.map((r) => [r.id, blobToVector(r.vectors)]));
  }

  /** Drops the sentence vectors of paragraph texts no paragraph by that country holds any more. */
  prune(): void {
    this.db
      .prepare(`DELETE FROM speaker_sentence_vectors AS s WHERE NOT EXISTS (SELECT 1 FROM paragraphs p WHERE ${SAME_SENTENCES})`)
      .run();
  }

  clear(): void {
    this.db.prepare('DELETE FROM speaker_sentence_vectors').run();
  }
}
