import type { SearchResult } from '../search/types.js';
import { citationLine } from './citation.js';
import { excerptAround } from './excerpt.js';
import { describeReading, type CountryNamer } from './filters.js';

export interface TerminalOptions {
  /** Longest quote before it is shown around its best-matching sentences; 0 shows every paragraph whole. Default 700. */
  excerptChars?: number;
  countryName?: CountryNamer;
  /** Rank offset of this page (0 for the first). */
  offset?: number;
}

/**
 * An answer as plain text for the terminal chat: each paragraph quoted verbatim (or excerpted around its
 * best-matching sentences with "…" at cuts) under its citation line. No markup, nothing escaped.
 */
export function formatForTerminal(result: SearchResult, options: TerminalOptions = {}): string {
  const filters = describeReading(result, options.countryName);
  const offset = options.offset ?? 0;
  if (result.hits.length === 0 || (!result.confident && offset === 0)) {
    if (offset > 0 && result.hits.length === 0) return 'No more matching paragraphs.';
    return filters
      ? `Nothing in the indexed statements answers this well (${filters}). Try other words or fewer filters.`
      : 'Nothing in the indexed statements answers this well. Try other words.';
  }
  const max = options.excerptChars ?? 700;
  const lines: string[] = [];
  if (filters) lines.push(filters, '');
  if (!result.confident) lines.push('(These match less well.)', '');
  for (const hit of result.hits) {
    const text = max > 0 ? excerptAround(hit.text, result.question, { maxChars: max }).text : hit.text.trim();
    lines.push(`[${hit.rank}] ${citationLine(hit.meta, hit.paragraph)}`);
    lines.push(...text.split('\n').map((l, i, all) => `    ${i === 0 ? '“' : ''}${l}${i === all.length - 1 ? '”' : ''}`));
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}
