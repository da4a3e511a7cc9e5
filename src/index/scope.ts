import type { Body } from '../corpus/types.js';

/** Which paragraphs a query may return; an empty list means no limit. */
export interface Scope {
  countries: string[];
  years: number[];
  body: Body | null;
  /** An FTS5 expression the paragraphs must match (organization lookups). */
  mentioning?: string;
}

/** A WHERE fragment limiting `s` (statements) and `p` (paragraphs) to the scope, with its parameters. */
export function filterClause(scope: Scope): { sql: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (scope.countries.length > 0) {
    parts.push(`s.country IN (${scope.countries.map(() => '?').join(',')})`);
    params.push(...scope.countries);
  }
  if (scope.years.length > 0) {
    parts.push(`s.year IN (${scope.years.map(() => '?').join(',')})`);
    params.push(...scope.years);
  }
  if (scope.body) {
    parts.push('s.body = ?');
    params.push(scope.body);
  }
  if (scope.mentioning) {
    parts.push('p.id IN (SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ?)');
    params.push(scope.mentioning);
  }
  return { sql: parts.length > 0 ? parts.join(' AND ') : '1', params };
}

/** Names a scope for the caches that keep what was read for it. */
export function scopeKey(scope: Scope): string {
  return JSON.stringify([scope.countries, scope.years, scope.body, scope.mentioning ?? null]);
}
