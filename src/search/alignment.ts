import type { QuoteWord, TextWord } from './pasted-quote.js';

/** One place where a quote's words differ from the source's: words it added, dropped or changed. */
export interface Difference {
  kind: 'added' | 'dropped' | 'changed';
  /** The quote's words there (empty when it dropped words). */
  quote: string;
  /** The source's words there (empty when the quote added words). */
  source: string;
}

/** Where a quote stands in a paragraph and how far its words are from the paragraph's. */
export interface Alignment {
  /** Characters of the paragraph the quote covers, from its first aligned word to its last. */
  span: [number, number];
  /** Words the quote shares with the paragraph, in order. */
  matched: number;
  /** Words added, dropped or changed, each counting one: zero is word for word. */
  edits: number;
  differences: Difference[];
}

type Step = 'match' | 'change' | 'add' | 'drop' | 'skip';

/**
 * Aligns a quote's words with a paragraph's (a word-level edit distance, free at both ends of the paragraph, as in
 * Smith-Waterman): each added, dropped or changed word costs one. Between the quote's segments (its "..." and
 * [brackets]) the paragraph's words are skipped for free, since the quote says words were left out there.
 * Returns null when the quote has no words.
 */
export function alignQuote(segments: QuoteWord[][], paragraph: string, words: TextWord[]): Alignment | null {
  const quote = segments.flat();
  if (quote.length === 0 || words.length === 0) return null;
  const gapAfter = new Set<number>();
  let end = 0;
  for (const segment of segments.slice(0, -1)) gapAfter.add((end += segment.length));

  // Each cell holds edits * weight - matches: fewest edits first, then, among equals, most words shared, so a
  // dropped word is told from a word added at the end ("and arrangements" for "and regional arrangements").
  const weight = quote.length + 1;
  const columns = words.length + 1;
  const cost = new Int32Array((quote.length + 1) * columns);
  const step = new Uint8Array((quote.length + 1) * columns);
  const STEPS: Step[] = ['skip', 'match', 'change', 'add', 'drop'];
  for (let i = 1; i <= quote.length; i++) {
    const row = i * columns;
    const above = row - columns;
    const freeDrop = gapAfter.has(i);
    cost[row] = i * weight;
    step[row] = 3;
    for (let j = 1; j <= words.length; j++) {
      const same = quote[i - 1]!.key === words[j - 1]!.key;
      let best = cost[above + j - 1]! + (same ? -1 : weight);
      let how = same ? 1 : 2;
      const added = cost[above + j]! + weight;
      if (added < best) [best, how] = [added, 3];
      const dropped = cost[row + j - 1]! + (freeDrop ? 0 : weight);
      if (dropped < best) [best, how] = [dropped, freeDrop ? 0 : 4];
      cost[row + j] = best;
      step[row + j] = how;
    }
  }
  let bestEnd = 1;
  const last = quote.length * columns;
  for (let j = 2; j <= words.length; j++) if (cost[last + j]! < cost[last + bestEnd]!) bestEnd = j;

  const path: { step: Step; i: number; j: number }[] = [];
  for (let i = quote.length, j = bestEnd; i > 0;) {
    const how = STEPS[step[i * columns + j]!]!;
    path.push({ step: how, i, j });
    if (how === 'match' || how === 'change') [i, j] = [i - 1, j - 1];
    else if (how === 'add') i -= 1;
    else j -= 1;
  }
  path.reverse();
  return summarize(path, quote, paragraph, words);
}

function summarize(path: { step: Step; i: number; j: number }[], quote: QuoteWord[], paragraph: string, words: TextWord[]): Alignment {
  const covered = path.filter((p) => p.step === 'match' || p.step === 'change').map((p) => words[p.j - 1]!);
  const first = covered[0] ?? words[0]!;
  const lastWord = covered.at(-1) ?? first;
  const differences: Difference[] = [];
  let open: { quote: string[]; source: string[] } | null = null;
  const close = () => {
    if (!open) return;
    const kind = open.quote.length === 0 ? 'dropped' : open.source.length === 0 ? 'added' : 'changed';
    differences.push({ kind, quote: open.quote.join(' '), source: open.source.join(' ') });
    open = null;
  };
  for (const { step, i, j } of path) {
    if (step === 'match' || step === 'skip') {
      close();
      continue;
    }
    open ??= { quote: [], source: [] };
    if (step !== 'drop') open.quote.push(quote[i - 1]!.raw);
    if (step !== 'add') open.source.push(paragraph.slice(words[j - 1]!.start, words[j - 1]!.end));
  }
  close();
  return {
    span: [first.start, lastWord.end],
    matched: path.filter((p) => p.step === 'match').length,
    edits: path.filter((p) => p.step !== 'match' && p.step !== 'skip').length,
    differences,
  };
}
