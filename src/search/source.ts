import { countryByCode, type CountryMention } from '../corpus/countries.js';
import type { ParagraphIndex } from '../index/paragraph-index.js';
import { alignQuote, type Difference } from './alignment.js';
import { readPastedQuote, textWords, type QuoteWord } from './pasted-quote.js';
import { noFilters } from './question.js';
import type { Searcher } from './searcher.js';
import type { SpeakerLimit } from './speakers.js';
import type { Hit, Passage } from './types.js';
import { isStopword } from './words.js';

/** What the statements say of a quote: theirs word for word, close to theirs, or not theirs at all. */
export type Verdict = 'verbatim' | 'close' | 'not-found';

/** A paragraph as the alignment reads it: its text, and what ordering and citing it need. */
export type Candidate = Pick<Passage, 'id' | 'text' | 'paragraph' | 'meta'>;

/** A paragraph that holds the quote, with where it stands in it and how its words differ. */
export interface SourceMatch<P extends Candidate = Passage> {
  passage: P;
  span: [number, number];
  differences: Difference[];
}

/** Who the message says spoke the words, and whether a statement that holds them is theirs. */
export interface Attribution {
  /** ISO3 code of the country named, or the speaker's name as the statements write it. */
  claimed: string;
  /** As shown to a member: "Nigeria", "Barack Obama". */
  claimedName: string;
  matches: boolean;
}

export interface SourceFinding {
  /** The message as pasted. */
  text: string;
  /** The words judged (those between quotation marks when the message has them). */
  quoted: string;
  verdict: Verdict;
  /** Verbatim: every paragraph holding the words, earliest first. Close: the nearest one(s). Not found: none. */
  matches: SourceMatch[];
  /** True when more paragraphs hold the words than were read (MAX_VERBATIM_CANDIDATES). */
  moreMatches: boolean;
  attribution: Attribution | null;
  /** Paragraphs near the quote in meaning, shown under their own heading when the source is not found. */
  related: Hit[];
  /** What was searched, for a reply that says where the words are not. */
  searched: { statements: number; first: number | null; last: number | null };
}

/** Fewer words than this cannot tell one statement from another. */
export const MIN_QUOTE_WORDS = 4;
/** Paragraphs whose words could hold a verbatim quote that are read and checked. */
const MAX_VERBATIM_CANDIDATES = 1000;
/** The quote's rarest words that vote for the paragraphs holding them (see rareWordCandidates). */
const VOTING_WORDS = 8;
/** A word in more paragraphs than this is too common to vote: reading its paragraphs costs more than it tells. */
const MAX_VOTER_PARAGRAPHS = 20_000;
/** The paragraphs with the most votes that are aligned with a quote not found word for word. */
const CLOSE_CANDIDATES = 50;
/** With this many rare words voting, a quote they do not place is no misquote, and its runs are not read. */
const TRUSTED_VOTERS = 5;
/** A quote of at most this many words is short: its rare words alone may not place it. */
const SHORT_QUOTE_WORDS = 16;
/** A quote its rare words do not place is cut into about this many runs of words (see runCandidates). */
const RUNS = 6;
/** Paragraphs holding the most and rarest runs, by BM25, that are read and checked. */
const RUN_CANDIDATES = 500;
const RELATED = 3;
/** Nearest paragraphs read to find RELATED of them long enough to be statements. */
const RELATED_CANDIDATES = 10;
/** Shorter paragraphs are salutations and headings ("Heads of Delegations;"), nothing a quote could be related to. */
const RELATED_MIN_WORDS = 12;
/** A close quote shares at least this share of its words with the paragraph, in order. */
const CLOSE_MATCHED_SHARE = 0.7;
/** ...and differs from it by at most this share of its words (two words always allowed). */
const CLOSE_EDIT_SHARE = 0.3;
const CLOSE_EDITS_ALWAYS_ALLOWED = 2;

function ftsPhrase(words: QuoteWord[]): string {
  return `"${words.map((w) => w.key.replace(/"/g, '""')).join(' ')}"`;
}

