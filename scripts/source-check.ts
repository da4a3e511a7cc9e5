/**
 * `npx tsx scripts/source-check.ts [--index-dir DIR] [--set tuning|held-out] [--per-kind N] [--yardstick]`: how well
 * "find the source" judges quotes made from the statement files the index holds. Five kinds, N each:
 * - whole: a sentence quoted whole; fragment: 8-12 of its words in a row;
 * - misquote: a sentence or fragment with two words changed (expected: close, its statement listed);
 * - misattributed: a sentence introduced as another country's words (expected: verbatim, attribution flagged);
 * - invented: sentences written for this check (scripts/source-check/invented.txt) and sentences spliced from two
 *   statements' halves, which no statement holds (expected: not found).
 * The two sets draw different statements (their own seeds) and different invented sentences: choose on one, report
 * the other. `--yardstick` scores SQLite FTS5 alone the same way: a phrase query, else the BM25 best paragraph
 * called close when it holds 60% of the quote's words. Prints a table per kind and the in-process latency.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { openCliArchive } from '../src/cli/setup.js';
import { countryByCode } from '../src/corpus/countries.js';
import { isUnreadableFile, readStatement } from '../src/corpus/read-statement.js';
import { splitSentences } from '../src/corpus/sentences.js';
import { textWords } from '../src/search/pasted-quote.js';
import { noFilters } from '../src/search/question.js';
import type { SourceFinding } from '../src/search/source.js';
import { isStopword } from '../src/search/words.js';

const options = new Command('source-check')
  .option('--index-dir <dir>', 'index folder (default: the configured one)')
  .option('--set <name>', 'tuning or held-out', 'tuning')
  .option('--per-kind <n>', 'quotes of each kind', (v: string) => Number(v), 100)
  .option('--yardstick', 'also score FTS5 alone')
  .option('--show-misses', 'print the quotes judged wrongly')
  .parse()
  .opts<{ indexDir?: string; set: 'tuning' | 'held-out'; perKind: number; yardstick?: boolean; showMisses?: boolean }>();

type Kind = 'whole' | 'fragment' | 'misquote' | 'misattributed' | 'invented';
interface Check {
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

const random = seededRandom(options.set === 'tuning' ? 11 : 29);
const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;

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
  const [first, second] = [...words].sort(() => random() - 0.5).slice(0, 2).sort((a, b) => b.start - a.start);
  let changed = text;
  for (const [i, word] of [first!, second!].entries()) changed = changed.slice(0, word.start) + replacements[i] + changed.slice(word.end);
  return changed;
}

function inventedSentences(): string[] {
  const lines = fs
    .readFileSync(path.join(import.meta.dirname, 'source-check', 'invented.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'));
  const marker = lines.indexOf('HELD OUT');
  return options.set === 'tuning' ? lines.slice(0, marker) : lines.slice(marker + 1);
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

function buildChecks(paths: string[], countries: string[]): Check[] {
  const n = options.perKind;
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
  const invented = inventedSentences();
  for (let i = 0; i < n; i++) {
    const text = i < invented.length ? invented[i]! : spliced(take(4 * n + i).text, take(6 * n + i).text);
    checks.push({ kind: 'invented', text });
  }
  return checks;
}

interface Judged {
  verdict: SourceFinding['verdict'];
  sources: { path: string; paragraph: number }[];
  attribution: SourceFinding['attribution'];
}

function isRight(check: Check, judged: Judged): { right: boolean; first: boolean } {
  const at = judged.sources.findIndex((s) => s.path === check.source?.path && s.paragraph === check.source.paragraph);
  const first = at === 0;
  switch (check.kind) {
    case 'whole':
    case 'fragment':
      return { right: judged.verdict === 'verbatim' && at >= 0, first };
    case 'misquote':
      return { right: judged.verdict === 'close' && at >= 0, first };
    case 'misattributed':
      return { right: judged.verdict === 'verbatim' && judged.attribution?.claimed === check.claimed && judged.attribution?.matches === false, first };
    case 'invented':
      return { right: judged.verdict === 'not-found', first: judged.verdict === 'not-found' };
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

const { archive } = await openCliArchive(options.indexDir);
try {
  const store = archive.index.store;
  const paths = store.statements.all().map((s) => s.path).filter((p) => fs.existsSync(p));
  const countries = store.statements.countries().map((c) => c.code);
  const checks = buildChecks(paths, countries);
  const counts = store.statements.counts();
  process.stdout.write(`${archive.index.dir}: ${counts.statements} statements, ${counts.paragraphs} paragraphs; set ${options.set}, ${options.perKind} per kind\n`);

  const judges: [string, (text: string) => Promise<Judged>][] = [
    [
      'Verbatim',
      async (text) => {
        const finding = await archive.findSource(text);
        return { verdict: finding.verdict, sources: finding.matches.map((m) => ({ path: m.passage.meta.path, paragraph: m.passage.paragraph })), attribution: finding.attribution };
      },
    ],
  ];
  if (options.yardstick) judges.push(['FTS5 alone', async (text) => ftsYardstick(text)]);

  for (const [name, judge] of judges) {
    const byKind = new Map<Kind, { n: number; right: number; first: number }>();
    const times: number[] = [];
    const started = performance.now();
    for (const check of checks) {
      const t = performance.now();
      const judged = await judge(check.text);
      times.push(performance.now() - t);
      const { right, first } = isRight(check, judged);
      const row = byKind.get(check.kind) ?? { n: 0, right: 0, first: 0 };
      byKind.set(check.kind, { n: row.n + 1, right: row.right + (right ? 1 : 0), first: row.first + (first ? 1 : 0) });
      if (!right && options.showMisses) {
        process.stdout.write(`  MISS ${check.kind}: ${judged.verdict} ${JSON.stringify(check.text)}\n    expected ${check.source?.path ?? ''} ¶${check.source?.paragraph ?? ''}; got ${judged.sources.slice(0, 2).map((s) => `${path.basename(s.path)} ¶${s.paragraph}`).join(', ')}\n`);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(`\n${name}\n| kind | quotes | verdict right | true statement first |\n|---|---|---|---|\n`);
    for (const [kind, row] of byKind) {
      const pct = (x: number) => `${((100 * x) / row.n).toFixed(1)}%`;
      process.stdout.write(`| ${kind} | ${row.n} | ${pct(row.right)} | ${kind === 'invented' ? '-' : pct(row.first)} |\n`);
    }
    process.stdout.write(`latency per quote: p50 ${percentile(times, 0.5).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms; ${(checks.length / seconds).toFixed(1)} quotes/s\n`);
  }

  /** What a member would use instead: FTS5's phrase query, else its BM25 best paragraph when it holds 60% of the words. */
  function ftsYardstick(text: string): Judged {
    const inner = /[“"]([^”"]+)[”"]/.exec(text)?.[1] ?? text;
    const words = textWords(inner).map((w) => w.key);
    const phrase = `"${words.join(' ')}"`;
    const exact = store.lexical.search(phrase, noFilters(), 50).map((r) => r.id);
    const toSources = (ids: number[]) => store.paragraphs.byIds(ids).map((p) => ({ path: p.meta.path, paragraph: p.number }));
    if (exact.length > 0) return { verdict: 'verbatim', sources: toSources(exact), attribution: null };
    const any = [...new Set(words)].map((w) => `"${w}"`).join(' OR ');
    const best = store.lexical.search(any, noFilters(), 1).map((r) => r.id);
    const paragraph = store.paragraphs.byIds(best)[0];
    if (!paragraph) return { verdict: 'not-found', sources: [], attribution: null };
    const held = new Set(textWords(paragraph.text).map((w) => w.key));
    const share = words.filter((w) => held.has(w)).length / words.length;
    return share >= 0.6 ? { verdict: 'close', sources: toSources(best), attribution: null } : { verdict: 'not-found', sources: [], attribution: null };
  }
} finally {
  archive.close();
}
