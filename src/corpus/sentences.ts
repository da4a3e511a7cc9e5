/**
 * Words that end in a period inside a sentence in UN records: titles ("Mr. Ban"), references ("No. 5",
 * "para. 3", "pp. 12") and the like. Lower case; matched without the period.
 */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'messrs', 'mmes', 'mme', 'mlle', 'dr', 'prof', 'st', 'sr', 'jr', 'hon', 'rev', 'amb',
  'gen', 'lt', 'col', 'maj', 'capt', 'sgt', 'gov', 'sen', 'rep', 'no', 'nos', 'art', 'arts', 'para', 'paras',
  'vol', 'vols', 'p', 'pp', 'ch', 'chap', 'sect', 'fig', 'op', 'cit', 'ibid', 'cf', 'vs', 'viz', 'al', 'approx',
  'inc', 'ltd', 'corp', 'dept', 'jan', 'feb', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/** Quotes and brackets that may close a sentence after its full stop: `."`, `.)`, `.’`. */
const CLOSERS = `"'”’)\\]»`;
const OPENERS = `"'“‘(\\[«•▪*`;

/**
 * A full stop, question or exclamation mark, then whitespace, then what can open a sentence (a capital or a
 * digit, maybe behind a quote or bracket). Periods inside tokens ("S/PV.8699", "1.5") have no space after them.
 */
const SENTENCE_BREAK = new RegExp(`[.!?][${CLOSERS}]*(\\s+)(?=[${OPENERS}]*[\\p{Lu}\\p{N}])`, 'gu');

/** "e.g", "U.N", "i.e", "U.S.A": letters joined by periods are abbreviations, not sentence ends. */
const DOTTED_ABBREVIATION = /^(?:\p{L}\.)+\p{L}$/u;
/** "H. E.", "George W. Bush": one capital before the period is an initial. */
const INITIAL = /^\p{Lu}$/u;

const LEADING_OPENERS = new RegExp(`^[${OPENERS}]+`, 'u');
const FINAL_PUNCTUATION = new RegExp(`([.!?])[${CLOSERS}]*$`, 'u');
/** Enough of a text's end to hold its last word and punctuation: regular expressions anchored at $ scan all of it. */
const TAIL = 80;

/** Whether the period that ends `before` (the text up to, not including, that period) stops a sentence. */
function periodEndsSentence(before: string): boolean {
  if (before.endsWith('.') || before.endsWith('…')) return false; // an ellipsis trails off; the sentence goes on
  const word = lastWord(before).replace(LEADING_OPENERS, '');
  if (word === '') return true;
  return !(ABBREVIATIONS.has(word.toLowerCase()) || DOTTED_ABBREVIATION.test(word) || INITIAL.test(word));
}

function lastWord(text: string): string {
  let start = text.length;
  while (start > 0 && !isWhitespace(text.charCodeAt(start - 1))) start -= 1;
  return text.slice(start);
}

/** Whether text ends a sentence: with ., ! or ? (perhaps inside closing quotes), and not after "Mr" or "U.N". */
export function endsSentence(text: string): boolean {
  const tail = text.slice(-TAIL).trimEnd();
  const match = FINAL_PUNCTUATION.exec(tail);
  if (!match) return false;
  return match[1] !== '.' || periodEndsSentence(tail.slice(0, match.index));
}

/** A sentence as a half-open range [start, end) of the original text, whitespace at either end excluded. */
export interface Span {
  start: number;
  end: number;
}

/**
 * The sentences of a text as offsets into it, so that a caller can show them verbatim. Breaks only at
 * whitespace, and no span starts or ends with whitespace. Errs towards too few breaks: a missed break makes a
 * longer sentence, a wrong one would cut a quotation in two.
 */
export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const match of text.matchAll(SENTENCE_BREAK)) {
    const punctuationAt = match.index;
    if (text[punctuationAt] === '.' && !periodEndsSentence(text.slice(start, punctuationAt))) continue;
    const whitespaceAt = punctuationAt + match[0].length - match[1]!.length;
    pushTrimmed(spans, text, start, whitespaceAt);
    start = punctuationAt + match[0].length;
  }
  pushTrimmed(spans, text, start, text.length);
  return spans;
}

/** Adds [start, end) less its surrounding whitespace, unless nothing is left. */
function pushTrimmed(spans: Span[], text: string, start: number, end: number): void {
  while (start < end && isWhitespace(text.charCodeAt(start))) start += 1;
  while (end > start && isWhitespace(text.charCodeAt(end - 1))) end -= 1;
  if (end > start) spans.push({ start, end });
}

/** The sentences of a text: `sentences.join(' ')` is the text with the whitespace at its breaks collapsed. */
export function splitSentences(text: string): string[] {
  return sentenceSpans(text).map((span) => text.slice(span.start, span.end));
}

export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isWhitespace(text.charCodeAt(i));
    if (!space && !inWord) words += 1;
    inWord = !space;
  }
  return words;
}

/** What \s matches, without a regular expression per character: this runs over every character of the corpus. */
function isWhitespace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(String.fromCharCode(code));
}

/**
 * Cuts text into runs of whole sentences of about equal length: as few runs as keep the average within
 * `maxWords`, each cut at the sentence end nearest to an equal share of the words. A run can go a sentence's
 * length over `maxWords`; cutting a sentence would cut the quotations in it.
 */
export function splitIntoPassages(text: string, maxWords: number): string[] {
  const sentences = splitSentences(text);
  const words = sentences.map(countWords);
  const total = words.reduce((a, b) => a + b, 0);
  const pieces = Math.ceil(total / maxWords);
  if (pieces <= 1 || sentences.length <= 1) return [sentences.join(' ')];

  const wordsThrough = cumulativeSums(words);
  const cutsAfter: number[] = [];
  for (let piece = 1; piece < pieces; piece++) {
    const goal = (piece * total) / pieces;
    const first = (cutsAfter.at(-1) ?? -1) + 1;
    let best = -1;
    for (let i = first; i < sentences.length - 1; i++) {
      if (best === -1 || Math.abs(wordsThrough[i]! - goal) < Math.abs(wordsThrough[best]! - goal)) best = i;
    }
    if (best !== -1) cutsAfter.push(best);
  }

  const passages: string[] = [];
  let from = 0;
  for (const cut of [...cutsAfter, sentences.length - 1]) {
    passages.push(sentences.slice(from, cut + 1).join(' '));
    from = cut + 1;
  }
  return passages;
}

function cumulativeSums(values: number[]): number[] {
  let sum = 0;
  return values.map((v) => (sum += v));
}