/** Earliest first: year, then meeting or session, then place in the statement. */
function byDate(a: SourceMatch<Candidate>, b: SourceMatch<Candidate>): number {
  const [x, y] = [a.passage, b.passage];
  return (
    (x.meta.year ?? Infinity) - (y.meta.year ?? Infinity) ||
    (x.meta.meeting ?? '').localeCompare(y.meta.meeting ?? '', 'en', { numeric: true }) ||
    (x.meta.countryName ?? '').localeCompare(y.meta.countryName ?? '') ||
    x.paragraph - y.paragraph
  );
}

/** Whether the edits leave the quote close enough to the paragraph to be a misquote of it rather than other words. */
function isClose(quoteWords: number, matched: number, edits: number): boolean {
  const allowed = Math.max(CLOSE_EDITS_ALWAYS_ALLOWED, Math.floor(CLOSE_EDIT_SHARE * quoteWords));
  return matched >= CLOSE_MATCHED_SHARE * quoteWords && edits <= allowed;
}

type Aligned<P extends Candidate> = SourceMatch<P> & { edits: number; matched: number };

function alignAll<P extends Candidate>(segments: QuoteWord[][], passages: P[]): Aligned<P>[] {
  return passages.flatMap((passage) => {
    const alignment = alignQuote(segments, passage.text, textWords(passage.text));
    if (!alignment) return [];
    const { span, differences, edits, matched } = alignment;
    return [{ passage, span, differences, edits, matched }];
  });
}

const asMatch = <P extends Candidate>({ passage, span, differences }: Aligned<P>): SourceMatch<P> => ({ passage, span, differences });

/** The passages that hold every segment of the quote word for word, earliest first. */
export function verbatimIn<P extends Candidate>(segments: QuoteWord[][], passages: P[]): SourceMatch<P>[] {
  if (segments.flat().length < MIN_QUOTE_WORDS) return [];
  return alignAll(segments, passages)
    .filter((m) => m.edits === 0)
    .map(asMatch)
    .sort(byDate);
}

/** The passages with the fewest edits from the quote, when they are close enough to be its source; earliest first. */
export function closestIn<P extends Candidate>(segments: QuoteWord[][], passages: P[]): SourceMatch<P>[] {
  const length = segments.flat().length;
  if (length < MIN_QUOTE_WORDS) return [];
  const close = alignAll(segments, passages).filter((m) => isClose(length, m.matched, m.edits));
  const fewest = Math.min(...close.map((m) => m.edits));
  return close
    .filter((m) => m.edits === fewest)
    .map(asMatch)
    .sort(byDate);
}

/** Who the words around a quote say spoke it: a person the statements know, else the first country named. */
export type Claim = { kind: 'person'; person: SpeakerLimit } | { kind: 'country'; code: string; name: string };

export function attributionOf(claim: Claim | null, matches: SourceMatch[]): Attribution | null {
  if (!claim) return null;
  if (claim.kind === 'person') {
    const { person } = claim;
    return { claimed: person.name, claimedName: person.name, matches: matches.some((m) => spokeAs(m.passage, person)) };
  }
  return { claimed: claim.code, claimedName: claim.name, matches: matches.some((m) => m.passage.meta.country === claim.code) };
}

/** A text's words as compared, between spaces, so that one text's words can be found whole in another's. */
function foldedWords(text: string): string {
  return ` ${textWords(text)
    .map((w) => w.key)
    .join(' ')} `;
}

/**
 * The country a message names as the speaker, when it names no person the statements know: a state by any of its
 * names, else a speaker the index lists under its own name ("European Union").
 */
export function countryClaim(around: string, mentions: CountryMention[], indexed: () => { code: string; name: string }[]): Claim | null {
  const country = mentions[0];
  if (country) return { kind: 'country', code: country.code, name: countryByCode(country.code)?.name ?? country.matched };
  const folded = foldedWords(around);
  const named = indexed().find((c) => folded.includes(foldedWords(c.name)));
  return named ? { kind: 'country', code: named.code, name: named.name } : null;
}

