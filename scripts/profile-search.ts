/**
 * Where a warm search's time goes, stage by stage, on an index that already exists (opened read-only):
 * question embedding, HNSW walk, exact search over a scope, SQL for the scope's ids, BM25, term counts, sentence
 * vectors, coverage, the page's paragraphs. Wraps the archive's own objects; nothing in src/ is changed.
 *
 *   npx tsx scripts/profile-search.ts --index-dir DIR [--rounds 3] [--slowest 8] [--with-rowid-fix]
 */
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { openArchive } from '../src/archive/open-archive.js';
import { devQuestions, percentile } from './bench-common.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const indexDir = option('index-dir');
if (!indexDir) {
  process.stderr.write('usage: npx tsx scripts/profile-search.ts --index-dir DIR [--rounds N] [--slowest N]\n');
  process.exit(2);
}
const rounds = Number(option('rounds') ?? 3);
const slowest = Number(option('slowest') ?? 8);

const archive = await openArchive({ ...loadConfig(), INDEX_DIR: path.resolve(indexDir) }, createLogger('warn'));
let current: Map<string, number> = new Map();
function wrap(target: object, names: string[], label: (name: string) => string): void {
  for (const name of names) {
    const object = target as Record<string, unknown>;
    const original = object[name] as ((...a: unknown[]) => unknown) | undefined;
    if (typeof original !== 'function') continue;
    object[name] = function (this: unknown, ...a: unknown[]) {
      const started = performance.now();
      const result = original.apply(this, a);
      const add = () => current.set(label(name), (current.get(label(name)) ?? 0) + performance.now() - started);
      if (result instanceof Promise) return result.finally(add);
      add();
      return result;
    };
  }
}
const { store, vectors } = archive.index;
if (args.includes('--with-rowid-fix')) {
  // What-if only: store.lexical.paragraphsMatching with `+rowid`, so SQLite runs the full-text query once and checks the
  // candidates against its rows instead of running it once per candidate (lexical.ts is not changed).
  const db = (store.lexical as unknown as { db: import('better-sqlite3').Database }).db;
  const statement = db
    .prepare('SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ? AND +rowid IN (SELECT value FROM json_each(?))')
    .pluck();
  store.lexical.paragraphsMatching = (ftsQuery: string, among: number[]) => statement.all(ftsQuery, JSON.stringify(among)) as number[];
  process.stdout.write('what-if: store.lexical.paragraphsMatching with +rowid\n');
}
wrap(archive.embedder, ['embedQuery'], (n) => `embedder.${n}`);
wrap(vectors, ['search', 'searchAllowed', 'searchExact'], (n) => `vectors.${n}`);
wrap(store.lexical, ['search', 'paragraphsWithStem', 'countMatching', 'paragraphsMatching', 'idsWithin'], (n) => `store.lexical.${n}`);
wrap(store.sentenceVectors, ['of'], (n) => `store.sentenceVectors.${n}`);
wrap(store.vectors, ['of'], (n) => `store.vectors.${n}`);
wrap(store.paragraphs, ['byIds'], (n) => `store.paragraphs.${n}`);
wrap(store.statements, ['counts'], (n) => `store.statements.${n}`);
wrap(store.meta, ['get'], (n) => `store.meta.${n}`);

const questions = devQuestions();
for (const q of questions) await archive.search(q, { k: 5 }); // warm: vectors in memory, term counts cached
const perStage = new Map<string, number[]>();
const totals: { q: string; ms: number; stages: Map<string, number> }[] = [];
for (let round = 0; round < rounds; round++) {
  for (const q of questions) {
    current = new Map();
    const started = performance.now();
    await archive.search(q, { k: 5 });
    const ms = performance.now() - started;
    totals.push({ q, ms, stages: current });
    for (const [stage, t] of current) perStage.set(stage, [...(perStage.get(stage) ?? []), t]);
  }
}
const all = totals.map((t) => t.ms);
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(34)} ${value}\n`);
line('index', `${indexDir}: ${archive.stats().paragraphs} paragraphs`);
line(
  `search (${all.length})`,
  `p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${percentile(all, 95).toFixed(1)} ms, mean ${(all.reduce((a, b) => a + b, 0) / all.length).toFixed(1)} ms`,
);
for (const [stage, ts] of [...perStage].sort((a, b) => b[1].reduce((x, y) => x + y, 0) - a[1].reduce((x, y) => x + y, 0))) {
  const perSearch = ts.reduce((a, b) => a + b, 0) / all.length;
  line(`  ${stage}`, `mean ${perSearch.toFixed(2)} ms per search, p95 ${percentile(ts, 95).toFixed(2)} ms (in ${ts.length})`);
}
process.stdout.write(`slowest:\n`);
for (const t of [...totals].sort((a, b) => b.ms - a.ms).slice(0, slowest)) {
  const stages = [...t.stages]
    .sort((a, b) => b[1] - a[1])
    .map(([s, ms]) => `${s} ${ms.toFixed(1)}`)
    .join(', ');
  process.stdout.write(`  ${t.ms.toFixed(1)} ms  ${t.q.slice(0, 70)}\n      ${stages}\n`);
}
archive.close();
