import { isStopword } from './words.js';

/** Splits on anything but letters and digits, as FTS5's unicode61 tokenizer does, so each term is one token. */
function tokens(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

function quote(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/**
 * The question's search terms as FTS5 strings: its topic words, and tokens glued by symbols ("5+2", "S/PV.8699")
 * as phrases so they only match together. Words the corpus uses almost everywhere are left out when rarer ones
 * remain: BM25 gives them little weight, yet scoring their matches is most of the query's time.
 */
export function lexicalTerms(
  question: string,
  isTooCommon: (term: string) => boolean = () => false,
): { terms: string[]; distinctive: boolean } {
  const phrases: string[] = [];
  const words: string[] = [];
  const seen = new Set<string>();
  for (const chunk of question.split(/\s+/)) {
    const chunkTokens = tokens(chunk);
    if (chunkTokens.length > 1 && /[\p{N}]/u.test(chunk)) {
      const phrase = quote(chunkTokens.join(' '));
      if (!seen.has(phrase)) phrases.push(phrase);
      seen.add(phrase);
      continue;
    }
    for (const token of chunkTokens) {
      if (isStopword(token) || token.length < 2 || seen.has(token)) continue;
      seen.add(token);
      words.push(quote(token));
    }
  }
  const distinctive = words.filter((w) => !isTooCommon(w));
  const rare = phrases.length + distinctive.length > 0;
  return { terms: [...phrases, ...(distinctive.length > 0 ? distinctive : words)], distinctive: rare };
}

/** An FTS5 query that matches any search term of the question (see lexicalTerms). */
export function buildLexicalQuery(question: string, isTooCommon: (term: string) => boolean = () => false): string | null {
  const { terms } = lexicalTerms(question, isTooCommon);
  return terms.length > 0 ? terms.join(' OR ') : null;
}

/** An FTS5 query matching any of the names as whole phrases (for "what was said about CICA"). */
export function anyPhraseQuery(names: string[]): string | null {
  const phrases = names
    .map((n) => tokens(n))
    .filter((t) => t.length > 0)
    .map((t) => quote(t.join(' ')));
  return phrases.length > 0 ? [...new Set(phrases)].join(' OR ') : null;
}
