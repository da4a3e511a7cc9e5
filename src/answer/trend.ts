import {
  sentenceNaming,
  share,
  trendMilestones,
  trendShape,
  type CountedStatements,
  type Trend,
  type TrendEvidence,
  type TrendQuotes,
  type TrendYear,
} from '../search/trend.js';
import { citationLine } from './citation.js';
import { escapeDiscord } from './escape.js';
import { DISCORD_LIMITS, truncate, type EmbedData } from './limits.js';
import type { SearchResult } from '../search/types.js';
import type { CountryNamer } from './filters.js';
import { formatForTerminal } from './terminal.js';

/** How a paragraph earns its statement a place in the count, in words. */
export function describeEvidence(evidence: TrendEvidence): string {
  switch (evidence.kind) {
    case 'words': {
      const several = evidence.phrase.trim().split(/\s+/).length >= 3;
      return `a paragraph naming “${evidence.phrase}” (plural and adjective forms too${several ? '; or its words in one sentence, in any order' : ''})`;
    }
    case 'organization': {
      const others = [...new Map(evidence.names.map((n) => [n.toLowerCase(), n])).values()].filter(
        (n) => n.toLowerCase() !== evidence.key.toLowerCase(),
      );
      const [name, ...spellings] = others;
      const more =
        spellings.length > 0 ? ` (or ${spellings.length === 1 ? 'another spelling' : `${spellings.length} other spellings`})` : '';
      return `a paragraph naming “${evidence.key}”${name ? ` or “${name}”${more}` : ''}`;
    }
    case 'name':
      return `a paragraph containing “${evidence.phrase}”`;
  }
}

function percent(year: TrendYear): string {
  return `${Math.round(100 * share(year))}%`;
}

function yearSpan(trend: Trend): string {
  return trend.from === trend.to ? String(trend.from) : `${trend.from}–${trend.to}`;
}

/** "General Debate statements, 2010–2024" or "France's General Debate statements, 2010–2024". */
export function statementsLabel(trend: Trend, countryName?: CountryNamer): string {
  const whose = trend.country ? `${countryName ? countryName(trend.country) : trend.country}’s ` : '';
  return `${whose}General Debate statements, ${yearSpan(trend)}`;
}

/**
 * The reply's one line: first year, peak year and latest year with their shares; or, where a chart would be
 * noise, what the counts say instead.
 */
export function trendSummary(trend: Trend, countryName?: CountryNamer): string {
  const label = statementsLabel(trend, countryName);
  const shape = trendShape(trend);
  if (shape === 'nothing') return `No ${label} name “${trend.topic}” (none has ${describeEvidence(trend.evidence)}).`;
  const statements = trend.years.reduce((n, y) => n + y.statements, 0);
  const addressing = trend.years.reduce((n, y) => n + y.addressing, 0);
  const overall = Math.round((100 * addressing) / statements);
  if (shape === 'nearly-everything') {
    const lowest = trend.years.reduce((low, y) => (share(y) < share(low) ? y : low));
    return `Nearly all ${label} name “${trend.topic}” (${overall}% of them, never under ${percent(lowest)} in a year): a chart would be a flat line. Try a narrower topic.`;
  }
  const { first, peak, latest } = trendMilestones(trend);
  const at = (y: TrendYear) => `${y.year} (${percent(y)})`;
  return `“${trend.topic}” in ${label}: first named ${at(first!)}, peak ${at(peak!)}, latest ${at(latest!)}; ${addressing} of ${statements} statements name it.`;
}

/** Security Council speeches are counted apart: where they stand, in one line. */
export function securityCouncilLine(trend: Trend): string {
  const { statements, addressing } = trend.securityCouncil;
  if (statements === 0)
    return `Security Council speeches: none indexed for ${yearSpan(trend)}${trend.country ? ' by this country' : ''}, so none counted.`;
  return `Security Council speeches are counted apart, not charted: ${addressing} of ${statements} name it.`;
}

/** Eight heights for a share; a year without statements is a space and a year with none naming it a dot. */
const BARS = '▁▂▃▄▅▆▇█';

/** The shares year by year as one line of block characters, from `from` to `to`. */
function sparkline(trend: Trend): string {
  const byYear = new Map(trend.years.map((y) => [y.year, y]));
  let line = '';
  for (let year = trend.from; year <= trend.to; year++) {
    const y = byYear.get(year);
    if (!y) line += ' ';
    else if (y.addressing === 0) line += '·';
    else line += BARS[Math.min(BARS.length - 1, Math.ceil(share(y) * BARS.length) - 1)];
  }
  return line;
}