export interface SourceServices {
  index: ParagraphIndex;
  searcher: Searcher;
  findCountries: (text: string) => CountryMention[];
}

/**
 * Finds where a pasted quote comes from. Exact and near-exact words are a lexical question: a phrase query finds
 * the paragraphs that may hold the words, the rarest words' pairs those that hold most of them, and the dense model
 * those that reword them; a word-level alignment then decides, so the verdict never rests on a score.
 */
export class SourceFinder {
  private held: { generation: number; searched: SourceFinding['searched'] } = {
    generation: -1,
    searched: { statements: 0, first: null, last: null },
  };

  constructor(private readonly services: SourceServices) {}

  async find(text: string): Promise<SourceFinding> {
    const pasted = readPastedQuote(text);
    const verbatim = this.verbatimMatches(pasted.segments);
    const close = verbatim.matches.length > 0 ? [] : this.closeMatches(pasted.segments);
    const matches = verbatim.matches.length > 0 ? verbatim.matches : close;
    const verdict: Verdict = verbatim.matches.length > 0 ? 'verbatim' : close.length > 0 ? 'close' : 'not-found';
    // Only a quote with no source is embedded: the paragraphs nearest in meaning are shown as related, never as its source.
    const related = verdict === 'not-found' ? await this.related(pasted.quoted) : [];
    return {
      text,
      quoted: pasted.quoted,
      verdict,
      matches,
      moreMatches: verbatim.more,
      attribution: attributionOf(this.claim(pasted.around), matches),
      related,
      searched: this.searched(),
    };
  }

  /** Every paragraph holding all the quote's segments word for word, earliest first. */
  private verbatimMatches(segments: QuoteWord[][]): { matches: SourceMatch[]; more: boolean } {
    if (segments.flat().length < MIN_QUOTE_WORDS) return { matches: [], more: false };
    const query = segments.map(ftsPhrase).join(' AND ');
    const ids = this.services.index.store.lexical.matching(query, MAX_VERBATIM_CANDIDATES);
    return { matches: this.cited(verbatimIn(segments, this.candidates(ids))), more: ids.length >= MAX_VERBATIM_CANDIDATES };
  }

  /** The paragraphs to align, read without what citing them needs (their organizations): most are not the source. */
  private candidates(ids: number[]): Candidate[] {
    return this.services.index.store.paragraphs
      .byIds([...new Set(ids)])
      .map(({ id, text, number, meta }) => ({ id, text, paragraph: number, meta }));
  }

  /** The matches as passages a reply cites, read again whole: a handful, where the candidates were hundreds. */
  private cited(matches: SourceMatch<Candidate>[]): SourceMatch[] {
    const { store } = this.services.index;
    const rows = new Map(store.paragraphs.byIds(matches.map((m) => m.passage.id)).map((p) => [p.id, p]));
    return matches.flatMap((match) => {
      const row = rows.get(match.passage.id);
      return row ? [{ ...match, passage: this.services.searcher.toPassage(row) }] : [];
    });
  }

  /** The paragraphs closest to a quote not found word for word: by its rare words first, else by its runs of words. */
  private closeMatches(segments: QuoteWord[][]): SourceMatch[] {
    const { candidates, voters } = this.rareWordCandidates(segments.flat());
    const byRareWords = this.cited(closestIn(segments, this.candidates(candidates)));
    // With enough rare words, a misquote keeps most of them and its source is among the candidates: runs, which cost
    // more, are read only for quotes of common words.
    if (byRareWords.length > 0 || (voters >= TRUSTED_VOTERS && segments.flat().length > SHORT_QUOTE_WORDS)) return byRareWords;
    return this.cited(closestIn(segments, this.candidates(this.runCandidates(segments))));
  }

