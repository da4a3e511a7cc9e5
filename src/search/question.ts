import type { CountryMention } from '../corpus/countries.js';
import { findRegions } from '../corpus/regions.js';
import type { Body } from '../corpus/types.js';
import type { SearchFilters } from './types.js';

export interface UnderstoodQuestion {
  filters: SearchFilters;
  /** The words left for matching once filter phrases ("in 2015", "at the 72nd session") are taken out. */
  topic: string;
}

const FIRST_GENERAL_ASSEMBLY_YEAR = 1945;
const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december';

/** "in 2017", "during 2015", "and in 2015?": a year the statement was made in, not a date it talks about. */
const YEAR_OF_STATEMENT = new RegExp(`\\b(?:in|during|for|from)\\s+(?:the\\s+year\\s+)?((?:19[4-9]|20[0-9])\\d)\\b(?!\\s*(?:-|–|to)\\s*\\d)`, 'gi');
const YEAR_BEFORE_WORD = /\b((?:19[4-9]|20[0-9])\d)(?:'s)?\s+(?:speech|statement|address|debate|general debate|session)\b/gi;
const SESSION = /\b(?:at\s+the\s+|in\s+the\s+)?(\d{1,2})(?:st|nd|rd|th)\s+(?:regular\s+)?session\b/gi;
const MONTH_BEFORE = new RegExp(`(?:${MONTHS})\\s*$`, 'i');
const BODY_PATTERNS: [RegExp, Body][] = [
  [/\b(?:in|at|before)\s+the\s+(?:UN\s+)?security\s+council\b|\bsecurity\s+council\s+(?:debate|meeting|session|speech)/i, 'Security Council'],
  [/\b(?:in|at|before)\s+the\s+(?:UN\s+)?general\s+(?:assembly|debate)\b|\bgeneral\s+debate\b/i, 'General Assembly'],
];
/**
 * Questions asking who said something name other countries as topics ("which country ... together with Brazil?"),
 * so their country words must not limit who spoke.
 */
const ASKS_WHO = /^\s*(?:which|what)\s+(?:(?!(?:did|does|do|has|have|is|was|were|are|the)\b)[\w-]+\s+){0,3}(?:country|countries|nation|nations|state|states|kingdom|republic|leader|leaders|president|delegation|government|island|speaker|one)\b|^\s*who(?:'s|\s+is|\s+was|\s+said|\s+spoke|\s+claimed|\s+proposed)?\b|^\s*did\s+any\s+(?:country|nation|state|leader)/i;

/** The subject of a "which ..." question: "which (small Pacific island) country", "which (Baltic) state". */
const WHO_SUBJECT = /^\s*(?:which|what)\s+((?:[\w-]+\s+){0,4}?)(?:country|countries|nation|nations|state|states|kingdom|republic|leader|leaders|president|delegation|government|member)\b/i;

/**
 * "according to the UN's west africa envoy, how much did the death toll in burkina faso rise": the words come
 * from a UN official, so the countries the question names are what was spoken about, not who spoke.
 */
const UN_OFFICIAL = String.raw`(?:envoy|secretary[\s-]+general|special\s+(?:representative|adviser|coordinator|rapporteur)|high\s+commissioner|under[\s-]+secretary|relief\s+coordinator|UN\s+(?:chief|official|briefer))`;
const OFFICIAL_SPEAKS = new RegExp(
  String.raw`\baccording\s+to\s+(?:the\s+)?(?:[\w'’-]+\s+){0,5}?${UN_OFFICIAL}\b|\b(?:did|does|has)\s+the\s+(?:[\w'’-]+\s+){0,5}?${UN_OFFICIAL}\s+(?:say|tell|warn|report|brief|announce)\b`,
  'i',
);

/** "which African country" limits who spoke to Africa; several region words narrow each other. */
function regionLimit(question: string): { countries: string[]; words: string[] } {
  const subject = WHO_SUBJECT.exec(question)?.[1];
  const regions = subject ? findRegions(subject) : [];
  if (regions.length === 0) return { countries: [], words: [] };
  return {
    countries: regions.map((r) => r.codes).reduce((a, b) => a.filter((code) => b.includes(code))),
    words: regions.map((r) => r.word),
  };
}

function isPrecededByMonth(text: string, index: number): boolean {
  return MONTH_BEFORE.test(text.slice(Math.max(0, index - 12), index));
}

/**
 * Reads the limits a question states in words: who spoke (country names, adjectives, short forms), when (a year,
 * a session) and where (a body). Words it does not understand are left for matching, never turned into a limit;
 * so is a year in which the archive holds no statement (`statementYears`, when given).
 */
export function understandQuestion(
  question: string,
  findCountries: (text: string) => CountryMention[],
  statementYears?: ReadonlySet<number>,
): UnderstoodQuestion {
  const years = new Set<number>();
  let topic = question;
  const take = (pattern: RegExp, toYear: (m: RegExpExecArray) => number | null) => {
    for (const match of question.matchAll(pattern)) {
      if (isPrecededByMonth(question, match.index)) continue;
      const year = toYear(match);
      // "which country will host COP17 in 2026?" asked of an archive that ends in 2024: no statement was made
      // then, so the year is what was spoken about and stays a word to match.
      if (year !== null && (!statementYears || statementYears.has(year))) {
        years.add(year);
        topic = topic.replace(match[0], ' ');
      }
    }
  };
  take(YEAR_OF_STATEMENT, (m) => Number(m[1]));
  take(YEAR_BEFORE_WORD, (m) => Number(m[1]));
  take(SESSION, (m) => {
    const session = Number(m[1]);
    return session >= 1 ? FIRST_GENERAL_ASSEMBLY_YEAR + session : null;
  });

  const body = BODY_PATTERNS.find(([pattern]) => pattern.test(question))?.[1] ?? null;
  let countries: string[];
  if (OFFICIAL_SPEAKS.test(question)) {
    countries = [];
  } else if (ASKS_WHO.test(question)) {
    const region = regionLimit(question);
    countries = region.countries;
    // As with country names below: the region now limits who spoke, and as search words ("Central Asian") it
    // would only favour paragraphs about the region over the one that answers.
    for (const word of region.words) topic = topic.replace(word, ' ');
  } else {
    const mentions = findCountries(question);
    countries = [...new Set(mentions.map((m) => m.code))];
    // The limit already says who spoke; as search words the names would only favour paragraphs that repeat them.
    for (const mention of mentions) topic = topic.replace(mention.matched, ' ');
  }
  return {
    filters: { countries, years: [...years].sort(), body },
    topic: topic.replace(/\s+/g, ' ').trim(),
  };
}

export function mergeFilters(understood: SearchFilters, explicit: Partial<SearchFilters> | undefined): SearchFilters {
  return {
    countries: explicit?.countries?.length ? explicit.countries : understood.countries,
    years: explicit?.years?.length ? explicit.years : understood.years,
    body: explicit?.body ?? understood.body,
  };
}

export function noFilters(): SearchFilters {
  return { countries: [], years: [], body: null };
}

export function hasFilters(filters: SearchFilters): boolean {
  return filters.countries.length > 0 || filters.years.length > 0 || filters.body !== null;
}
