import type { Organization } from '../corpus/organizations.js';
import type { Body } from '../corpus/types.js';
import type { IndexProgress, IndexReport } from '../index/indexer.js';
import type { SpeakerSuggestion } from '../search/speakers.js';
import type { SourceFinding } from '../search/source.js';
import type { CountedStatements, Trend, TrendQuery } from '../search/trend.js';
import type { Passage, SearchOptions, SearchResult } from '../search/types.js';

export interface CountrySummary {
  code: string;
  name: string;
  statements: number;
}

export interface ArchiveStats {
  statements: number;
  paragraphs: number;
  countries: number;
  years: { first: number | null; last: number | null };
  bodies: Body[];
  model: string;
  indexedAt: string | null;
  /** The background check's state, and whether every page read is verified against its checksum. */
  integrity: { check: 'checking' | 'sound' | 'damaged' | 'unchecked'; pageChecksums: boolean };
}

/** Metadata a moderator may state when adding a statement; it wins over what the file says. */
export interface StatementOverrides {
  country?: string;
  speaker?: string;
  body?: Body;
  year?: number;
}

/** Everything the front ends (terminal chat, Discord bot) may ask of the indexed statements. */
export interface Archive {
  search(question: string, options: SearchOptions): Promise<SearchResult>;
  /** The paragraphs around one paragraph of the same statement, in order, itself included. */
  context(passageId: number, radius: number): Passage[];
  passage(passageId: number): Passage | null;
  /** Organizations whose acronym or names start with or contain the text, most mentioned first. */
  findOrganizations(text: string, limit: number): Organization[];
  organization(key: string): Organization | null;
  /** Paragraphs mentioning the organization, ranked by the question when one is given, else by country and year. */
  aboutOrganization(key: string, options: { question?: string; k: number; offset?: number }): Promise<SearchResult>;
  findCountries(text: string, limit: number): CountrySummary[];
  /** Speakers whose names start with the words typed, latest first (autocomplete of /ask's speaker). */
  suggestSpeakers(typed: string, limit: number): SpeakerSuggestion[];
  /** Paragraphs spoken by the country, ranked by the topic when one is given, else in order of year. */
  byCountry(code: string, options: { topic?: string; k: number; offset?: number }): Promise<SearchResult>;
  stats(): ArchiveStats;
  /**
   * Why nothing may be answered from the index: its database was found damaged (by the check that runs in the
   * background, or by a read), worded with the file and the repair; null while none is known.
   */
  damage?(): string | null;
  /** Year by year, how many General Debate statements name a topic, with paragraphs to quote (see trend.ts). */
  trend(query: TrendQuery): Promise<Trend>;
  /** The statements one year of a trend counted, by country, each with its first paragraph naming the topic. */
  countedStatements(query: TrendQuery, year: number, page: { k: number; offset: number }): CountedStatements;
  /** Where a pasted quote comes from: the statements holding its words, or close to them, and who said them. */
  findSource(text: string): Promise<SourceFinding>;
  /** Brings the index up to date with the files under the roots; searches keep working meanwhile. */
  reindex(roots: string[], onProgress?: (p: IndexProgress) => void): Promise<IndexReport>;
  /** Indexes one statement file (already saved under the corpus folder); returns how many paragraphs it added. */
  addStatement(filePath: string, overrides: StatementOverrides): Promise<{ paragraphs: number }>;
  removeStatement(filePath: string): Promise<{ paragraphs: number }>;
  close(): void;
}
