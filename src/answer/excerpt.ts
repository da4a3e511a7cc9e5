import { sentenceSpans, type Span } from '../corpus/sentences.js';
import { contentStems, overlap } from '../search/words.js';

/** Marks where an excerpt leaves out part of the paragraph. */
const ELLIPSIS = '…';

export interface ExcerptOptions {
  /** Budget for the excerpt, ellipses included, in units of `measure`. */
  maxChars: number;
  /** How long a piece of text will be once shown (e.g. after Discord escaping); defaults to its length. */
  measure?: (text: string) => number;
}

export interface Excerpt {
  /** Verbatim pieces of the paragraph in their original order, joined by "…" where text was left out. */
  text: string;
  /** True when something was left out. */
  truncated: boolean;
}

const defaultMeasure = (s: string): number => s.length;

/**
 * The part of a paragraph that best answers a question, verbatim: its best-matching sentences (by content
 * words shared with the question), extended with their neighbours while the budget allows, "…" at each cut.
 * A paragraph that fits is returned whole; with no shared words the paragraph's opening is shown.
 */
export function excerptAround(paragraph: string, question: string | Set<string>, options: ExcerptOptions): Excerpt {
  const measure = options.measure ?? defaultMeasure;
  const max = options.maxChars;
  const text = paragraph.trim();
  if (measure(text) <= max) return { text, truncated: false };

  const stems = typeof question === 'string' ? contentStems(question) : question;
  const spans = sentenceSpans(text);
  const scores = spans.map((s) => overlap(stems, text.slice(s.start, s.end)));
  const top = Math.max(0, ...scores);
  if (top === 0 || spans.length === 0) return headExcerpt(text, options);

  const ellipsisCost = measure(` ${ELLIPSIS} `);
  const cost = (i: number): number => measure(text.slice(spans[i]!.start, spans[i]!.end)) + ellipsisCost;
  const best = scores.indexOf(top);
  if (cost(best) + ellipsisCost > max) return windowAround(text, spans[best]!, stems, options);

  const chosen = new Set<number>([best]);
  let used = cost(best) + ellipsisCost;
  const order = spans.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  for (const i of order) {
    if (chosen.has(i) || scores[i]! < Math.max(1, Math.ceil(top / 2))) continue;
    if (used + cost(i) <= max) {
      chosen.add(i);
      used += cost(i);
    }
  }
  // Fill the rest of the budget with neighbours of the chosen sentences, best sentences first, right side first.
  for (let grew = true; grew;) {
    grew = false;
    for (const i of [...chosen].sort((a, b) => scores[b]! - scores[a]! || a - b)) {
      for (const j of [i + 1, i - 1]) {
        if (j < 0 || j >= spans.length || chosen.has(j)) continue;
        if (used + cost(j) <= max) {
          chosen.add(j);
          used += cost(j);
          grew = true;
        }
      }
    }
  }

  const result = assemble(
    text,
    spans,
    [...chosen].sort((a, b) => a - b),
  );
  if (measure(result) <= max) return { text: result, truncated: true };
  return { text: hardTruncate(result, max, measure), truncated: true };
}

/** The opening of a paragraph within the budget, cut after a sentence (or a word) with a trailing "…". */
export function headExcerpt(paragraph: string, options: ExcerptOptions): Excerpt {
  const measure = options.measure ?? defaultMeasure;
  const text = paragraph.trim();
  if (measure(text) <= options.maxChars) return { text, truncated: false };
  const spans = sentenceSpans(text);
  const suffix = ` ${ELLIPSIS}`;
  let end = 0;
  for (const s of spans) {
    if (measure(text.slice(0, s.end)) + measure(suffix) > options.maxChars) break;
    end = s.end;
  }
  if (end === 0) return { text: hardTruncate(text, options.maxChars, measure), truncated: true };
  return { text: text.slice(0, end) + suffix, truncated: true };
}

