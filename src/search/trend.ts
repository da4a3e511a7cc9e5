import path from 'node:path';
import Database from 'better-sqlite3';
import type { Body } from '../corpus/types.js';
import { dot, type Embedder } from '../embed/embedder.js';
import type { ParagraphIndex } from '../index/paragraph-index.js';
import type { Organization } from './archive.js';
import type { ScoredId } from './fusion.js';
import { anyPhraseQuery } from './lexical-query.js';
import type { Searcher } from './searcher.js';
import type { Hit, Scope } from './types.js';

/** What /trend asks: a topic (words, a name, an organization) over a span of years, optionally for one country. */
export interface TrendQuery {
  topic: string;
  /** First and last year charted; the index's own first and last General Debate years when not given. */
  from?: number;
  to?: number;
  /** A country code: then the chart shows which of that country's statements address the topic. */
  country?: string;
}

/**
 * The rule a paragraph must pass for its statement to count as addressing the topic: the answers' own evidence.
 * Words are matched by meaning (cosine at the model's confidence threshold); names and acronyms are not a
 * sentence model's strength, so an organization is matched by its names and any other name by its exact words.
 */
export type TrendEvidence =
  | { kind: 'meaning'; similarity: number; model: string }
  | { kind: 'organization'; key: string; names: string[] }
  | { kind: 'name'; phrase: string };

export interface TrendYear {
  year: number;
  /** General Debate statements of that year (of the country, when one was asked for). */
  statements: number;
  /** Of those, the statements with at least one paragraph that passes the evidence. */
  addressing: number;
}

/** The best paragraphs of one year that pass the evidence, most similar to the topic first. */
export interface TrendQuotes {
  year: number;
  hits: Hit[];
}

export interface Trend {
  topic: string;
  evidence: TrendEvidence;
  country: string | null;
  from: number;
  to: number;
  /** General Debate statements, one entry per year of from..to that has any. */
  years: TrendYear[];
  /** Security Council speeches are counted apart over the same years: a few meetings a year are no yearly series. */
  securityCouncil: { statements: number; addressing: number };
  /** More paragraphs pass than the bounded nearest-neighbour search looks at: the shares are lower bounds. */
  capped: boolean;
  firstMention: TrendQuotes | null;
  peak: TrendQuotes | null;
}

/** How /trend tells a chart from noise: nothing passes, nearly everything passes, or a chart is worth drawing. */
export type TrendShape = 'nothing' | 'nearly-everything' | 'chart';

/** At or above this share of all statements, and of every single year's, a topic is "nearly everything". */
const NEARLY_ALL_OVERALL = 0.9;
const NEARLY_ALL_EACH_YEAR = 0.75;

/** The index's database, as src/index/paragraph-index.ts names it in its folder. */
const DATABASE_FILE = 'paragraphs.sqlite';

export const GENERAL_DEBATE: Body = 'General Assembly';
const SECURITY_COUNCIL: Body = 'Security Council';

/** Paragraphs quoted behind each of the reply's buttons (first mention, peak year). */
export const TREND_QUOTES = 3;

/**
 * Nearest neighbours are fetched in rounds of growing size until the last one falls below the threshold: most
 * topics pass a few hundred or thousand paragraphs, and a round costs about as much as its size.
 */
const FIRST_ROUND = 4_096;
const ROUND_GROWTH = 4;
const MOST_NEIGHBOURS = 65_536;

/** An acronym as typed: capitals and digits, at least two capitals ("CICA", "G77", "AUKUS"). */
const ACRONYM = /^(?=(?:.*\p{Lu}){2})[\p{Lu}\p{N}][\p{Lu}\p{N}&.-]{1,11}$/u;
/** Small words a proper name may hold uncapitalised ("Treaty on the Non-Proliferation of Nuclear Weapons"). */
const NAME_JOINERS = new Set(['of', 'the', 'on', 'and', 'for', 'in', 'to', 'de', 'la', 'du', 'des', 'del', 'da']);

export function share(year: TrendYear): number {
  return year.statements === 0 ? 0 : year.addressing / year.statements;
}

/** A name or an acronym, which is matched by its exact words: "CICA", "Paris Agreement", "Nelson Mandela". */
export function looksLikeName(topic: string): boolean {
  const words = topic.trim().split(/\s+/);
  if (words.length === 1) return ACRONYM.test(words[0]!);
  return words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || NAME_JOINERS.has(w)) && /^[\p{Lu}\p{N}]/u.test(words[words.length - 1]!);
}

/** Whether the topic is the organization's acronym or one of its names, not just their beginning ("peace"). */
function namesOrganization(topic: string, organization: Organization): boolean {
  const typed = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
  return [organization.key, ...organization.names].some((name) => typed(name) === typed(topic));
}

