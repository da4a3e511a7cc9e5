/**
 * Small text helpers for choosing what part of a paragraph to show: sentence spans (as offsets into the
 * original text, so excerpts stay verbatim) and the content words a question and a sentence share.
 */

/** A sentence as a half-open range [start, end) of the original text, trailing whitespace excluded. */
export interface Span {
  start: number;
  end: number;
}

/** Abbreviations after which a full stop does not end a sentence (lower case, without the dot). */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'no', 'nos', 'art', 'arts', 'para', 'paras', 'vol', 'p', 'pp', 'e.g', 'i.e',
  'cf', 'vs', 'sr', 'jr', 'prof', 'gen', 'lt', 'col', 'sen', 'rev', 'hon', 'amb', 'h.e', 'u.n', 'u.s', 'u.k',
  'fig', 'op', 'ch', 'sect', 'annex', 'approx', 'inc', 'co', 'corp', 'ltd',
]);

/**
 * Splits text into sentences. A sentence ends at `.`, `?` or `!` (optionally followed by closing quotes or
 * brackets) when whitespace and then an upper-case letter, digit or opening quote follows; common
 * abbreviations ("Mr.", "No.", "e.g.") and single initials ("J. Smith") do not end sentences.
 */
export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  const re = /[.?!…]+["'”’)\]]*(?=\s+["'“‘(\[]?[\p{Lu}\p{N}])/gu;
  let start = skipSpace(text, 0);
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const end = m.index + m[0].length;
    if (m[0].startsWith('.') && !m[0].startsWith('..')) {
      const before = text.slice(start, m.index);
      const word = /([\p{L}.]+)$/u.exec(before)?.[1]?.toLowerCase() ?? '';
      if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word)) continue;
    }
    if (end > start) spans.push({ start, end });
    start = skipSpace(text, end);
  }
  const tail = text.slice(start).trimEnd();
  if (tail.length > 0) spans.push({ start, end: start + tail.length });
  return spans;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

const STOPWORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between
  both but by can could did do does doing down during each few for from further had has have having he her here
  hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off
  on once only or other our ours ourselves out over own same she should so some such than that the their theirs
  them themselves then there these they this those through to too under until up very was we were what when where
  which while who whom why will with would you your yours yourself yourselves say said says tell told think thinks
  thought did does do speak spoke speaks mention mentioned talk talked regarding concerning anything something
  statement statements country countries year years please show give find let us one ever`.split(/\s+/),
);

/** A crude stem: lower case, possessive and common inflections removed, so "operations" meets "operation". */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, '');
  if (w.length > 5 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith('es') && /(ss|x|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  return w;
}

/** Words of the text, lower case. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
}

/** The stems of the content words of a text (stopwords and one-letter words dropped). */
export function contentStems(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of words(text)) {
    if (w.length < 2 || STOPWORDS.has(w)) continue;
    out.add(stem(w));
  }
  return out;
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word.toLowerCase());
}

/** How many of the question's content stems occur in the text. */
export function overlap(questionStems: Set<string>, text: string): number {
  if (questionStems.size === 0) return 0;
  const seen = new Set<string>();
  for (const w of words(text)) {
    const s = stem(w);
    if (questionStems.has(s)) seen.add(s);
  }
  return seen.size;
}
