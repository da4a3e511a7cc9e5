import type { MetaTable } from './meta-table.js';
import type { Db } from './schema.js';
import { filterClause, scopeKey, type Scope } from './scope.js';

/** Scopes whose paragraph ids are kept in temporary tables (see scopeTable); as many as the searcher remembers. */
const SCOPE_TABLES_KEPT = 64;

/** The full-text index of the paragraphs (FTS5, Porter stems), and the scopes it is searched within. */
export class LexicalIndex {
  /** Temporary tables of scopes' paragraph ids, by scope, for the generation they were filled in; most recently used last. */
  private scopeTables = { generation: -1, byKey: new Map<string, string>(), made: 0 };

  constructor(
    private readonly db: Db,
    private readonly meta: MetaTable,
  ) {}

  /**
   * Full-text matches ranked by BM25 (best first), limited to the scope. The full-text table is queried on
   * its own, with the scope as one subquery, because joining every match to its statement costs three times
   * the ranking itself.
   */
  search(ftsQuery: string, scope: Scope, limit: number): { id: number; score: number }[] {
    const within = filterClause(scope).params.length > 0 ? `AND +rowid IN temp.${this.scopeTable(scope)}` : '';
    return this.db
      .prepare(
        `SELECT rowid AS id, -bm25(paragraphs_fts) AS score FROM paragraphs_fts
         WHERE paragraphs_fts MATCH ? ${within} ORDER BY bm25(paragraphs_fts) LIMIT ?`,
      )
      .all(ftsQuery, limit) as { id: number; score: number }[];
  }

  /** Up to `limit` paragraphs matching an FTS5 expression, in index order: for a selective query read whole, unranked. */
  matching(ftsQuery: string, limit: number): number[] {
    return this.db
      .prepare('SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ? LIMIT ?')
      .pluck()
      .all(ftsQuery, limit) as number[];
  }

  /** Ids of the paragraphs within the scope, read from the scope's kept table (see scopeTable). */
  idsWithin(scope: Scope): number[] {
    return this.db
      .prepare(`SELECT id FROM temp.${this.scopeTable(scope)}`)
      .pluck()
      .all() as number[];
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

  /** Up to `limit` paragraph texts holding a word (an FTS5 term), to see how the statements write it. */
  textsWith(ftsTerm: string, limit: number): string[] {
    return this.db.prepare('SELECT text FROM paragraphs_fts WHERE paragraphs_fts MATCH ? LIMIT ?').pluck().all(ftsTerm, limit) as string[];
  }

  /**
   * A temporary table of the scope's paragraph ids, filled once per scope and index generation, for the full-text
   * search and for the searcher's own copy of the ids. Listing a region's paragraphs (100,000 of the whole
   * archive's for "which African country") took 40-80 ms, as long again as the full-text search it limits; a
   * kept table is looked up by key in well under that (README: Benchmarks).
   */
  private scopeTable(scope: Scope): string {
    this.forgetTablesOfEarlierGenerations();
    const { byKey } = this.scopeTables;
    const key = scopeKey(scope);
    let table = byKey.get(key);
    if (table) {
      byKey.delete(key);
    } else {
      table = this.fillScopeTable(scope);
      if (byKey.size >= SCOPE_TABLES_KEPT) this.dropLeastRecentlyUsed();
    }
    byKey.set(key, table);
    return table;
  }

  private forgetTablesOfEarlierGenerations(): void {
    const generation = this.meta.generation;
    if (this.scopeTables.generation === generation) return;
    for (const table of this.scopeTables.byKey.values()) this.db.exec(`DROP TABLE IF EXISTS temp.${table}`);
    this.scopeTables = { generation, byKey: new Map(), made: this.scopeTables.made };
  }

  private fillScopeTable(scope: Scope): string {
    const table = `scope_${++this.scopeTables.made}`;
    const where = filterClause(scope);
    this.db.exec(`CREATE TEMP TABLE ${table} (id INTEGER PRIMARY KEY)`);
    this.db
      .prepare(`INSERT INTO temp.${table} SELECT p.id FROM paragraphs p JOIN statements s ON s.id = p.statement_id WHERE ${where.sql}`)
      .run(...where.params);
    return table;
  }

  private dropLeastRecentlyUsed(): void {
    const { byKey } = this.scopeTables;
    const [oldestKey, oldest] = byKey.entries().next().value!;
    byKey.delete(oldestKey);
    this.db.exec(`DROP TABLE temp.${oldest}`);
  }
}
