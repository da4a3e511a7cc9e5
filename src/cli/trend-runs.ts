import fs from 'node:fs';
import { InvalidArgumentError } from 'commander';
import path from 'node:path';
import { trendChart } from '../answer/chart.js';
import { distinctHits, searchWindow } from '../answer/distinct.js';
import {
  isRefusal,
  readCompare,
  readTrend,
  YEAR_LIMITS,
  type CompareRequest,
  type FrontEnd,
  type Refusal,
  type TrendRequest,
} from '../answer/requests.js';
import type { Archive } from '../archive/archive.js';
import { compareCountries, type Comparison } from '../archive/compare.js';
import { countryNamer } from '../archive/country-lookup.js';
import { share, trendMilestones, trendShape, type Trend, type TrendQuotes, type TrendYear } from '../search/trend.js';
import { hitJson } from './json.js';

/** A year option of `npm run trend` and `npm run compare`. */
export function yearArgument(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < YEAR_LIMITS.min || n > YEAR_LIMITS.max) throw new InvalidArgumentError('expected a year, e.g. 1995');
  return n;
}

/** Reads the request as every front end does, then counts the trend. */
export async function runTrend(archive: Archive, front: FrontEnd, request: TrendRequest): Promise<{ trend: Trend } | Refusal> {
  const query = readTrend(archive, front, request);
  return isRefusal(query) ? query : { trend: await archive.trend(query) };
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
  const slug = topic
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
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

/** Reads the request as every front end does, then finds each country's paragraphs, enough to show `k` of each. */
export async function runCompare(
  archive: Archive,
  front: FrontEnd,
  request: CompareRequest,
  k: number,
): Promise<{ comparison: Comparison } | Refusal> {
  const query = readCompare(archive, front, request);
  return isRefusal(query) ? query : { comparison: await compareCountries(archive, { ...query, k: searchWindow(k, 0) }) };
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
