import type { Archive, CountrySummary } from '../archive/archive.js';
import type { CompareQuery } from '../archive/compare.js';
import { resolveCountry } from '../archive/country-lookup.js';
import type { Organization } from '../corpus/organizations.js';
import { stripInvisible } from '../corpus/text.js';
import { readPastedQuote, textWords } from '../search/pasted-quote.js';
import { MIN_QUOTE_WORDS } from '../search/source.js';
import type { TrendQuery } from '../search/trend.js';
import type { SearchFilters } from '../search/types.js';
import { truncate } from './limits.js';

/**
 * What the Discord bot, the terminal chat and the command line were asked, read and checked in one place: each
 * reader returns the request as typed data, or a refusal worded the same on every front end.
 */

/** Longest question or topic, in characters, wherever it is typed (the slash commands' options say the same). */
export const MAX_TEXT_CHARS = 500;

/** Years a request may name at all; whether the index holds them is checked against the index. */
export const YEAR_LIMITS = { min: 1945, max: 2100 } as const;

/** Why a request is not answered as given, and what to change. */
export interface Refusal {
  refusal: string;
}

export function isRefusal(read: unknown): read is Refusal {
  return typeof read === 'object' && read !== null && 'refusal' in read;
}

/**
 * What a refusal may say differently on each front end, and only that: how the asker's own words are printed back
 * (Discord escapes markdown and mentions), and what to do about an index with nothing to answer from (a member in
 * Discord cannot run commands on the bot's machine; a person at the terminal can).
 */
export interface FrontEnd {
  escape(words: string): string;
  emptyIndex(): string;
  noDatedStatements(): string;
  /** What to say when the index's database is damaged, given the refusal that names the file and the repair. */
  damagedIndex(refusal: string): string;
}

/**
 * What the user typed, as they meant it: without zero-width characters (pasted from web pages and chats, they
 * split words unseen, "Kaza\u200Bkhstan", or make a blank question look like text) and outer spaces.
 */
export function typedText(text: string): string {
  return stripInvisible(text).trim();
}

/** A user's words shown back inside a sentence: on one line, and short. */
export function echoed(text: string, max = 80): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), max);
}

function quoted(front: FrontEnd, words: string): string {
  return `“${front.escape(echoed(words))}”`;
}

function tooLong(what: string, text: string): Refusal | null {
  return text.length > MAX_TEXT_CHARS
    ? { refusal: `Please keep ${what} under ${MAX_TEXT_CHARS} characters (yours has ${text.length.toLocaleString('en-US')}).` }
    : null;
}

/** A question as typed, or why it cannot be asked (empty, too long). Needs no index: the command line reads it first. */
export function readQuestion(typed: string): string | Refusal {
  const question = typedText(typed);
  if (!question) return { refusal: 'Please type a question, for example: what did Kazakhstan say about regional organizations?' };
  return tooLong('questions', question) ?? question;
}

/** A topic for /trend, /compare or /country, or why it cannot be looked for (empty, too long). */
function readTopic(typed: string): string | Refusal {
  const topic = typedText(typed);
  if (!topic) return { refusal: 'Please type a topic, for example: climate change, CICA or apartheid.' };
  return tooLong('the topic', topic) ?? topic;
}

/** An index whose database was found damaged answers nothing (its refusal names the file and the repair), nor one that is empty. */
function emptyIndex(archive: Archive, front: FrontEnd): Refusal | null {
  const damage = archive.damage?.();
  if (damage) return { refusal: front.damagedIndex(damage) };
  return archive.stats().paragraphs === 0 ? { refusal: front.emptyIndex() } : null;
}

/** The years the index holds: /trend and /compare count statements by year, so an index with none dated cannot answer. */
function datedYears(archive: Archive, front: FrontEnd): { first: number; last: number } | Refusal {
  const { first, last } = archive.stats().years;
  return emptyIndex(archive, front) ?? (first === null || last === null ? { refusal: front.noDatedStatements() } : { first, last });
}

/** The indexed country a user names, by name or code, as every front end reads it. */
function readCountryName(archive: Archive, front: FrontEnd, typed: string): CountrySummary | Refusal {
  return (
    resolveCountry(archive, typedText(typed)) ?? {
      refusal: `No statements by ${quoted(front, typed)} are indexed. Name a country by its name or code, e.g. France or FRA.`,
    }
  );
}

/** Years in order, and within those the index holds. */
function yearsRefusal(held: { first: number; last: number }, years: { from?: number; to?: number; year?: number }): Refusal | null {
  const { from, to, year } = years;
  if (from !== undefined && to !== undefined && from > to)
    return { refusal: `“from” (${from}) is after “to” (${to}): swap them, or leave one out.` };
  const { first, last } = held;
  const outside = [from, to, year].filter((y): y is number => y !== undefined && (y < first || y > last));
  if (outside.length > 0)
    return { refusal: `The index holds statements from ${first} to ${last}: pick years in that range (not ${outside.join(', ')}).` };
  return null;
}

interface AskRequest {
  question: string;
  country?: string;
  year?: number;
}

