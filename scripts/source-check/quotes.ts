/**
 * The quotes scripts/source-check.ts and scripts/bench-source.ts judge, made from the statement files an index holds:
 * five kinds (see source-check.ts), drawn with a seed per set, so a set is the same quotes at every run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { countryByCode } from '../../src/corpus/countries.js';
import { isUnreadableFile, readStatement } from '../../src/corpus/read-statement.js';
import { splitSentences } from '../../src/corpus/sentences.js';
import { textWords } from '../../src/search/pasted-quote.js';
import { isStopword } from '../../src/search/words.js';

export type CheckSet = 'tuning' | 'held-out';

let random = seededRandom(11);
const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;

export type Kind = 'whole' | 'fragment' | 'misquote' | 'misattributed' | 'invented';
export interface Check {
  kind: Kind;
  text: string;
  /** The file and paragraph number the words come from (none for invented ones). */
  source?: { path: string; paragraph: number; country: string | null };
  /** For misattributed quotes: the country the message wrongly names. */
  claimed?: string;
}

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Sentence {
  text: string;
  path: string;
  paragraph: number;
  country: string | null;
}

/** Sentences of 12-40 words from random statements the index holds, read from their files. */
function sampleSentences(paths: string[], wanted: number): Sentence[] {
  const sentences: Sentence[] = [];
  while (sentences.length < wanted) {
    const statement = readStatement(pick(paths));
    if (isUnreadableFile(statement) || statement.paragraphs.length === 0) continue;
    const paragraph = pick(statement.paragraphs);
    const usable = splitSentences(paragraph.text).filter((s) => {
      const n = textWords(s).length;
      return n >= 12 && n <= 40 && !/["“”«»„]/.test(s);
    });
    if (usable.length === 0) continue;
    sentences.push({ text: pick(usable), path: statement.meta.path, paragraph: paragraph.number, country: statement.meta.country });
  }
  return sentences;
}

/** 8-12 words in a row of the sentence, as written. */
function fragmentOf(sentence: string): string {
  const words = textWords(sentence);
  const length = 8 + Math.floor(random() * 5);
  const start = Math.floor(random() * (words.length - length + 1));
  return sentence.slice(words[start]!.start, words[start + length - 1]!.end);
}

/** The text with two of its content words replaced by content words of another sentence (unchanged when it has too few). */
function misquote(text: string, donor: string): string {
  const words = textWords(text).filter((w) => w.key.length > 3 && !isStopword(w.key));
  const replacements = textWords(donor)
    .filter((w) => w.key.length > 3 && !isStopword(w.key) && !textWords(text).some((x) => x.key === w.key))
    .map((w) => donor.slice(w.start, w.end));
  if (words.length < 2 || replacements.length < 2) return text;
  const [first, second] = [...words]
    .sort(() => random() - 0.5)
    .slice(0, 2)
    .sort((a, b) => b.start - a.start);
  let changed = text;
  for (const [i, word] of [first!, second!].entries()) changed = changed.slice(0, word.start) + replacements[i] + changed.slice(word.end);
  return changed;
}

function inventedSentences(set: CheckSet): string[] {
  const lines = fs
    .readFileSync(path.join(import.meta.dirname, 'invented.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'));
  const marker = lines.indexOf('HELD OUT');
  return set === 'tuning' ? lines.slice(0, marker) : lines.slice(marker + 1);
}

/**
 * As many words from the start of one sentence as from the end of another: each half is someone's, the whole is
 * no one's. Sentences holding quotation marks are left out, since a mark would make one half the quote judged.
 */
function spliced(a: string, b: string): string {
  const [x, y] = [textWords(a), textWords(b)];
  const half = Math.floor(Math.min(x.length, y.length) / 2);
  return `${a.slice(0, x[half]!.start).trim()} ${b.slice(y[y.length - half]!.start)}`;
}

/** `perKind` quotes of each kind from the statement files (`paths`), misattributed to other `countries`. */
export function buildChecks(paths: string[], countries: string[], set: CheckSet, perKind: number): Check[] {
  random = seededRandom(set === 'tuning' ? 11 : 29);
  const n = perKind;
  const sentences = sampleSentences(paths, 5 * n + 2 * n);
  const take = (i: number) => sentences[i]!;
  const checks: Check[] = [];
  const sourceOf = (s: Sentence) => ({ path: s.path, paragraph: s.paragraph, country: s.country });
  for (let i = 0; i < n; i++) {
    checks.push({ kind: 'whole', text: take(i).text, source: sourceOf(take(i)) });
    checks.push({ kind: 'fragment', text: fragmentOf(take(n + i).text), source: sourceOf(take(n + i)) });
    const quoted = i % 2 === 0 ? take(2 * n + i).text : fragmentOf(take(2 * n + i).text);
    const changed = misquote(quoted, take(5 * n + i).text);
    if (changed !== quoted) checks.push({ kind: 'misquote', text: changed, source: sourceOf(take(2 * n + i)) });
    const s = take(3 * n + i);
    const other = pick(countries.filter((c) => c !== s.country));
    const name = countryByCode(other)?.name ?? other;
    const intro = pick([`As ${name} said: "${s.text}"`, `${name} told the United Nations: “${s.text}”`, `“${s.text}” (${name})`]);
    checks.push({ kind: 'misattributed', text: intro, source: sourceOf(s), claimed: other });
  }
  const invented = inventedSentences(set);
  for (let i = 0; i < n; i++) {
    const text = i < invented.length ? invented[i]! : spliced(take(4 * n + i).text, take(6 * n + i).text);
    checks.push({ kind: 'invented', text });
  }
  return checks;
}
