/** One word of a text as compared with another: folded for comparison, with where it stands in the text. */
export interface TextWord {
  key: string;
  start: number;
  end: number;
}

/** One word of a quote: folded for comparison, and as the member wrote it. */
export interface QuoteWord {
  key: string;
  raw: string;
}

/** A pasted message split into the words judged and the words that say who spoke them. */
export interface PastedQuote {
  /** The words judged: those between quotation marks when the message has them, else the whole message. */
  quoted: string;
  /** The words around the quotation, where a message says who spoke ("As Nigeria said: ..."); empty when none. */
  around: string;
  /** The quote's runs of words between omissions ("...", "[inserted words]"). */
  segments: QuoteWord[][];
}

/** Pairs of quotation marks a member may paste, typographic ones included. */
const QUOTATIONS = [/“([^”]+)”/g, /"([^"]+)"/g, /«([^»]+)»/g, /„([^“”]+)[“”]/g, /(?<![\p{L}\p{N}])[‘']([^’']+)[’'](?![\p{L}\p{N}])/gu];
/** Fewer words than this between quotation marks is a term in quotes ("so-called 'peace'"), not the quote. */
const WORDS_OF_A_QUOTATION = 4;
/** An introduction before a colon ("As Nigeria put it:") is at most this many words. */
const WORDS_OF_AN_INTRODUCTION = 14;
/** Omission marks ("...", "…", "[...]") and editorial insertions ("[the Council]") both leave a gap. */
const GAP = /\[[^\]]*\]|\.{3,}|…/g;

/** Folds a word as both sides of a comparison write it: case, accents and typography ignored. */
function foldWord(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a text with their places; hyphens, apostrophes and other marks separate words. */
export function textWords(text: string): TextWord[] {
  const words: TextWord[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    words.push({ key: foldWord(match[0]), start: match.index, end: match.index + match[0].length });
  }
  return words;
}

function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/** The longest stretch between quotation marks that is long enough to be the quote, with where it stands. */
function longestQuotation(message: string): { start: number; end: number; inner: string } | null {
  let best: { start: number; end: number; inner: string } | null = null;
  for (const pattern of QUOTATIONS) {
    for (const match of message.matchAll(pattern)) {
      const inner = match[1]!;
      if (wordCount(inner) < WORDS_OF_A_QUOTATION || (best && inner.length <= best.inner.length)) continue;
      best = { start: match.index, end: match.index + match[0].length, inner };
    }
  }
  return best;
}

/** "As Nigeria said: we must ..." without quotation marks: the words before a colon near the start introduce the quote. */
function introducedQuote(message: string): { around: string; quoted: string } | null {
  const colon = message.indexOf(':');
  if (colon < 0) return null;
  const before = message.slice(0, colon);
  const after = message.slice(colon + 1);
  const introduction = wordCount(before);
  if (introduction === 0 || introduction > WORDS_OF_AN_INTRODUCTION || wordCount(after) < WORDS_OF_A_QUOTATION) return null;
  return { around: before.trim(), quoted: after.trim() };
}

/** The quote's runs of words between gaps; runs without words are dropped. */
function segmentsOf(quoted: string): QuoteWord[][] {
  return quoted
    .split(GAP)
    .map((run) => textWords(run).map((w) => ({ key: w.key, raw: run.slice(w.start, w.end) })))
    .filter((run) => run.length > 0);
}

/**
 * Reads a pasted message: the quoted words are judged, and the words around them say who the message claims spoke.
 * Typography a quote picks up on its way (curly quotes, dashes, line breaks, "..." for omitted words, [brackets]
 * for inserted ones) changes no word compared, so it cannot turn a verbatim quote into a close one.
 */
export function readPastedQuote(message: string): PastedQuote {
  const quotation = longestQuotation(message);
  if (quotation) {
    const around = `${message.slice(0, quotation.start)} ${message.slice(quotation.end)}`.replace(/\s+/g, ' ').trim();
    return { quoted: quotation.inner.trim(), around, segments: segmentsOf(quotation.inner) };
  }
  const introduced = introducedQuote(message);
  if (introduced) return { ...introduced, segments: segmentsOf(introduced.quoted) };
  const quoted = message.trim();
  return { quoted, around: '', segments: segmentsOf(quoted) };
}
