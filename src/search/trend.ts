import { splitSentences } from '../corpus/sentences.js';
import type { Body } from '../corpus/types.js';
import { dot } from '../embed/embedder.js';
import type { ParagraphIndex } from '../index/paragraph-index.js';
import type { MatchingParagraph, YearSpan } from '../index/year-spans.js';
import type { Organization } from '../corpus/organizations.js';
import { anyPhraseQuery } from './lexical-query.js';
import type { Searcher } from './searcher.js';
import type { Hit } from './types.js';

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
 * The rule a statement must pass to count as addressing the topic: it names it. Names and acronyms by their exact
 * words, an organization by any of its names, other topics by their words in any form the index's stemmer joins
 * ("climatic change", "climate changes"; "rising sea levels" for "sea level rise"). Matching by meaning was
 * measured and not kept (README: /trend): a reader can recount every statement counted by reading it for the words.
 */
export type TrendEvidence =
  { kind: 'words'; phrase: string } | { kind: 'organization'; key: string; names: string[] } | { kind: 'name'; phrase: string };

export interface TrendYear {
  year: number;
  /** General Debate statements of that year (of the country, when one was asked for). */
  statements: number;
  /** Of those, the statements that name the topic. */
  addressing: number;
}

/** The paragraphs of one year that name the topic, most similar to it first. */
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
  firstMention: TrendQuotes | null;
  peak: TrendQuotes | null;
}

/** One year's statements that name the topic, for a member to recount: each with the paragraph that made it count. */
export interface CountedStatements {
  year: number;
  total: number;
  hits: Hit[];
}

/** How /trend tells a chart from noise: nothing passes, nearly everything passes, or a chart is worth drawing. */
export type TrendShape = 'nothing' | 'nearly-everything' | 'chart';

/** At or above this share of all statements, and of every single year's, a topic is "nearly everything". */
const NEARLY_ALL_OVERALL = 0.9;
const NEARLY_ALL_EACH_YEAR = 0.75;

export const GENERAL_DEBATE: Body = 'General Assembly';
const SECURITY_COUNCIL: Body = 'Security Council';

/** Paragraphs quoted behind each of the reply's buttons (first mention, peak year). */
const TREND_QUOTES = 3;

/** Words of a topic of three or more that may stand this far apart, in any order ("rising sea levels"). */
const WORDS_APART = 2;

/** An acronym as typed: capitals and digits, at least two capitals ("CICA", "G77", "AUKUS"). */
const ACRONYM = /^(?=(?:.*\p{Lu}){2})[\p{Lu}\p{N}][\p{Lu}\p{N}&.-]{1,11}$/u;
/** Small words a proper name may hold uncapitalised ("Treaty on the Non-Proliferation of Nuclear Weapons"). */
const NAME_JOINERS = new Set(['of', 'the', 'on', 'and', 'for', 'in', 'to', 'de', 'la', 'du', 'des', 'del', 'da']);

export function share(year: TrendYear): number {
  return year.statements === 0 ? 0 : year.addressing / year.statements;
}

/** A name or an acronym, which is matched by its exact words: "CICA", "Paris Agreement", "Nelson Mandela". */
function looksLikeName(topic: string): boolean {
  const words = topic.trim().split(/\s+/);
  if (words.length === 1) return ACRONYM.test(words[0]!);
  return words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || NAME_JOINERS.has(w)) && /^[\p{Lu}\p{N}]/u.test(words[words.length - 1]!);
}

/** Whether the topic is the organization's acronym or one of its names, not just their beginning ("peace"). */
function namesOrganization(topic: string, organization: Organization): boolean {
  const typed = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
  return [organization.key, ...organization.names].some((name) => typed(name) === typed(topic));
}

/** The evidence for a topic: an organization the corpus names, else a name's exact words, else its words in any form. */
function evidenceFor(topic: string, organization: Organization | null): TrendEvidence {
  if (organization && namesOrganization(topic, organization))
    return { kind: 'organization', key: organization.key, names: organization.names };
  if (looksLikeName(topic)) return { kind: 'name', phrase: topic.trim() };
  return { kind: 'words', phrase: topic.trim() };
}

/**
 * The FTS5 expression a paragraph must match: the phrase (the index stems every word, so plurals and "climatic"
 * match), and for topics of three words or more the same words close together in any order.
 */
