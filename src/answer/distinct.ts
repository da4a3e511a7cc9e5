import type { Hit } from '../search/types.js';

/** The words of a paragraph as a reader compares two quotes: spacing and line breaks do not make them differ. */
function readerText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The hits with each paragraph text once, the best-ranked copy kept and ranks renumbered from 1. A statement
 * stored under two paths (an upload of a file already indexed, a corpus reached by a link and a copy) would
 * otherwise be quoted twice in one answer; the ranking itself is the searcher's, so repeats are dropped here.
 */
export function distinctHits(hits: Hit[]): Hit[] {
  const seen = new Set<string>();
  const kept = hits.filter((hit) => {
    const text = readerText(hit.text);
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
  return kept.map((hit, i) => ({ ...hit, rank: i + 1 }));
}

/**
 * How many hits to ask for, from the first, to fill pages 0..page once repeated texts are dropped: twice as
 * many (a statement stored twice repeats every paragraph), and one more to know whether another page follows.
 * Every page is cut from a window that starts at the first hit, so a repeat never reappears on a later page.
 */
export function searchWindow(k: number, page: number): number {
  return 2 * k * (page + 1) + 1;
}
