import fs from 'node:fs';
import { InvalidArgumentError } from 'commander';
import path from 'node:path';
import { trendChart } from '../answer/chart.js';
import { distinctHits } from '../answer/distinct.js';
import { asSentence, emptyIndexMessage, noDatedStatementsMessage } from '../remedies.js';
import type { Archive } from '../archive/archive.js';
import { compareCountries, type Comparison } from '../archive/compare.js';
import { countryNamer, resolveCountry } from '../archive/country-lookup.js';
import { topicProblem, yearsProblem } from '../archive/topic-input.js';
import { share, trendMilestones, trendShape, type Trend, type TrendQuery, type TrendQuotes, type TrendYear } from '../search/trend.js';
import { hitJson } from './json.js';

/** Longest topic the terminal chat and the command line accept, as the bot does. */
const MAX_TOPIC_CHARS = 500;

/** A year option of `npm run trend` and `npm run compare`. */
export function yearArgument(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1945 || n > 2100) throw new InvalidArgumentError('expected a year, e.g. 1995');
  return n;
}

/** What the terminal chat and the command line were given for /trend: the country as typed. */
export interface TrendRequest {
  topic: string;
  from?: number;
  to?: number;
  country?: string;
}

/**
 * Why the index cannot chart or compare by year at all (it is empty, or none of its statements is dated), with
 * the command that fixes it; null when it can. `indexDir` is the folder the command names.
 */
export function undatedIndexProblem(archive: Archive, indexDir?: string): string | null {
  const stats = archive.stats();
  if (stats.paragraphs === 0) return asSentence(emptyIndexMessage(indexDir));
  return stats.years.first === null ? noDatedStatementsMessage(indexDir) : null;
}

/** Checks the request as the bot does and runs it; a problem is a sentence saying what to change. */
export async function runTrend(archive: Archive, request: TrendRequest, indexDir?: string): Promise<{ trend: Trend } | { problem: string }> {
  const topic = request.topic.trim();
  const problem = topicProblem(topic, MAX_TOPIC_CHARS) ?? undatedIndexProblem(archive, indexDir) ?? yearsProblem(archive, request);
  if (problem) return { problem };
  const query: TrendQuery = { topic, ...(request.from !== undefined ? { from: request.from } : {}), ...(request.to !== undefined ? { to: request.to } : {}) };
  if (request.country) {
    const country = resolveCountry(archive, request.country);
    if (!country) return { problem: `No statements by "${request.country}" are indexed.` };
    query.country = country.code;
  }
  return { trend: await archive.trend(query) };
}

/** Writes the chart as a PNG when the counts make one worth drawing; returns where, or null. */
export function writeTrendChart(archive: Archive, trend: Trend, file: string): string | null {
  if (trendShape(trend) !== 'chart') return null;
  const absolute = path.resolve(file);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  fs.writeFileSync(absolute, trendChart(trend, countryNamer(archive)).png);
  return absolute;
}

/** A file name for a topic's chart: "climate-change.png". */
export function chartFileName(topic: string): string {
  const slug = topic.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `trend-${slug || 'topic'}.png`;
}

const yearJson = (y: TrendYear | null) => (y ? { year: y.year, share: Number(share(y).toFixed(4)) } : null);
const quotesJson = (q: TrendQuotes | null) => (q ? { year: q.year, results: q.hits.map(hitJson) } : null);

/** The `npm run trend -- --json` object: the counts year by year, the milestones, the quotes, the chart file. */
export function trendJson(trend: Trend, png: string | null): string {
  const { first, peak, latest } = trendMilestones(trend);
  return JSON.stringify({
    topic: trend.topic,
    evidence: trend.evidence,
    body: 'General Assembly',
    country: trend.country,
    from: trend.from,
    to: trend.to,
    shape: trendShape(trend),
    years: trend.years.map((y) => ({ ...y, share: Number(share(y).toFixed(4)) })),
    first: yearJson(first),
    peak: yearJson(peak),
    latest: yearJson(latest),
    securityCouncil: trend.securityCouncil,
    firstMention: quotesJson(trend.firstMention),
    peakYear: quotesJson(trend.peak),
    png,
  });
}

/** What the terminal chat and the command line were given for /compare: the countries as typed. */
export interface CompareRequest {
  topic: string;
  countries: [string, string];
  year?: number;
  k: number;
}

/** Checks the request as the bot does and runs it; a problem is a sentence saying what to change. */
export async function runCompare(archive: Archive, request: CompareRequest, indexDir?: string): Promise<{ comparison: Comparison } | { problem: string }> {
  const topic = request.topic.trim();
  const problem = topicProblem(topic, MAX_TOPIC_CHARS) ?? undatedIndexProblem(archive, indexDir) ?? yearsProblem(archive, { year: request.year });
  if (problem) return { problem };
  const codes: string[] = [];
  for (const typed of request.countries) {
    const country = resolveCountry(archive, typed);
    if (!country) return { problem: `No statements by "${typed}" are indexed.` };
    codes.push(country.code);
  }
  if (codes[0] === codes[1]) return { problem: 'Please name two different countries.' };
  // Twice as many as shown, and one: a statement stored under two paths repeats its paragraphs (distinctHits).
  const query = { topic, countries: [codes[0]!, codes[1]!] as [string, string], k: 2 * request.k + 1, ...(request.year !== undefined ? { year: request.year } : {}) };
  return { comparison: await compareCountries(archive, query) };
}

/** The `npm run compare -- --json` object: each country's paragraphs, verbatim, with whether it addressed the topic. */
export function comparisonJson(archive: Archive, comparison: Comparison, k: number): string {
  const name = countryNamer(archive);
  return JSON.stringify({
    topic: comparison.topic,
    year: comparison.year,
    sides: comparison.sides.map((side) => ({
      country: side.country,
      countryName: name(side.country),
      addressed: side.addressed,
      addressedInYear: side.addressedInYear,
      results: distinctHits(side.hits).slice(0, k).map(hitJson),
    })),
  });
}
