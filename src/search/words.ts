/**
 * Words of questions and paragraphs as search and answers compare them: lower case, crudely stemmed, with
 * the words that carry no topic in a question ("which", "country", "said") left out.
 */

const STOPWORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between
  both but by can could did do does doing down during each few for from further had has have having he her here
  hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
  off on once only or other our ours ourselves out over own same she should so some such than that the their
  theirs them themselves then there these they this those through to too under until up very was we were what
  when where which while who whom why will with would you your yours yourself yourselves say said says tell told
  think thinks thought did does do speak spoke speaks mention mentioned talk talked regarding concerning
  anything something statement statements country countries year years please show give find let us one ever
  anyone ask asked get going got leader leaders like nation nations state states thing things un united whose`.split(/\s+/),
);

/** A crude stem: lower case, possessive and common inflections removed, so "operations" meets "operation". */
function stem(word: string): string {
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

/** The stems of the content words of a text (stopwords, their possessives and contractions, and one-letter words dropped). */
export function contentStems(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of words(text)) {
    const bare = w.replace(/['’](?:s|re|ll|ve|d|t)$/, '');
    if (bare.length < 2 || STOPWORDS.has(bare)) continue;
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