interface Ask {
  question: string;
  /** The limits stated apart from the question's words (an option, a command-line flag); empty when none. */
  filters: Partial<SearchFilters>;
}

/** A question, with the country and year it is limited to when they are given apart from it. */
export function readAsk(archive: Archive, front: FrontEnd, request: AskRequest): Ask | Refusal {
  const question = readQuestion(request.question);
  if (isRefusal(question)) return question;
  const refusal = emptyIndex(archive, front);
  if (refusal) return refusal;
  const filters: Partial<SearchFilters> = {};
  if (request.country) {
    const country = readCountryName(archive, front, request.country);
    if (isRefusal(country)) return country;
    filters.countries = [country.code];
  }
  if (request.year !== undefined) filters.years = [request.year];
  return { question, filters };
}

/** An organization, by acronym or name, and the question that ranks its paragraphs when one is given. */
export function readOrganization(
  archive: Archive,
  front: FrontEnd,
  request: { name: string; question?: string },
): { organization: Organization; question?: string } | Refusal {
  const question = request.question === undefined ? undefined : readQuestion(request.question);
  if (isRefusal(question)) return question;
  const refusal = emptyIndex(archive, front);
  if (refusal) return refusal;
  const name = typedText(request.name);
  const organization = (name && (archive.organization(name) ?? archive.findOrganizations(name, 1)[0])) || null;
  if (!organization)
    return {
      refusal: `No organization called ${quoted(front, request.name)} appears in the statements. Name one by its acronym or name, e.g. CICA.`,
    };
  return { organization, ...(question !== undefined ? { question } : {}) };
}

/** A country's statements, and the topic that ranks its paragraphs when one is given. */
export function readCountry(
  archive: Archive,
  front: FrontEnd,
  request: { name: string; topic?: string },
): { country: CountrySummary; topic?: string } | Refusal {
  const topic = request.topic === undefined ? undefined : readTopic(request.topic);
  if (isRefusal(topic)) return topic;
  const refusal = emptyIndex(archive, front);
  if (refusal) return refusal;
  const country = readCountryName(archive, front, request.name);
  if (isRefusal(country)) return country;
  return { country, ...(topic !== undefined ? { topic } : {}) };
}

/** What /trend was given: the country as typed. */
export interface TrendRequest {
  topic: string;
  from?: number;
  to?: number;
  country?: string;
}

/** A topic to count year by year, between years the index holds, over one country's statements when one is named. */
export function readTrend(archive: Archive, front: FrontEnd, request: TrendRequest): TrendQuery | Refusal {
  const topic = readTopic(request.topic);
  if (isRefusal(topic)) return topic;
  const held = datedYears(archive, front);
  if (isRefusal(held)) return held;
  const refusal = yearsRefusal(held, request);
  if (refusal) return refusal;
  const query: TrendQuery = {
    topic,
    ...(request.from !== undefined ? { from: request.from } : {}),
    ...(request.to !== undefined ? { to: request.to } : {}),
  };
  if (!request.country) return query;
  const country = readCountryName(archive, front, request.country);
  return isRefusal(country) ? country : { ...query, country: country.code };
}

/** What /compare was given: the countries as typed. */
export interface CompareRequest {
  topic: string;
  countries: [string, string];
  year?: number;
}

/** Two different countries on one topic, a year the index holds first when one is given; `k` is the front end's. */
export function readCompare(archive: Archive, front: FrontEnd, request: CompareRequest): Omit<CompareQuery, 'k'> | Refusal {
  const topic = readTopic(request.topic);
  if (isRefusal(topic)) return topic;
  const held = datedYears(archive, front);
  if (isRefusal(held)) return held;
  const codes: string[] = [];
  for (const typed of request.countries) {
    const country = readCountryName(archive, front, typed);
    if (isRefusal(country)) return country;
    codes.push(country.code);
  }
  if (codes[0] === codes[1]) return { refusal: 'Please name two different countries.' };
  const refusal = yearsRefusal(held, { year: request.year });
  if (refusal) return refusal;
  return { topic, countries: [codes[0]!, codes[1]!], ...(request.year !== undefined ? { year: request.year } : {}) };
}

/** Longest quote to check, in characters: a pasted paragraph or two (the /source option says the same). */
export const MAX_QUOTE_CHARS = 2000;

/** A pasted quote to find the source of, or why it cannot be checked (empty, too short to tell, too long, no index). */
export function readQuote(archive: Archive, front: FrontEnd, typed: string): string | Refusal {
  const quote = typedText(typed);
  if (!quote) return { refusal: 'Paste the words to check, for example a sentence quoted in a message or an article.' };
  if (quote.length > MAX_QUOTE_CHARS) {
    return {
      refusal: `Please check at most ${MAX_QUOTE_CHARS.toLocaleString('en-US')} characters at a time (this has ${quote.length.toLocaleString('en-US')}).`,
    };
  }
  if (textWords(readPastedQuote(quote).quoted).length < MIN_QUOTE_WORDS) {
    return { refusal: `Please give at least ${MIN_QUOTE_WORDS} words of the quote: fewer cannot tell one statement from another.` };
  }
  return emptyIndex(archive, front) ?? quote;
}