/** Characters of a counted statement's sentence shown in a recount list. */
const COUNTED_SENTENCE_CHARS = 300;

/**
 * One page of a year's counted statements, for a member to recount: how many of how many, then each statement's
 * citation and the sentence that names the topic, quoted word for word.
 */
export function formatCounted(
  trend: Trend,
  counted: CountedStatements,
  statements: number,
  countryName: CountryNamer,
): { content: string; embeds: EmbedData[] } {
  const { heading, entries } = countedEntries(trend, counted, statements, countryName);
  const lines = entries.map(
    (e) => `**${e.rank}.** ${escapeDiscord(e.citation)}\n> ${escapeDiscord(truncate(e.sentence, COUNTED_SENTENCE_CHARS))}`,
  );
  const embeds = lines.length > 0 ? [{ description: truncate(lines.join('\n'), DISCORD_LIMITS.embedDescription) }] : [];
  return { content: truncate(`**${counted.year}**${escapeDiscord(heading)}`, DISCORD_LIMITS.content), embeds };
}

/** The same page for the terminal: each sentence whole. */
export function formatCountedForTerminal(trend: Trend, counted: CountedStatements, statements: number, countryName?: CountryNamer): string {
  const { heading, entries } = countedEntries(trend, counted, statements, countryName);
  return [`${counted.year}${heading}`, ...entries.flatMap((e) => ['', `[${e.rank}] ${e.citation}`, `    “${e.sentence}”`])].join('\n');
}

function countedEntries(trend: Trend, counted: CountedStatements, statements: number, countryName?: CountryNamer) {
  const whose = trend.country ? `${countryName ? countryName(trend.country) : trend.country}’s ` : '';
  const first = counted.hits[0]?.rank ?? 0;
  const last = counted.hits[counted.hits.length - 1]?.rank ?? 0;
  const range = counted.hits.length > 0 ? ` · ${first}–${last}, by country` : '';
  return {
    heading: `: ${counted.total} of ${statements} ${whose}General Debate statements name “${trend.topic}”${range}`,
    entries: counted.hits.map((hit) => ({
      rank: hit.rank,
      citation: citationLine(hit.meta, hit.paragraph),
      sentence: sentenceNaming(hit.text, trend.evidence),
    })),
  };
}

/** One of the reply's quote sets as a search result, so the answer formatters quote and cite it as any answer. */
export function quotesAsResult(trend: Trend, quotes: TrendQuotes): SearchResult {
  return {
    question: trend.topic,
    filters: { countries: trend.country ? [trend.country] : [], years: [quotes.year], body: 'General Assembly' },
    hits: quotes.hits,
    confident: quotes.hits.length > 0,
  };
}

/** "First mention, 2010" / "Peak year, 2021 (64%)": what a quote set is. */
export function quotesHeading(trend: Trend, which: 'first' | 'peak'): string {
  const quotes = which === 'first' ? trend.firstMention : trend.peak;
  const year = trend.years.find((y) => y.year === quotes?.year);
  if (!quotes || !year) return '';
  return which === 'first' ? `First mention, ${quotes.year}` : `Peak year, ${quotes.year} (${percent(year)} of statements)`;
}

/**
 * The trend for the terminal: the summary line, the rule, a sparkline of the years, the Security Council line,
 * where the chart was written, and the quotes of the first mention and the peak year.
 */
export function formatTrendForTerminal(trend: Trend, options: { pngPath: string | null; countryName?: CountryNamer }): string {
  const lines = [trendSummary(trend, options.countryName)];
  if (trendShape(trend) === 'nothing') return [...lines, securityCouncilLine(trend)].join('\n');
  lines.push(`Counted: a statement with ${describeEvidence(trend.evidence)}.`);
  lines.push(`${trend.from} ${sparkline(trend)} ${trend.to}   (bar height: share of statements; · none; blank: no statements)`);
  lines.push(securityCouncilLine(trend));
  if (options.pngPath) lines.push(`Chart: ${options.pngPath}`);
  for (const which of ['first', 'peak'] as const) {
    const quotes = which === 'first' ? trend.firstMention : trend.peak;
    if (quotes)
      lines.push(
        '',
        `${quotesHeading(trend, which)}:`,
        formatForTerminal(quotesAsResult(trend, quotes), { countryName: options.countryName }),
      );
  }
  return lines.join('\n');
}
