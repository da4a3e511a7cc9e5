import { isStopword, words } from '../search/words.js';
import type { Archive } from '../archive/archive.js';
import type { SearchFilters, SearchOptions, SearchResult } from '../search/types.js';

/** What a thread remembers of its last question: the topic asked about and the filters that applied. */
export interface ConversationMemory {
  topic: string;
  filters: SearchFilters;
}

export interface ConversationSearch {
  result: SearchResult;
  /** The question and explicit filters that produced the result (what "More results" must repeat). */
  question: string;
  filters?: Partial<SearchFilters>;
  /** What the thread remembers after this answer. */
  memory: ConversationMemory;
}

/** Words that make a follow-up ("and in 2015?", "what about Russia?") without naming a topic. */
const FOLLOW_UP_WORDS = new Set(
  `and what about how also then there same again instead else other ones now before after earlier later than
  that year years session sessions speech speeches general assembly debate security council un united nations
  same topic question`.split(/\s+/),
);

/**
 * True when a follow-up names no topic of its own ("and in 2015?", "what about Kazakhstan?"): besides
 * stopwords, years and follow-up words, its only words name the countries the archive understood in it.
 */
export function isElliptical(question: string, countryNames: string[]): boolean {
  const nameWords = countryNames.flatMap((n) => words(n)).filter((w) => w.length >= 3);
  const content = words(question).filter((w) => {
    if (isStopword(w) || FOLLOW_UP_WORDS.has(w) || /^\d+(st|nd|rd|th|s)?$/.test(w)) return false;
    const stemmed = w.slice(0, 5);
    return !nameWords.some((n) => n.startsWith(stemmed) || w.startsWith(n));
  });
  return content.length === 0;
}

function explicit(filters: SearchFilters): Partial<SearchFilters> | undefined {
  const out: Partial<SearchFilters> = {};
  if (filters.countries.length > 0) out.countries = filters.countries;
  if (filters.years.length > 0) out.years = filters.years;
  if (filters.body) out.body = filters.body;
  return Object.keys(out).length > 0 ? out : undefined;
}

function sameFilters(a: SearchFilters, b: SearchFilters): boolean {
  const key = (f: SearchFilters) => JSON.stringify([[...f.countries].sort(), [...f.years].sort(), f.body]);
  return key(a) === key(b);
}

/**
 * The limits a follow-up's words name: those the archive reads as limits, else those it only favours. On its own,
 * "and in 2015?" may date the event spoken of; after an answer, it is the year asked about.
 */
function namedLimits(result: SearchResult): SearchFilters {
  const { filters, raised } = result;
  return {
    countries: filters.countries.length > 0 ? filters.countries : (raised?.countries ?? []),
    years: filters.years.length > 0 ? filters.years : (raised?.years ?? []),
    body: filters.body,
  };
}

/**
 * Answers a message of a conversation. Without memory it is a plain search. With memory, the question is
 * first read on its own (the archive reports the country, year and body its words name); whatever it does
 * not name is carried over from the previous answer and passed as explicit filters; a follow-up naming no
 * topic of its own ("and in 2015?") repeats the previous topic with the new filters.
 */
export async function searchInConversation(
  archive: Archive,
  question: string,
  memory: ConversationMemory | undefined,
  k: number,
): Promise<ConversationSearch> {
  const first = await archive.search(question, { k });
  if (!memory) return { result: first, question, memory: { topic: question, filters: first.filters } };

  const named = namedLimits(first);
  const carried: SearchFilters = {
    countries: named.countries.length > 0 ? named.countries : memory.filters.countries,
    years: named.years.length > 0 ? named.years : memory.filters.years,
    body: named.body ?? memory.filters.body,
  };
  const names = named.countries.map((code) => archive.findCountries(code, 10).find((c) => c.code === code)?.name ?? code);
  const elliptical = isElliptical(question, names);
  const topic = elliptical ? memory.topic : question;
  if (!elliptical && sameFilters(carried, named)) {
    return { result: first, question, memory: { topic, filters: named } };
  }
  const filters = explicit(carried);
  const options: SearchOptions = filters ? { k, filters } : { k };
  const second = await archive.search(topic, options);
  return { result: second, question: topic, ...(filters ? { filters } : {}), memory: { topic, filters: second.filters } };
}
