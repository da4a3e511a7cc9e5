/**
 * `npm run bench`: indexing throughput, query latency, cold start, memory and HNSW recall, printed as numbers.
 * Uses the real model and the real corpus in ../shared; the full evaluation index is built first if missing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, projectRoot } from '../src/config.js';
import { dot } from '../src/embed/embedder.js';
import { createLogger } from '../src/log.js';
import { openArchive } from '../src/search/open-archive.js';
import { DEFAULT_EVAL_INDEX, EVALUATION_FOLDERS } from '../src/evaluation/corpus.js';
import { compareWithPythonPeer } from './python-peer/compare.js';

const SHARED = path.resolve(projectRoot, '..', 'shared');
const THROUGHPUT_FOLDER = path.join(SHARED, 'corpus', 'ungdc', '2015');
const PEER_SAMPLE_EVERY = 5;
const DEV_QUESTIONS = path.join(SHARED, 'eval', 'dev.jsonl');

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const log = createLogger('warn');
const config = loadConfig();
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(44)} ${value}\n`);
process.stdout.write(`machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);

// 1. Indexing throughput on one year of the General Debate, into a fresh folder.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-bench-'));
const fresh = await openArchive({ ...config, INDEX_DIR: scratch }, log);
line('model', fresh.embedder.modelName);
const firstRun = await fresh.reindex([THROUGHPUT_FOLDER]);
const secondRun = await fresh.reindex([THROUGHPUT_FOLDER]);
const indexRate = firstRun.paragraphsEmbedded / firstRun.seconds;
line('index ungdc/2015: paragraphs', String(firstRun.paragraphsAdded));
line('index ungdc/2015: first run', `${firstRun.seconds.toFixed(1)} s, ${indexRate.toFixed(1)} paragraphs/s`);
line('index ungdc/2015: second run (unchanged)', `${secondRun.seconds.toFixed(2)} s, ${secondRun.paragraphsEmbedded} embedded`);

// The same paragraphs, embedded by Python sentence-transformers with the same model, for an honest ratio
// (see scripts/python-peer/compare.ts: our own ONNX file through ST's ONNX backend for models not on PyPI).
// Every fifth paragraph: the peer runs twice (batch 1 and 32), and the whole year would take a quarter of an hour.
const texts = fresh.index.store
  .paragraphsInOrder({ countries: [], years: [], body: null }, 1e9, 0)
  .map((p) => p.text)
  .filter((_, i) => i % PEER_SAMPLE_EVERY === 0);
fresh.close();
await compareWithPythonPeer(config, log, texts, line);
fs.rmSync(scratch, { recursive: true, force: true });

// 2. Cold start with the full evaluation index: a new process opens it and answers one question.
const evalConfig = { ...config, INDEX_DIR: DEFAULT_EVAL_INDEX };
{
  const archive = await openArchive(evalConfig, log);
  const report = await archive.reindex(EVALUATION_FOLDERS.map((f) => path.join(SHARED, 'corpus', f)));
  if (report.paragraphsEmbedded > 0) line('built the evaluation index', `${report.paragraphsEmbedded} paragraphs in ${report.seconds.toFixed(0)} s`);
  archive.close();
}
const cold = spawnSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', 'cold-start.ts'), DEFAULT_EVAL_INDEX], {
  encoding: 'utf8',
});
line('cold start (open index + load model + 1st answer)', cold.stdout.trim() || cold.stderr.trim());

// 3. Warm query latency over the dev questions, and the graph's recall against exact search.
const archive = await openArchive(evalConfig, log);
const questions = fs
  .readFileSync(DEV_QUESTIONS, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { question: string }).question);
for (const q of questions.slice(0, 5)) await archive.search(q, { k: 5 });
const latencies: number[] = [];
for (let round = 0; round < 3; round++) {
  for (const q of questions) {
    const started = performance.now();
    await archive.search(q, { k: 5 });
    latencies.push(performance.now() - started);
  }
}
line('paragraphs in the evaluation index', String(archive.stats().paragraphs));
line(`warm query latency (${latencies.length} queries)`, `p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms`);

const all = [...archive.index.store.allVectors()];
const queryVectors = await Promise.all(questions.map((q) => archive.embedder.embedQuery(q)));
const sampled = all.filter((_, i) => i % Math.ceil(all.length / 200) === 0).map((x) => x.vector);
let found = 0;
let wanted = 0;
for (const query of [...queryVectors, ...sampled]) {
  const exact = all
    .map((x) => ({ id: x.id, s: dot(query, x.vector) }))
    .sort((a, b) => b.s - a.s)
    .slice(0, 10)
    .map((x) => x.id);
  const approximate = new Set(archive.index.vectors.search(query, 10).map((x) => x.id));
  found += exact.filter((id) => approximate.has(id)).length;
  wanted += exact.length;
}
line(`HNSW recall@10 vs exact (${queryVectors.length + sampled.length} queries)`, (found / wanted).toFixed(4));
line('peak RSS of this process', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
archive.close();