/** The evidence for a topic: an organization the corpus names, else a name's exact words, else its meaning. */
export function evidenceFor(topic: string, organization: Organization | null, embedder: Embedder): TrendEvidence {
  if (organization && namesOrganization(topic, organization)) return { kind: 'organization', key: organization.key, names: organization.names };
  if (looksLikeName(topic)) return { kind: 'name', phrase: topic.trim() };
  return { kind: 'meaning', similarity: embedder.confidence.similarity, model: embedder.modelName };
}

export function trendShape(trend: Trend): TrendShape {
  const statements = trend.years.reduce((n, y) => n + y.statements, 0);
  const addressing = trend.years.reduce((n, y) => n + y.addressing, 0);
  if (addressing === 0) return 'nothing';
  const lowest = Math.min(...trend.years.map(share));
  return addressing / statements >= NEARLY_ALL_OVERALL && lowest >= NEARLY_ALL_EACH_YEAR ? 'nearly-everything' : 'chart';
}

/** The first year with a statement addressing the topic; the peak (highest share, the earliest of equals); the last year. */
export function trendMilestones(trend: Trend): { first: TrendYear | null; peak: TrendYear | null; latest: TrendYear | null } {
  const addressed = trend.years.filter((y) => y.addressing > 0);
  const peak = addressed.reduce<TrendYear | null>((best, y) => (!best || share(y) > share(best) ? y : best), null);
  return { first: addressed[0] ?? null, peak, latest: trend.years[trend.years.length - 1] ?? null };
}

/** Which paragraphs pass the evidence, as a condition on `p` (paragraphs) for SQL, with their similarities. */
type Matches =
  | { kind: 'ids'; similarity: Map<number, number>; capped: boolean }
  | { kind: 'fts'; expression: string };

interface YearRow {
  body: Body;
  year: number;
  n: number;
}

export interface TrendServices {
  index: ParagraphIndex;
  searcher: Searcher;
  embedder: Embedder;
  organization: (text: string) => Organization | null;
}

/**
 * Counts, year by year, the statements whose paragraphs pass a topic's evidence, and finds the paragraphs to
 * quote. Matching paragraphs come from the index as the answers find them (nearest neighbours in the graph, or the
 * full-text index for names); grouping them by statement and year is SQL over the index's database, read on a
 * connection of this class's own: the store's connection offers no grouped counts, and nothing is embedded per
 * statement at query time.
 */
export class TrendFinder {
  private db: Database.Database | null = null;

  constructor(private readonly services: TrendServices) {}

  async trend(query: TrendQuery): Promise<Trend> {
    const { embedder, organization } = this.services;
    const topic = query.topic.trim();
    const evidence = evidenceFor(topic, organization(topic), embedder);
    const queryVector = await this.services.searcher.queryVector(topic);
    const country = query.country?.toUpperCase() ?? null;
    const db = this.database();
    const span = db ? this.generalDebateYears(db, country) : null;
    const from = query.from ?? span?.first ?? 0;
    const to = query.to ?? span?.last ?? 0;
    const empty: Trend = { topic, evidence, country, from, to, years: [], securityCouncil: { statements: 0, addressing: 0 }, capped: false, firstMention: null, peak: null };
    if (!db || !span) return empty;

    const matches = this.matchesOf(evidence, queryVector, country);
    const statements = this.statementsByYear(db, from, to, country);
    const addressing = this.addressingByYear(db, matches, from, to, country);
    const count = (rows: YearRow[], body: Body, year: number) => rows.find((r) => r.body === body && r.year === year)?.n ?? 0;
    const years = statements
      .filter((r) => r.body === GENERAL_DEBATE)
      .map((r) => ({ year: r.year, statements: r.n, addressing: count(addressing, GENERAL_DEBATE, r.year) }));
    const sum = (rows: YearRow[]) => rows.filter((r) => r.body === SECURITY_COUNCIL).reduce((n, r) => n + r.n, 0);
    const trend: Trend = {
      ...empty,
      years,
      securityCouncil: { statements: sum(statements), addressing: sum(addressing) },
      capped: matches.kind === 'ids' && matches.capped,
    };
    const { first, peak } = trendMilestones(trend);
    return {
      ...trend,
      firstMention: first ? this.quotesOf(db, matches, queryVector, first.year, country) : null,
      peak: peak ? this.quotesOf(db, matches, queryVector, peak.year, country) : null,
    };
  }

  close(): void {
    this.db?.close();
    this.db = null;
  }

  /**
   * The database read-only, once the index has committed something: a new folder has no file until its first
   * write, and one indexed with another model is read as empty until it is embedded again.
   */
  private database(): Database.Database | null {
    if (this.services.index.store.generation === 0) return null;
    this.db ??= new Database(path.join(this.services.index.dir, DATABASE_FILE), { readonly: true, fileMustExist: true });
    return this.db;
  }

