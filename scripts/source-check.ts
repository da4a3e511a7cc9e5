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
import { textWords } from '../src/search/pasted-quote.js';
import { noFilters } from '../src/search/question.js';
import type { SourceFinding } from '../src/search/source.js';
import { percentile } from './bench-common.js';
import { buildChecks, type Check, type Kind } from './source-check/quotes.js';

const options = new Command('source-check')
  .option('--index-dir <dir>', 'index folder (default: the configured one)')
  .option('--set <name>', 'tuning or held-out', 'tuning')
  .option('--per-kind <n>', 'quotes of each kind', (v: string) => Number(v), 100)
  .option('--yardstick', 'also score FTS5 alone')
  .option('--show-misses', 'print the quotes judged wrongly')
  .parse()
  .opts<{ indexDir?: string; set: 'tuning' | 'held-out'; perKind: number; yardstick?: boolean; showMisses?: boolean }>();

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
      return {
        right: judged.verdict === 'verbatim' && judged.attribution?.claimed === check.claimed && judged.attribution?.matches === false,
        first,
      };
    case 'invented':
      return { right: judged.verdict === 'not-found', first: judged.verdict === 'not-found' };
  }
}

const { archive } = await openCliArchive(options.indexDir);
try {
  const store = archive.index.store;
  const paths = store.statements
    .all()
    .map((s) => s.path)
    .filter((p) => fs.existsSync(p));
  const countries = store.statements.countries().map((c) => c.code);
  const checks = buildChecks(paths, countries, options.set, options.perKind);
  const counts = store.statements.counts();
  process.stdout.write(
    `${archive.index.dir}: ${counts.statements} statements, ${counts.paragraphs} paragraphs; set ${options.set}, ${options.perKind} per kind\n`,
  );

  const judges: [string, (text: string) => Promise<Judged>][] = [
    [
      'Verbatim',
      async (text) => {
        const finding = await archive.findSource(text);
        return {
          verdict: finding.verdict,
          sources: finding.matches.map((m) => ({ path: m.passage.meta.path, paragraph: m.passage.paragraph })),
          attribution: finding.attribution,
        };
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
        process.stdout.write(
          `  MISS ${check.kind}: ${judged.verdict} ${JSON.stringify(check.text)}\n    expected ${check.source?.path ?? ''} ¶${check.source?.paragraph ?? ''}; got ${judged.sources
            .slice(0, 2)
            .map((s) => `${path.basename(s.path)} ¶${s.paragraph}`)
            .join(', ')}\n`,
        );
      }
    }
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(`\n${name}\n| kind | quotes | verdict right | true statement first |\n|---|---|---|---|\n`);
    for (const [kind, row] of byKind) {
      const pct = (x: number) => `${((100 * x) / row.n).toFixed(1)}%`;
      process.stdout.write(`| ${kind} | ${row.n} | ${pct(row.right)} | ${kind === 'invented' ? '-' : pct(row.first)} |\n`);
    }
    process.stdout.write(
      `latency per quote: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms; ${(checks.length / seconds).toFixed(1)} quotes/s\n`,
    );
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
    return share >= 0.6
      ? { verdict: 'close', sources: toSources(best), attribution: null }
      : { verdict: 'not-found', sources: [], attribution: null };
  }
} finally {
  archive.close();
}
