/** A word of a text: letters or digits between anything else. "Côte d’Ivoire" is côte, d, ivoire. */
interface Token {
  /** Lower case, accents removed: "cote". */
  key: string;
  raw: string;
  start: number;
  end: number;
}

export interface PhraseMatch<T> {
  value: T;
  start: number;
  end: number;
  /** The text as written between start and end. */
  matched: string;
}

interface Entry<T> {
  /** null: the phrase is known but names nothing; a longer phrase that must not be read as its parts. */
  value: T | null;
  /** When set, the words must be written exactly so ("US", never "us"). */
  exactWords?: string[];
  /** What the phrase has after its last word ("." of "U.S.", ")" of "Iran (Islamic Republic of)"). */
  trailing: string;
}

interface Node<T> {
  next: Map<string, Node<T>>;
  entries: Entry<T>[];
}

/** What may stand between two words of one name: "Guinea-Bissau", "U.S.", "Iran (Islamic Republic of)". */
const NAME_GLUE = /^[\s\-–'’.(),]{1,3}$/;

function normalizeWord(word: string): string {
  if (/^[\x00-\x7F]*$/.test(word)) return word.toLowerCase(); // most words: no accents to take off
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function tokenize(text: string): Token[] {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({
    key: normalizeWord(m[0]),
    raw: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** The words of a phrase, lower case and without accents, joined by single spaces: a lookup key. */
export function phraseKey(phrase: string): string {
  return tokenize(phrase)
    .map((t) => t.key)
    .join(' ');
}

/**
 * Finds known phrases in text word by word, longest first, so "Papua New Guinea" is one match and never
 * "Guinea". Built once; a scan costs a few map lookups per word whatever the number of phrases.
 */
export class PhraseMatcher<T> {
  private readonly root: Node<T> = { next: new Map(), entries: [] };

  add(phrase: string, value: T | null, options: { exactCase?: boolean } = {}): void {
    const tokens = tokenize(phrase);
    if (tokens.length === 0) return;
    let node = this.root;
    for (const token of tokens) {
      let child = node.next.get(token.key);
      if (!child) {
        child = { next: new Map(), entries: [] };
        node.next.set(token.key, child);
      }
      node = child;
    }
    const exactWords = options.exactCase ? tokens.map((t) => t.raw) : undefined;
    const trailing = phrase.slice(tokens.at(-1)!.end).trim();
    if (!node.entries.some((e) => e.value === value && e.trailing === trailing && sameWords(e.exactWords, exactWords))) {
      node.entries.push({ value, exactWords, trailing });
    }
  }

  /** Every phrase in the text, left to right, without overlaps; known phrases that name nothing are skipped. */
  findAll(text: string): PhraseMatch<T>[] {
    const tokens = tokenize(text);
    const matches: PhraseMatch<T>[] = [];
    let i = 0;
    while (i < tokens.length) {
      const longest = this.longestAt(text, tokens, i);
      if (!longest) {
        i += 1;
        continue;
      }
      const { entries, last } = longest;
      const value = entries[0]!.value;
      if (value !== null) {
        const start = tokens[i]!.start;
        const wordsEnd = tokens[last]!.end;
        const trailing = entries.find((e) => e.trailing !== '' && text.startsWith(e.trailing, wordsEnd))?.trailing ?? '';
        const end = wordsEnd + trailing.length;
        matches.push({ value, start, end, matched: text.slice(start, end) });
      }
      i = last + 1;
    }
    return matches;
  }

  /** The value of a text that is exactly one known phrase. */
  lookup(text: string): T | null {
    const tokens = tokenize(text);
    if (tokens.length === 0) return null;
    const longest = this.longestAt(text, tokens, 0);
    return longest && longest.last === tokens.length - 1 ? longest.entries[0]!.value : null;
  }

  /** The entries of the longest phrase starting at word `first` that the text writes as the phrase requires. */
  private longestAt(text: string, tokens: Token[], first: number): { entries: Entry<T>[]; last: number } | null {
    let node: Node<T> | undefined = this.root;
    let best: { entries: Entry<T>[]; last: number } | null = null;
    for (let i = first; i < tokens.length; i++) {
      if (i > first && !NAME_GLUE.test(text.slice(tokens[i - 1]!.end, tokens[i]!.start))) break;
      node = node.next.get(tokens[i]!.key);
      if (!node) break;
      const writtenSoFar = () => tokens.slice(first, i + 1).map((t) => t.raw);
      const entries = node.entries.filter((e) => !e.exactWords || sameWords(e.exactWords, writtenSoFar()));
      if (entries.length > 0) best = { entries, last: i };
    }
    return best;
  }
}

function sameWords(a: string[] | undefined, b: string[] | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((w, i) => w === b[i]));
}
