import type { ComparedSide, Comparison } from '../archive/compare.js';
import type { Hit } from '../search/types.js';
import { contentStems } from '../search/words.js';
import { citationLine } from './citation.js';
import { discordLength, type ShownHit } from './discord.js';
import { distinctHits } from './distinct.js';
import { blockquote, escapeDiscord } from './escape.js';
import { excerptAround } from './excerpt.js';
import type { CountryNamer } from './filters.js';
import { DISCORD_LIMITS, truncate, type EmbedData } from './limits.js';

/** The two sides' colours: the answers' General Assembly blue, and a teal apart from it in both themes. */
const SIDE_COLORS = [0x2b6cb0, 0x2c7a7b] as const;
/** Room kept free under the 6,000-character total for titles, numbering and rounding. */
const QUOTES_BUDGET = DISCORD_LIMITS.embedsTotal - 600;

/** One page of a comparison: each side's distinct paragraphs from `page * k`, and whether either has more. */
function comparisonPage(comparison: Comparison, page: number, k: number): { sides: [Hit[], Hit[]]; hasMore: boolean } {
  const sides = comparison.sides.map((side) => distinctHits(side.hits)) as [Hit[], Hit[]];
  const start = page * k;
  return {
    sides: sides.map((hits) => hits.slice(start, start + k)) as [Hit[], Hit[]],
    hasMore: sides.some((hits) => hits.length > start + k),
  };
}

/**
 * How many of the side's statements name the topic (a count a reader can redo), and why it shows no paragraphs or
 * what comes first.
 */
function sideNote(comparison: Comparison, side: ComparedSide): string {
  const { statements, naming } = side.naming;
  const of = `${naming} of its ${statements} indexed statement${statements === 1 ? '' : 's'}`;
  const counted =
    naming > 0
      ? `${of} name “${comparison.topic}”.`
      : `None of its ${statements} indexed statement${statements === 1 ? '' : 's'} names “${comparison.topic}”`;
  if (!side.addressed) return `${counted}, and none of its paragraphs matches it well.`;
  const closest = naming > 0 ? '' : '; its paragraphs closest in meaning:';
  const notThatYear = comparison.year !== null && side.addressedInYear === false ? ` Not in ${comparison.year}; from other years:` : '';
  return `${counted}${closest}${notThatYear}`;
}

export interface DiscordComparison {
  content: string;
  embeds: EmbedData[];
  /** The quotes shown, per side, for "Show full paragraph" buttons. */
  shown: [ShownHit[], ShownHit[]];
  hasMore: boolean;
}

/** Two embeds side by side in meaning: one per country, its paragraphs quoted verbatim under their citations. */
export function formatComparisonForDiscord(
  comparison: Comparison,
  options: { page: number; k: number; countryName: CountryNamer },
): DiscordComparison {
  const { sides, hasMore } = comparisonPage(comparison, options.page, options.k);
  const focus = contentStems(comparison.topic);
  const quotes = sides[0].length + sides[1].length;
  const perQuote = quotes === 0 ? 0 : Math.min(1200, Math.floor(QUOTES_BUDGET / quotes) - 160);
  const shown: [ShownHit[], ShownHit[]] = [[], []];
  const embeds = comparison.sides.map((side, i) => {
    const name = options.countryName(side.country);
    const hits = sides[i]!;
    const note = sideNote(comparison, side);
    const entries = hits.map((hit) => {
      const ex = excerptAround(hit.text, focus, { maxChars: perQuote, measure: discordLength });
      shown[i]!.push({ passageId: hit.id, rank: hit.rank, excerpted: ex.truncated });
      return `**${hit.rank}.** ${escapeDiscord(citationLine(hit.meta, hit.paragraph))}\n${truncate(blockquote(escapeDiscord(ex.text)), DISCORD_LIMITS.embedDescription)}`;
    });
    const noMore = options.page > 0 && hits.length === 0 && side.addressed ? 'No more paragraphs.' : null;
    const description = [note && `*${escapeDiscord(note)}*`, ...entries, noMore].filter(Boolean).join('\n\n');
    return {
      title: truncate(escapeDiscord(`${name} (${side.country})`), DISCORD_LIMITS.embedTitle),
      description: truncate(description, DISCORD_LIMITS.embedDescription),
      color: SIDE_COLORS[i],
    } satisfies EmbedData;
  });
  const [a, b] = comparison.sides.map((s) => options.countryName(s.country));
  const yearFirst = comparison.year !== null ? `, ${comparison.year} first` : '';
  const range = options.page > 0 ? ` · results from ${options.page * options.k + 1}` : '';
  const content = `**${escapeDiscord(`“${comparison.topic}”`)}**: ${escapeDiscord(`${a} and ${b}`)} side by side, each country's best-matching paragraphs quoted word for word${yearFirst}${range}`;
  return { content: truncate(content, DISCORD_LIMITS.content), embeds, shown, hasMore };
}

/** Lines of `width` characters at most, words kept whole where they fit. */
function wrapLines(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let current = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (current && current.length + 1 + word.length > width) {
        lines.push(current);
        current = '';
      }
      let rest = word;
      while (rest.length > width) {
        lines.push(rest.slice(0, width));
        rest = rest.slice(width);
      }
      current = current ? `${current} ${rest}` : rest;
    }
    lines.push(current);
  }
  return lines;
}

/** One side as terminal lines: its name, its note, then each paragraph's citation and quote. */
function sideLines(comparison: Comparison, side: ComparedSide, hits: Hit[], name: string, width: number, excerptChars: number): string[] {
  const lines = [...wrapLines(`${name} (${side.country})`, width), '─'.repeat(Math.min(width, 40))];
  const note = sideNote(comparison, side);
  if (note) lines.push(...wrapLines(note, width), '');
  for (const hit of hits) {
    const text = excerptAround(hit.text, comparison.topic, { maxChars: excerptChars }).text;
    lines.push(...wrapLines(`[${hit.rank}] ${citationLine(hit.meta, hit.paragraph)}`, width));
    lines.push(...wrapLines(`“${text.replace(/\s+/g, ' ').trim()}”`, width), '');
  }
  return lines;
}

/** The comparison as two columns of plain text (wrapped to the width; the quotes' words as written). */
export function formatComparisonForTerminal(
  comparison: Comparison,
  options: { k: number; width: number; countryName: CountryNamer; excerptChars?: number },
): string {
  const gap = 3;
  const column = Math.max(24, Math.floor((options.width - gap) / 2));
  const { sides } = comparisonPage(comparison, 0, options.k);
  const [left, right] = comparison.sides.map((side, i) =>
    sideLines(comparison, side, sides[i]!, options.countryName(side.country), column, options.excerptChars ?? 500),
  ) as [string[], string[]];
  const rows = Array.from({ length: Math.max(left.length, right.length) }, (_, i) =>
    `${(left[i] ?? '').padEnd(column + gap)}${right[i] ?? ''}`.trimEnd(),
  );
  const yearFirst = comparison.year !== null ? ` (${comparison.year} first)` : '';
  return [`“${comparison.topic}”${yearFirst}`, '', ...rows].join('\n').trimEnd();
}
