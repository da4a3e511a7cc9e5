import type { Body } from '../corpus/types.js';
import type { Db } from './schema.js';

/** Statements of some bodies over a span of years, of one country when given. */
export interface YearSpan {
  bodies: Body[];
  from: number;
  to: number;
  country: string | null;
}

/** A paragraph an FTS5 expression matched, with what /trend groups it by. */
export interface MatchingParagraph {
  id: number;
  statementId: number;
  body: Body;
  year: number;
  text: string;
}

function spanClause(span: YearSpan): { sql: string; params: (string | number)[] } {
  const bodies = span.bodies.map(() => '?').join(',');
  return {
    sql: `s.body IN (${bodies}) AND s.year BETWEEN ? AND ?${span.country ? ' AND s.country = ?' : ''}`,
    params: [...span.bodies, span.from, span.to, ...(span.country ? [span.country] : [])],
  };
}

/** What /trend counts: statements and the paragraphs naming a topic, year by year. */
export class YearSpans {
  constructor(private readonly db: Db) {}

  /** The first and last year of a body's dated statements (of one country, when given). */
  of(body: Body, country: string | null): { first: number; last: number } | null {
    const row = this.db
      .prepare(
        `SELECT min(year) AS first, max(year) AS last FROM statements WHERE body = ? AND year IS NOT NULL ${country ? 'AND country = ?' : ''}`,
      )
      .get(body, ...(country ? [country] : [])) as { first: number | null; last: number | null };
    return row.first === null || row.last === null ? null : { first: row.first, last: row.last };
  }

  /** Statements per body and year within the span. */
  statementsPerYear(span: YearSpan): { body: Body; year: number; n: number }[] {
    const { sql, params } = spanClause(span);
    return this.db
      .prepare(
        `SELECT s.body AS body, s.year AS year, count(*) AS n FROM statements s WHERE ${sql} GROUP BY s.body, s.year ORDER BY s.year`,
      )
      .all(...params) as { body: Body; year: number; n: number }[];
  }

  /**
   * The paragraphs within the span that match the FTS5 expression, with their statement, in reading order (year,
   * country name, statement, position): what /trend counts once the words are checked in the text itself.
   */
  paragraphsMatching(ftsQuery: string, span: YearSpan): MatchingParagraph[] {
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
}
