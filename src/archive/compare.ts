import type { Archive } from './archive.js';
import type { Hit } from '../search/types.js';

/** What /compare asks: two countries (codes) on one topic, a year's statements first when one is given. */
export interface CompareQuery {
  topic: string;
  countries: [string, string];
  year?: number;
  /** Paragraphs wanted per country, counted from the best. */
  k: number;
}

export interface ComparedSide {
  country: string;
  /** How many of the country's statements name the topic, of how many: /trend's count, over every year. */
  naming: { statements: number; naming: number };
  /** Whether it names the topic, or any of its paragraphs matches it well (the answers' confidence rule). */
  addressed: boolean;
  /** Whether its statements of the year asked for do; null when no year was asked for. */
  addressedInYear: boolean | null;
  /** Its best paragraphs on the topic: those of the year first (when it addressed the topic then), then the rest. */
  hits: Hit[];
}

export interface Comparison {
  topic: string;
  year: number | null;
  sides: [ComparedSide, ComparedSide];
}

/** Each country's best paragraphs on the topic, found as /country and /ask find them, both sides at once. */
export async function compareCountries(archive: Archive, query: CompareQuery): Promise<Comparison> {
  const [a, b] = await Promise.all(query.countries.map((country) => compareSide(archive, country, query)));
  return { topic: query.topic, year: query.year ?? null, sides: [a!, b!] };
}

async function compareSide(archive: Archive, country: string, query: CompareQuery): Promise<ComparedSide> {
  const { topic, year, k } = query;
  const [overall, inYear, counted] = await Promise.all([
    archive.byCountry(country, { topic, k }),
    year === undefined ? null : archive.search(topic, { k, filters: { countries: [country], years: [year] } }),
    archive.trend({ topic, country }),
  ]);
  // A year whose statements match the topic poorly puts nothing first: its nearest paragraphs would be noise.
  const first = inYear?.confident ? inYear.hits : [];
  const naming = {
    statements: counted.years.reduce((n, y) => n + y.statements, counted.securityCouncil.statements),
    naming: counted.years.reduce((n, y) => n + y.addressing, counted.securityCouncil.addressing),
  };
  const addressed = naming.naming > 0 || overall.confident || first.length > 0;
  const shownFirst = new Set(first.map((h) => h.id));
  const hits = addressed ? [...first, ...overall.hits.filter((h) => !shownFirst.has(h.id))].slice(0, k) : [];
  return { country, naming, addressed, addressedInYear: inYear ? inYear.confident : null, hits };
}