  /**
   * Paragraphs holding the quote's runs of words as written, those holding the most and rarest runs first (BM25).
   * Cut into about six runs, a quote with two words changed keeps four whole, and its source holds them all.
   * Ranking reads every paragraph holding a run, which costs more than the rare words' votes (whole archive, tuning
   * set: p95 132 ms in process; pairs of runs, each pair a query of its own, took 188 ms and found no more).
   */
  private runCandidates(segments: QuoteWord[][]): number[] {
    const size = Math.max(2, Math.ceil(segments.flat().length / RUNS));
    const runs = segments.flatMap((segment) => {
      const cut: string[] = [];
      for (let at = 0; at < segment.length; at += size) {
        cut.push(ftsPhrase(segment.slice(at, at + size)));
      }
      return cut;
    });
    if (runs.length < 2) return [];
    return this.services.index.store.lexical.search(runs.join(' OR '), noFilters(), RUN_CANDIDATES).map((r) => r.id);
  }

  /**
   * The paragraphs holding most of the quote's rarest words. A misquote changes a few words, so most of its rare
   * words survive and vote for its source, while a changed word votes only for paragraphs that hold nothing else
   * of the quote. Rare words' paragraphs are quick to read where the quote's common words are not.
   */
  private rareWordCandidates(words: QuoteWord[]): { candidates: number[]; voters: number } {
    const { searcher, index } = this.services;
    const voters = [...new Set(words.map((w) => w.key))]
      .filter((key) => key.length > 2 && !isStopword(key))
      .map((key) => ({ term: `"${key.replace(/"/g, '""')}"`, paragraphs: 0 }))
      .map((t) => ({ ...t, paragraphs: searcher.paragraphsWith(t.term) }))
      .filter((t) => t.paragraphs > 0 && t.paragraphs <= MAX_VOTER_PARAGRAPHS)
      .sort((a, b) => a.paragraphs - b.paragraphs)
      .slice(0, VOTING_WORDS);
    const votes = new Map<number, number>();
    for (const { term } of voters) {
      for (const id of index.store.lexical.matching(term, MAX_VOTER_PARAGRAPHS)) votes.set(id, (votes.get(id) ?? 0) + 1);
    }
    const enough = Math.min(2, voters.length);
    const candidates = [...votes]
      .filter(([, n]) => n >= enough)
      .sort((a, b) => b[1] - a[1])
      .slice(0, CLOSE_CANDIDATES)
      .map(([id]) => id);
    return { candidates, voters: voters.length };
  }

  /** What the index holds, counted again only when its generation changes (a count reads every statement). */
  private searched(): SourceFinding['searched'] {
    const { store } = this.services.index;
    if (this.held.generation !== store.meta.generation) {
      const counts = store.statements.counts();
      this.held = {
        generation: store.meta.generation,
        searched: { statements: counts.statements, first: counts.firstYear, last: counts.lastYear },
      };
    }
    return this.held.searched;
  }

  /**
   * The paragraphs nearest the quote in meaning (the dense model alone: on the whole archive it lists much the same
   * paragraphs as the hybrid ranking, in a third of the time), salutations and headings left out.
   */
  private async related(quote: string): Promise<Hit[]> {
    const { searcher } = this.services;
    const ranked = searcher.rankDense(await searcher.queryVector(quote), noFilters(), RELATED_CANDIDATES);
    const rows = new Map(this.services.index.store.paragraphs.byIds(ranked.map((r) => r.id)).map((p) => [p.id, p]));
    return ranked
      .flatMap((r) => {
        const row = rows.get(r.id);
        if (!row || textWords(row.text).length < RELATED_MIN_WORDS) return [];
        return [{ ...searcher.toPassage(row), score: r.score, similarity: r.score }];
      })
      .slice(0, RELATED)
      .map((hit, i) => ({ ...hit, rank: i + 1 }));
  }

  /** The person, else the country, the words around the quote name as its speaker. */
  private claim(around: string): Claim | null {
    if (!around) return null;
    const { searcher, findCountries } = this.services;
    const mentions = findCountries(around);
    const person = searcher.speakers().findPerson(around, mentions, (word) => searcher.isOrdinaryWord(word));
    return person ? { kind: 'person', person } : countryClaim(around, mentions, () => this.services.index.store.statements.countries());
  }
}

function spokeAs(passage: Passage, person: SpeakerLimit): boolean {
  const { country, year } = passage.meta;
  return country === person.country && (year === null || person.years.includes(year));
}
