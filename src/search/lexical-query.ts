/**
 * Words that carry no topic in a question: FTS5 would match them nearly everywhere and BM25 would spend the
 * query on them.
 */
const STOPWORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between
  both but by can could did do does doing down during each few for from further had has have having he her here
  hers herself him himself his how i if in into is it its itself just like me more most my myself no nor not now of
  off on once only or other our ours ourselves out over own same say said says she should so some such than that the
  their theirs them themselves then there these they this those through to too under until up very was we were what
  when where which while who whom whose why will with would you your yours yourself anything something anyone
  country countries nation nations state states leader leaders un united tell talk talked mention mentioned ask asked
  did does thing things get got going`.split(/\s+/),
);

/** Splits on anything but letters and digits, as FTS5's unicode61 tokenizer does, so each term is one token. */
function tokens(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function quote(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/**
 * An FTS5 query that matches any topic word of the question. Tokens glued by symbols ("5+2", "S/PV.8699") become
 * phrases so they only match together.
 */
export function buildLexicalQuery(question: string): string | null {
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const chunk of question.split(/\s+/)) {
    const chunkTokens = tokens(chunk);
    if (chunkTokens.length > 1 && /[\p{N}]/u.test(chunk)) {
      const phrase = quote(chunkTokens.join(' '));
      if (!seen.has(phrase)) parts.push(phrase);
      seen.add(phrase);
      continue;
    }
    for (const token of chunkTokens) {
      if (STOPWORDS.has(token) || token.length < 2 || seen.has(token)) continue;
      seen.add(token);
      parts.push(quote(token));
    }
  }
  return parts.length > 0 ? parts.join(' OR ') : null;
}

/** An FTS5 query matching any of the names as whole phrases (for "what was said about CICA"). */
export function anyPhraseQuery(names: string[]): string | null {
  const phrases = names.map((n) => tokens(n)).filter((t) => t.length > 0).map((t) => quote(t.join(' ')));
  return phrases.length > 0 ? [...new Set(phrases)].join(' OR ') : null;
}