function namingExpression(evidence: TrendEvidence): string | null {
  if (evidence.kind === 'organization') return anyPhraseQuery([evidence.key, ...evidence.names]);
  const phrase = anyPhraseQuery([evidence.phrase]);
  if (!phrase || evidence.kind === 'name') return phrase;
  const words = phrase.slice(1, -1).split(' ');
  return words.length >= 3 ? `${phrase} OR NEAR(${words.map((w) => `"${w}"`).join(' ')}, ${WORDS_APART})` : phrase;
}

/** What may stand between the words of a phrase: spaces, hyphens, a slash ("HIV/ AIDS"); never a comma or a stop. */
const WORD_JOINERS = '[\\s\\u2010-\\u2015/-]+';

/** Text compared without case or accents. */
function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The forms of a word that still name it: plural ("refugees", "waters"), adjective ("climatic"), and, among
 * words in another order, the present participle ("rising sea levels"); never a past tense ("the climate
 * changed" names no climate change), "eye-watering" for water, nor a shorter word the stemmer joins ("terror").
 */
function wordForms(word: string, participle: boolean): string {
  const w = folded(word).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const root = w.endsWith('e') ? w.slice(0, -1) : w;
  const singular = w.endsWith('s') && !w.endsWith('ss') ? `|${w.slice(0, -1)}` : '';
  return `(?:${w}(?:s|es)?|${root}(?:ic|ical${participle ? '|ing' : ''})${singular})`;
}

/**
 * Whether a text names the topic as a reader would say it does: the FTS5 expression's stems narrowed to the
 * forms that keep the meaning (wordForms), as a phrase joined by spaces, hyphens or slashes ("climate-change",
 * "HIV/ AIDS"), or, for three words or more, all in one sentence ("rising sea levels"; the index found them within
 * two words of each other). /trend counts only paragraphs that pass.
 */
export function namesTopic(evidence: TrendEvidence): (text: string) => boolean {
  const names = evidence.kind === 'organization' ? [evidence.key, ...evidence.names] : [evidence.phrase];
  const patterns = names.flatMap((name) => {
    const words = folded(name).match(/[\p{L}\p{N}]+/gu) ?? [];
    if (words.length === 0) return [];
    const phrase = new RegExp(`(?<![\\p{L}\\p{N}])${words.map((w) => wordForms(w, false)).join(WORD_JOINERS)}(?![\\p{L}\\p{N}])`, 'u');
    const each = words.map((w) => new RegExp(`(?<![\\p{L}\\p{N}])${wordForms(w, true)}(?![\\p{L}\\p{N}])`, 'u'));
    const together = evidence.kind === 'words' && words.length >= 3;
    return [(text: string) => phrase.test(text) || (together && splitSentences(text).some((s) => each.every((e) => e.test(s))))];
  });
  return (text) => {
    const plain = folded(text);
    return patterns.some((matches) => matches(plain));
  };
}

/** The sentence of a counted paragraph that names the topic: what a member reads to recount. */
export function sentenceNaming(text: string, evidence: TrendEvidence): string {
  const names = namesTopic(evidence);
  const sentences = splitSentences(text);
  return sentences.find(names) ?? sentences[0] ?? text;
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

export interface TrendServices {
  index: ParagraphIndex;
  searcher: Searcher;
  organization: (text: string) => Organization | null;
}

/**
 * Counts, year by year, the statements that name a topic, and finds the paragraphs to quote: exact counts over
 * the whole index by its full-text table (src/index/year-spans.ts), nothing embedded per statement at query time.
 */
export class TrendFinder {
  constructor(private readonly services: TrendServices) {}

  async trend(query: TrendQuery): Promise<Trend> {
    const read = this.read(query);
    const { topic, evidence, country } = read;
    const { store } = this.services.index;
    const span = store.meta.generation === 0 ? null : store.yearSpans.of(GENERAL_DEBATE, country);
    const from = query.from ?? span?.first ?? 0;
    const to = query.to ?? span?.last ?? 0;
    const empty: Trend = {
      topic,
      evidence,
      country,
      from,
      to,
      years: [],
      securityCouncil: { statements: 0, addressing: 0 },
      firstMention: null,
      peak: null,
    };
    if (!span) return empty;

    const years = { bodies: [GENERAL_DEBATE, SECURITY_COUNCIL], from, to, country };
    const statements = store.yearSpans.statementsPerYear(years);
    const naming = this.namingParagraphs(read, years);
    const count = (body: Body, year?: number) =>
      new Set(naming.filter((p) => p.body === body && (year === undefined || p.year === year)).map((p) => p.statementId)).size;
    const trend: Trend = {
      ...empty,
      years: statements
        .filter((r) => r.body === GENERAL_DEBATE)
        .map((r) => ({ year: r.year, statements: r.n, addressing: count(GENERAL_DEBATE, r.year) })),
      securityCouncil: {
        statements: statements.filter((r) => r.body === SECURITY_COUNCIL).reduce((n, r) => n + r.n, 0),
        addressing: count(SECURITY_COUNCIL),
      },
    };
    const { first, peak } = trendMilestones(trend);
    if (!first && !peak) return trend;
    const queryVector = await this.services.searcher.queryVector(topic);
    const quotes = (year: number) =>
      this.quotesOf(
        naming.filter((p) => p.body === GENERAL_DEBATE && p.year === year),
        queryVector,
        year,
      );
    return { ...trend, firstMention: first ? quotes(first.year) : null, peak: peak ? quotes(peak.year) : null };
  }

  /** One year's General Debate statements that name the topic, by country, each with its first paragraph that does. */
  counted(query: TrendQuery, year: number, page: { k: number; offset: number }): CountedStatements {
    const read = this.read(query);
    if (this.services.index.store.meta.generation === 0) return { year, total: 0, hits: [] };
    const naming = this.namingParagraphs(read, { bodies: [GENERAL_DEBATE], from: year, to: year, country: read.country });
    const seen = new Set<number>();
    const firstOfEach = naming.filter((p) => !seen.has(p.statementId) && Boolean(seen.add(p.statementId)));
    const shown = firstOfEach.slice(page.offset, page.offset + page.k);
    const byId = new Map(this.services.index.store.paragraphs.byIds(shown.map((p) => p.id)).map((p) => [p.id, p]));
    const hits = shown.flatMap((p, i) => {
      const paragraph = byId.get(p.id);
      return paragraph ? [{ ...this.services.searcher.toPassage(paragraph), rank: page.offset + i + 1, score: 0, similarity: 0 }] : [];
    });
    return { year, total: firstOfEach.length, hits };
  }

  /** The paragraphs within the span that name the topic: the index's candidates, each checked in its own words. */
  private namingParagraphs(read: ReturnType<TrendFinder['read']>, span: YearSpan): MatchingParagraph[] {
    if (!read.naming) return [];
    const names = namesTopic(read.evidence);
    return this.services.index.store.yearSpans.paragraphsMatching(read.naming, span).filter((p) => names(p.text));
  }

  private read(query: TrendQuery): { topic: string; evidence: TrendEvidence; naming: string | null; country: string | null } {
    const topic = query.topic.trim();
    const evidence = evidenceFor(topic, this.services.organization(topic));
    // A name of nothing but symbols has no words to match: it matches nothing rather than everything.
    return { topic, evidence, naming: namingExpression(evidence), country: query.country?.toUpperCase() ?? null };
  }

  /** The year's General Debate paragraphs that name the topic, the most similar to it first. */
  private quotesOf(naming: MatchingParagraph[], queryVector: Float32Array, year: number): TrendQuotes {
    const { store } = this.services.index;
    const similarity = new Map([...store.vectors.of(naming.map((p) => p.id))].map(([id, vector]) => [id, dot(queryVector, vector)]));
    const best = naming
      .map((p) => p.id)
      .sort((a, b) => (similarity.get(b) ?? 0) - (similarity.get(a) ?? 0))
      .slice(0, TREND_QUOTES);
    const order = new Map(best.map((id, i) => [id, i]));
    const hits = store.paragraphs
      .byIds(best)
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
      .map((p, i) => ({
        ...this.services.searcher.toPassage(p),
        rank: i + 1,
        score: similarity.get(p.id) ?? 0,
        similarity: similarity.get(p.id) ?? 0,
      }));
    return { year, hits };
  }
}