/** The end of a paragraph within the budget, starting at a sentence (or a word) with a leading "…". */
export function tailExcerpt(paragraph: string, options: ExcerptOptions): Excerpt {
  const measure = options.measure ?? defaultMeasure;
  const text = paragraph.trim();
  if (measure(text) <= options.maxChars) return { text, truncated: false };
  const spans = sentenceSpans(text);
  const prefix = `${ELLIPSIS} `;
  let start = text.length;
  for (let i = spans.length - 1; i >= 0; i--) {
    const s = spans[i]!;
    if (measure(text.slice(s.start)) + measure(prefix) > options.maxChars) break;
    start = s.start;
  }
  if (start < text.length) return { text: prefix + text.slice(start), truncated: true };
  // Even the last sentence is too long: keep its last words.
  const budget = options.maxChars - measure(prefix);
  let cut = text.length;
  while (cut > 0) {
    const prev = text.lastIndexOf(' ', cut - 1);
    if (prev <= 0 || measure(text.slice(prev + 1)) > budget) break;
    cut = prev;
  }
  const tail = text.slice(cut).trimStart();
  return { text: prefix + (measure(tail) <= budget ? tail : ''), truncated: true };
}

/** Cuts text at a word boundary so that it plus " …" fits the budget. */
export function hardTruncate(text: string, max: number, measure: (s: string) => number = defaultMeasure): string {
  if (measure(text) <= max) return text;
  const suffix = ` ${ELLIPSIS}`;
  return cutToFit(text, max - measure(suffix), measure) + suffix;
}

/** The longest prefix of the text, ended at a word boundary where possible, whose measure fits. */
function cutToFit(text: string, max: number, measure: (s: string) => number = defaultMeasure): string {
  if (measure(text) <= max) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(text.slice(0, mid)) <= max) lo = mid;
    else hi = mid - 1;
  }
  let cut = lo;
  const space = text.lastIndexOf(' ', cut);
  if (space > cut * 0.6) cut = space;
  // Never end on a lone backslash (half an escape) or half a surrogate pair.
  while (cut > 0 && (text[cut - 1] === '\\' || isHighSurrogate(text.charCodeAt(cut - 1)))) cut--;
  return text.slice(0, cut).trimEnd();
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function assemble(text: string, spans: Span[], chosen: number[]): string {
  const runs: Array<[number, number]> = [];
  for (const i of chosen) {
    const last = runs[runs.length - 1];
    if (last && last[1] === i - 1) last[1] = i;
    else runs.push([i, i]);
  }
  let out = '';
  runs.forEach(([a, b], k) => {
    const piece = text.slice(spans[a]!.start, spans[b]!.end);
    if (k === 0) out = a > 0 ? `${ELLIPSIS} ${piece}` : piece;
    else out += ` ${ELLIPSIS} ${piece}`;
  });
  const lastRun = runs[runs.length - 1];
  if (lastRun && lastRun[1] < spans.length - 1) out += ` ${ELLIPSIS}`;
  return out;
}

/** A window of whole words inside one over-long sentence, placed around its first word shared with the question. */
function windowAround(text: string, span: Span, stems: Set<string>, options: ExcerptOptions): Excerpt {
  const measure = options.measure ?? defaultMeasure;
  const sentence = text.slice(span.start, span.end);
  let anchor = 0;
  const re = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(sentence)) !== null) {
    if (overlap(stems, m[0]) > 0) {
      anchor = m.index;
      break;
    }
  }
  const budget = options.maxChars - 2 * measure(` ${ELLIPSIS} `);
  // Start about a quarter of the budget before the anchor, at a word start.
  let start = Math.max(0, anchor - Math.floor(budget / 4));
  if (start > 0) {
    const sp = sentence.indexOf(' ', start);
    start = sp >= 0 && sp < anchor ? sp + 1 : anchor;
  }
  let piece = sentence.slice(start);
  if (measure(piece) > budget) piece = cutToFit(piece, budget, measure);
  piece = piece.trimEnd();
  const absStart = span.start + start;
  const absEnd = absStart + piece.length;
  const before = absStart > 0 ? `${ELLIPSIS} ` : '';
  const after = absEnd < text.length ? ` ${ELLIPSIS}` : '';
  return { text: before + piece + after, truncated: true };
}