  private matchesOf(evidence: TrendEvidence, queryVector: Float32Array, country: string | null): Matches {
    if (evidence.kind === 'meaning') return this.similarAbove(queryVector, evidence.similarity, country);
    const expression = anyPhraseQuery(evidence.kind === 'organization' ? [evidence.key, ...evidence.names] : [evidence.phrase]);
    // A name of nothing but symbols has no words to match: it matches nothing rather than everything.
    return expression ? { kind: 'fts', expression } : { kind: 'ids', similarity: new Map(), capped: false };
  }

  /** Paragraphs at or above the similarity, in rounds of nearest neighbours that grow until one ends below it. */
  private similarAbove(queryVector: Float32Array, threshold: number, country: string | null): Matches {
    const scope: Scope = { countries: country ? [country] : [], years: [], body: null };
    let found: ScoredId[] = [];
    let size = FIRST_ROUND;
    for (;;) {
      found = this.services.searcher.rankDense(queryVector, scope, size);
      const last = found[found.length - 1];
      const exhausted = found.length < size || !last || last.score < threshold;
      if (exhausted || size >= MOST_NEIGHBOURS) {
        const above = found.filter((f) => f.score >= threshold);
        return { kind: 'ids', similarity: new Map(above.map((f) => [f.id, f.score])), capped: !exhausted };
      }
      size *= ROUND_GROWTH;
    }
  }

  private generalDebateYears(db: Database.Database, country: string | null): { first: number; last: number } | null {
    const row = db
      .prepare(`SELECT min(year) AS first, max(year) AS last FROM statements WHERE body = ? AND year IS NOT NULL ${country ? 'AND country = ?' : ''}`)
      .get(GENERAL_DEBATE, ...(country ? [country] : [])) as { first: number | null; last: number | null };
    return row.first === null || row.last === null ? null : { first: row.first, last: row.last };
  }

  private statementsByYear(db: Database.Database, from: number, to: number, country: string | null): YearRow[] {
    return db
      .prepare(
        `SELECT body, year, count(*) AS n FROM statements
         WHERE body IN (?, ?) AND year BETWEEN ? AND ? ${country ? 'AND country = ?' : ''}
         GROUP BY body, year ORDER BY year`,
      )
      .all(GENERAL_DEBATE, SECURITY_COUNCIL, from, to, ...(country ? [country] : [])) as YearRow[];
  }

  private addressingByYear(db: Database.Database, matches: Matches, from: number, to: number, country: string | null): YearRow[] {
    const match = matchClause(matches);
    return db
      .prepare(
        `SELECT s.body, s.year, count(DISTINCT s.id) AS n FROM paragraphs p JOIN statements s ON s.id = p.statement_id
         WHERE ${match.sql} AND s.body IN (?, ?) AND s.year BETWEEN ? AND ? ${country ? 'AND s.country = ?' : ''}
         GROUP BY s.body, s.year`,
      )
      .all(match.param, GENERAL_DEBATE, SECURITY_COUNCIL, from, to, ...(country ? [country] : [])) as YearRow[];
  }

  /** The year's General Debate paragraphs that pass the evidence, the most similar to the topic first. */
  private quotesOf(db: Database.Database, matches: Matches, queryVector: Float32Array, year: number, country: string | null): TrendQuotes {
    const match = matchClause(matches);
    const ids = db
      .prepare(
        `SELECT p.id FROM paragraphs p JOIN statements s ON s.id = p.statement_id
         WHERE ${match.sql} AND s.body = ? AND s.year = ? ${country ? 'AND s.country = ?' : ''}`,
      )
      .pluck()
      .all(match.param, GENERAL_DEBATE, year, ...(country ? [country] : [])) as number[];
    const { store } = this.services.index;
    const similarity =
      matches.kind === 'ids' ? matches.similarity : new Map([...store.vectorsOf(ids)].map(([id, vector]) => [id, dot(queryVector, vector)]));
    const best = ids.sort((a, b) => (similarity.get(b) ?? 0) - (similarity.get(a) ?? 0)).slice(0, TREND_QUOTES);
    const hits = store.paragraphs(best).map((p, i) => ({
      ...this.services.searcher.toPassage(p),
      rank: i + 1,
      score: similarity.get(p.id) ?? 0,
      similarity: similarity.get(p.id) ?? 0,
    }));
    return { year, hits };
  }
}

function matchClause(matches: Matches): { sql: string; param: string } {
  return matches.kind === 'ids'
    ? { sql: 'p.id IN (SELECT value FROM json_each(?))', param: JSON.stringify([...matches.similarity.keys()]) }
    : { sql: 'p.id IN (SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ?)', param: matches.expression };
}
