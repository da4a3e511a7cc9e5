import type { StatementMeta } from '../corpus/types.js';
import type { ParagraphsTable } from './paragraphs-table.js';
import type { Db } from './schema.js';

export interface StoredStatement {
  id: number;
  path: string;
  contentHash: string;
  parserVersion: number;
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

/** Statements with their metadata, paragraphs and organization names: what an indexing run swaps in and out. */
export class StatementsTable {
  constructor(
    private readonly db: Db,
    private readonly paragraphs: ParagraphsTable,
  ) {}

  all(): StoredStatement[] {
    return this.db
      .prepare('SELECT id, path, content_hash AS contentHash, parser_version AS parserVersion FROM statements')
      .all() as StoredStatement[];
  }

  byPath(filePath: string): StoredStatement | null {
    const row = this.db
      .prepare('SELECT id, path, content_hash AS contentHash, parser_version AS parserVersion FROM statements WHERE path = ?')
      .get(filePath) as StoredStatement | undefined;
    return row ?? null;
  }

  /**
   * The path of a statement, other than the one at `exceptPath`, whose paragraphs have exactly these text hashes
   * in this order: the same statement stored under another path. Candidates come from the text-hash index.
   */
  withSameText(textHashes: string[], exceptPath: string): string | null {
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

  /** Deletes a statement with its paragraphs; returns the ids of the paragraphs that went. */
  delete(statementId: number): number[] {
    const ids = this.paragraphs.idsOf(statementId);
    this.db.prepare('DELETE FROM paragraphs WHERE statement_id = ?').run(statementId);
    this.db.prepare('DELETE FROM organization_names WHERE statement_id = ?').run(statementId);
    this.db.prepare('DELETE FROM statements WHERE id = ?').run(statementId);
    return ids;
  }

  /** Returns the ids of the inserted paragraphs, in the order given. */
  insert(
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
    const insertParagraph = this.db.prepare('INSERT INTO paragraphs (statement_id, number, text, text_hash) VALUES (?, ?, ?, ?)');
    const ids = paragraphs.map((p) => Number(insertParagraph.run(statementId, p.number, p.text, p.textHash).lastInsertRowid));
    const insertName = this.db.prepare('INSERT INTO organization_names (statement_id, acronym, name, count) VALUES (?, ?, ?, ?)');
    for (const o of organizationNames) insertName.run(statementId, o.acronym, o.name, o.count);
    return ids;
  }

  /** Changes whenever a statement is added or removed, and only then (a sentence stage or a graph save leaves it). */
  version(): string {
    return this.db.prepare("SELECT count(*) || ':' || coalesce(max(id), 0) FROM statements").pluck().get() as string;
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

  /** Who gave each statement, as its metadata says: the rows the speaker directory is read from (src/search/speakers.ts). */
  speakerRows(): { country: string; speaker: string | null; post: string | null; year: number | null }[] {
    return this.db
      .prepare(
        'SELECT DISTINCT country, speaker, post, year FROM statements WHERE country IS NOT NULL AND (speaker IS NOT NULL OR post IS NOT NULL)',
      )
      .all() as { country: string; speaker: string | null; post: string | null; year: number | null }[];
  }

  /** The years in which at least one stored statement was made. */
  years(): number[] {
    return this.db.prepare('SELECT DISTINCT year FROM statements WHERE year IS NOT NULL ORDER BY year').pluck().all() as number[];
  }

  counts(): {
    statements: number;
    paragraphs: number;
    countries: number;
    firstYear: number | null;
    lastYear: number | null;
    bodies: string[];
  } {
    const s = this.db
      .prepare(
        'SELECT count(*) AS statements, count(DISTINCT country) AS countries, min(year) AS firstYear, max(year) AS lastYear FROM statements',
      )
      .get() as { statements: number; countries: number; firstYear: number | null; lastYear: number | null };
    const p = this.db.prepare('SELECT count(*) AS n FROM paragraphs').get() as { n: number };
    const bodies = (this.db.prepare('SELECT DISTINCT body FROM statements WHERE body IS NOT NULL').all() as { body: string }[]).map(
      (r) => r.body,
    );
    return { ...s, paragraphs: p.n, bodies };
  }
}
