/**
 * `npm run bench -- --index-dir DIR`: measures an index that already exists, without building or changing it (it
 * is opened read-only: no lock, nothing written), and prints numbers, never assertions:
 *
 *  1. cold start: a new process opens the index, loads the model and answers a first question (scripts/cold-start.ts);
 *  2. warm search latency over the dev questions (../shared/eval/dev.jsonl and dev2.jsonl), as the product answers
 *     them: limits read from the question included ("which African country" limits the search to Africa), split
 *     into unlimited, region-limited and otherwise limited questions, with the question embedding alone beside;
 *  3. HNSW recall@10 of the unfiltered graph search against exact search over every stored vector (and @100,
 *     the candidates the product takes), at the graph's efSearch and, with --ef-sweep, at others;
 *  4. peak RSS of this process after the warm searches, and after the recall (which reads every vector);
 *  5. indexing throughput: ungdc/2015 indexed into a scratch folder (paragraphs/s), then again unchanged;
 *  6. embedding throughput against the Python peer (scripts/python-peer, `npm run peer:setup`) on every fifth
 *     paragraph of ungdc/2015: ours, the peer at batch 1 and at batch 32 (one thread per core), and run our way
 *     (a one-thread process per core at batch 1), with the ratios.
 *
 *   npm run bench -- --index-dir embeddings/eval-e5
 *   npm run bench -- --index-dir DIR --skip-throughput --skip-peer      (1-4 only, a few minutes)
 *   npm run bench -- --index-dir DIR --rounds 5 --ef-sweep 100,200,400,800
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig, projectRoot } from '../src/config.js';
import { findCountryMentions } from '../src/corpus/countries.js';
import { findRegions } from '../src/corpus/regions.js';
import { statementReader } from '../src/corpus/reader.js';
import { createLogger } from '../src/log.js';
import { openArchive } from '../src/archive/open-archive.js';
import { understandQuestion } from '../src/search/question.js';
import { compareWithPythonPeer } from './python-peer/compare.js';
import { SHARED, devQuestions, latencyStats, machineLine, option, peakRssMiB, percentile, printer } from './bench-common.js';

const args = process.argv.slice(2);
const indexOption = option(args, 'index-dir');
if (!indexOption || !fs.existsSync(path.join(indexOption, 'paragraphs.sqlite'))) {
  process.stderr.write(
    'usage: npm run bench -- --index-dir DIR [--skip-throughput] [--skip-peer] [--rounds N] [--cold-runs N] [--ef-sweep 100,200,...]\n' +
      '  DIR: an index folder that already exists (paragraphs.sqlite); it is only read\n',
  );
  process.exit(2);
}
const indexDir = path.resolve(indexOption);
const rounds = Number(option(args, 'rounds') ?? 3);
const coldRuns = Number(option(args, 'cold-runs') ?? 3);
const efSweep = (option(args, 'ef-sweep') ?? '').split(',').filter(Boolean).map(Number);
const THROUGHPUT_FOLDER = path.join(SHARED, 'corpus', 'ungdc', '2015');
const PEER_SAMPLE_EVERY = 5;
const RECALL_SAMPLE = 200;

const log = createLogger('warn');
const config = loadConfig();
const line = printer(54);
process.stdout.write(`${machineLine()}\n`);

// 1. Cold start, before this process holds anything: each run a new process.
const colds: {
  totalSeconds: number;
  modelMs: number;
  openMs: number;
  firstAnswerMs: number;
  secondAnswerMs: number;
  peakRssMiB: number;
}[] = [];
for (let run = 0; run < coldRuns; run++) {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(projectRoot, 'scripts', 'cold-start.ts'), '--index-dir', indexDir, '--json'],
    {
      encoding: 'utf8',
      cwd: projectRoot,
    },
  );
  const last = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !last.startsWith('{')) {
    line('cold start', `failed: ${(child.stderr || child.stdout).trim().split('\n').slice(-3).join(' | ')}`);
    break;
  }
  colds.push(JSON.parse(last));
}
if (colds.length > 0) {
  const median = [...colds].sort((a, b) => a.totalSeconds - b.totalSeconds)[Math.floor(colds.length / 2)]!;
  line(
    `cold start, median of ${colds.length} (new process → 1st answer)`,
    `${median.totalSeconds.toFixed(2)} s (model ${median.modelMs.toFixed(0)} ms, open ${median.openMs.toFixed(0)} ms, ` +
      `first answer ${median.firstAnswerMs.toFixed(0)} ms, second ${median.secondAnswerMs.toFixed(0)} ms); ` +
      `all: ${colds.map((c) => c.totalSeconds.toFixed(2)).join(', ')} s`,
  );
  line('  peak RSS of the cold-start process', `${Math.max(...colds.map((c) => c.peakRssMiB)).toFixed(0)} MiB`);
}

// 2. Warm search latency.
const archive = await openArchive({ ...config, INDEX_DIR: indexDir }, log);
const stats = archive.stats();
line('index', `${indexDir}: ${stats.statements} statements, ${stats.paragraphs} paragraphs, ${stats.model}`);
const questions = devQuestions();
const kindOf = (q: string): 'unlimited' | 'region' | 'limited' => {
  const { countries, years, body } = understandQuestion(q, { findCountries: findCountryMentions }).filters;
  if (countries.length > 1) return 'region';
  return countries.length + years.length + (body ? 1 : 0) > 0 ? 'limited' : 'unlimited';
};
const kinds = new Map(questions.map((q) => [q, kindOf(q)]));
for (const q of questions) await archive.search(q, { k: 5 }); // one untimed pass: scopes' vectors, term counts
const byKind = new Map<string, number[]>([
  ['all', []],
  ['unlimited', []],
  ['region', []],
  ['limited', []],
]);
const embedding: number[] = [];
for (let round = 0; round < rounds; round++) {
  for (const q of questions) {
    const started = performance.now();
    await archive.search(q, { k: 5 });
    const ms = performance.now() - started;
    byKind.get('all')!.push(ms);
    byKind.get(kinds.get(q)!)!.push(ms);
  }
  for (const q of questions) {
    const started = performance.now();
    await archive.embedder.embedQuery(q);
    embedding.push(performance.now() - started);
  }
}
const count = (kind: string) => [...kinds.values()].filter((k) => k === kind).length;
line(`warm search, ${questions.length} dev questions × ${rounds}`, latencyStats(byKind.get('all')!));
line(`  no limit read from the question (${count('unlimited')})`, latencyStats(byKind.get('unlimited')!));
line(`  region-limited, "which African country" (${count('region')})`, latencyStats(byKind.get('region')!));
line(`  country, year or body limit (${count('limited')})`, latencyStats(byKind.get('limited')!));
line('  question embedding alone, same questions', latencyStats(embedding));
line('peak RSS of this process after the searches', `${peakRssMiB().toFixed(0)} MiB`);

// 3. HNSW recall of the unfiltered graph search against exact search over every stored vector.
const { vectors } = archive.index;
const allIds = vectors.paragraphIds();
const stride = Math.max(1, Math.floor(allIds.length / RECALL_SAMPLE));
const stored = archive.index.store.vectors.of(allIds.filter((_, i) => i % stride === 0).slice(0, RECALL_SAMPLE));
const queries = [...(await Promise.all(questions.map((q) => archive.embedder.embedQuery(q)))), ...stored.values()];
const exactStarted = performance.now();
const exact = queries.map((q) => vectors.searchExact(q, 100, allIds).map((n) => n.id)); // reads every vector once
const exactMs = (performance.now() - exactStarted) / queries.length;
const defaultEf = vectors.efSearch;
for (const ef of [defaultEf, ...efSweep.filter((e) => e !== defaultEf)]) {
  vectors.efSearch = ef;
  let found10 = 0;
  let found100 = 0;
  const walk: number[] = [];
  queries.forEach((q, i) => {
    const started = performance.now();
    const approximate = vectors.search(q, 100).map((n) => n.id);
    walk.push(performance.now() - started);
    const top10 = new Set(approximate.slice(0, 10));
    const top100 = new Set(approximate);
    found10 += exact[i]!.slice(0, 10).filter((id) => top10.has(id)).length;
    found100 += exact[i]!.filter((id) => top100.has(id)).length;
  });
  const label = ef === defaultEf ? `HNSW recall vs exact, efSearch ${ef} (the product's)` : `HNSW recall vs exact, efSearch ${ef}`;
  line(
    label,
    `@10 ${(found10 / (10 * queries.length)).toFixed(4)}, @100 ${(found100 / (100 * queries.length)).toFixed(4)} ` +
      `(${queries.length} queries: ${questions.length} questions, ${stored.size} stored paragraphs); walk p50 ${percentile(walk, 50).toFixed(2)} ms, p95 ${percentile(walk, 95).toFixed(2)} ms`,
  );
}
vectors.efSearch = defaultEf;
line('  exact search over every vector, per query', `${exactMs.toFixed(1)} ms`);

// 3b. The same for walks limited to a region ("which African country"), against exact search over the region.
for (const word of ['African', 'Asian', 'European', 'Latin American', 'island']) {
  const scope = { countries: findRegions(word)[0]!.codes, years: [], body: null };
  const ids = archive.index.store.lexical.idsWithin(scope);
  const allowed = new Set(ids);
  const questionVectors = queries.slice(0, questions.length);
  let found10 = 0;
  let found100 = 0;
  const walk: number[] = [];
  for (const q of questionVectors) {
    const truth = vectors.searchExact(q, 100, ids).map((n) => n.id);
    const started = performance.now();
    const approximate = vectors.searchAllowed(q, 100, allowed).map((n) => n.id);
    walk.push(performance.now() - started);
    const top10 = new Set(approximate.slice(0, 10));
    const top100 = new Set(approximate);
    found10 += truth.slice(0, 10).filter((id) => top10.has(id)).length;
    found100 += truth.filter((id) => top100.has(id)).length;
  }
  line(
    `  limited to ${word} speakers (${ids.length} paragraphs)`,
    `@10 ${(found10 / (10 * questionVectors.length)).toFixed(4)}, @100 ${(found100 / (100 * questionVectors.length)).toFixed(4)}; ` +
      `walk p50 ${percentile(walk, 50).toFixed(2)} ms, p95 ${percentile(walk, 95).toFixed(2)} ms`,
  );
}
line('peak RSS of this process after 3 (every vector read)', `${peakRssMiB().toFixed(0)} MiB`);
archive.close();

// 5. Indexing throughput on one year of the General Debate, into a scratch folder.
if (!args.includes('--skip-throughput') || !args.includes('--skip-peer')) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-bench-'));
  try {
    const fresh = await openArchive({ ...config, INDEX_DIR: scratch }, log);
    if (!args.includes('--skip-throughput')) {
      const firstRun = await fresh.reindex([THROUGHPUT_FOLDER]);
      const secondRun = await fresh.reindex([THROUGHPUT_FOLDER]);
      line(
        'index ungdc/2015 into a scratch folder: paragraphs',
        `${firstRun.paragraphsAdded} (${firstRun.sentencesEmbedded ?? 0} sentences embedded too)`,
      );
      line('  first run', `${firstRun.seconds.toFixed(1)} s, ${(firstRun.paragraphsAdded / firstRun.seconds).toFixed(1)} paragraphs/s`);
      line('  second run (unchanged)', `${secondRun.seconds.toFixed(2)} s, ${secondRun.paragraphsEmbedded} embedded`);
    }
    // 6. The same paragraphs, embedded by Python sentence-transformers with the same model, for an honest ratio
    // (see scripts/python-peer/compare.ts: our own ONNX file through ST's ONNX backend for models not on PyPI).
    if (!args.includes('--skip-peer')) {
      const texts = (
        fresh.stats().paragraphs > 0
          ? fresh.index.store.paragraphs.inOrder({ countries: [], years: [], body: null }, 1e9, 0).map((p) => p.text)
          : throughputTexts()
      ).filter((_, i) => i % PEER_SAMPLE_EVERY === 0);
      fresh.close();
      await compareWithPythonPeer(config, log, texts, line);
    } else {
      fresh.close();
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** ungdc/2015's paragraphs as the reader makes them, when the throughput run was skipped. */
function throughputTexts(): string[] {
  const reader = statementReader();
  return reader
    .discover([THROUGHPUT_FOLDER])
    .files.sort()
    .flatMap((file) => {
      const statement = reader.read(file);
      return 'paragraphs' in statement ? statement.paragraphs.map((p) => p.text) : [];
    });
}
process.exit(0);
