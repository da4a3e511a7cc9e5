/**
 * `npx tsx scripts/bench-integrity.ts --index-dir DIR [--without-check]`: what the background check of the
 * database (src/index/integrity.ts) costs a reader. Opens the index read-only (writes nothing into it), as the bot
 * does, and prints: the open, the first answer and the answers given while the check runs, how long the check
 * took, and then, over 80 questions, the latency of answers through the archive (guarded: refused when damage is
 * known) beside the same searches unguarded, and the guard alone per question. `--without-check` opens the same
 * index with no check, for the start-up baseline; run both one after the other, on the same machine.
 *
 *   npx tsx scripts/bench-integrity.ts --index-dir embeddings/eval-index --without-check
 *   npx tsx scripts/bench-integrity.ts --index-dir embeddings/eval-index
 */
import { performance } from 'node:perf_hooks';
import { IndexedArchive, loadEmbedder, openArchive } from '../src/archive/open-archive.js';
import { loadConfig } from '../src/config.js';
import { statementReader } from '../src/corpus/reader.js';
import { ParagraphIndex } from '../src/index/paragraph-index.js';
import { createLogger } from '../src/log.js';

const args = process.argv.slice(2);
const indexDir = args.includes('--index-dir') ? args[args.indexOf('--index-dir') + 1] : undefined;
if (!indexDir) {
  process.stderr.write('usage: npx tsx scripts/bench-integrity.ts --index-dir DIR [--without-check]\n');
  process.exit(2);
}
const withCheck = !args.includes('--without-check');

const QUESTIONS = [
  'climate change and small island states',
  'nuclear disarmament treaty',
  'apartheid in South Africa',
  'the situation in the Middle East',
  'reform of the Security Council',
  'sustainable development goals',
  'refugees and migration',
  'terrorism after September 11',
  'the COVID-19 pandemic',
  'decolonization of Africa',
  'human rights and sanctions',
  'peacekeeping operations funding',
  'debt relief for developing countries',
  'the war in Ukraine',
  'Kazakhstan and regional organizations',
  'women and gender equality',
  'the law of the sea',
  'drug trafficking',
  'the Cold War and détente',
  'famine and food security',
];

const config = { ...loadConfig(), INDEX_DIR: indexDir };
const log = createLogger('warn');
const embedder = await loadEmbedder(config, log);
await embedder.embedQuery('warm up');

let started = performance.now();
const archive = withCheck
  ? await openArchive(config, log, embedder)
  : new IndexedArchive(ParagraphIndex.open(indexDir, embedder.modelName, embedder.dimension, log), embedder, statementReader(), log);
const openMs = performance.now() - started;
started = performance.now();
await archive.search(QUESTIONS[0]!, { k: 5 });
const firstAnswerMs = performance.now() - started;
const whileChecking: number[] = [];
for (const question of QUESTIONS.slice(1, 6)) {
  if (archive.integrity.state.state !== 'checking') break;
  const t = performance.now();
  await archive.search(question, { k: 5 });
  whileChecking.push(Math.round(performance.now() - t));
}
const check = await archive.integrity.settled();
const round = (ms: number) => Math.round(ms);
console.log(JSON.stringify({ indexDir, withCheck, openMs: round(openMs), firstAnswerMs: round(firstAnswerMs), whileChecking, check }));

const guarded: number[] = [];
const bare: number[] = [];
for (let pass = 0; pass < 4; pass++) {
  for (const question of QUESTIONS) {
    // Alternated, so that neither always meets the caches the other warmed.
    for (const which of pass % 2 === 0 ? ['guarded', 'bare'] : ['bare', 'guarded']) {
      const t = performance.now();
      if (which === 'guarded') await archive.search(question, { k: 5 });
      else await archive.retrieval.search(question, { k: 5 });
      (which === 'guarded' ? guarded : bare).push(performance.now() - t);
    }
  }
}
const at = (times: number[], share: number) => [...times].sort((a, b) => a - b)[Math.floor(times.length * share)]!.toFixed(1);
const N = 20_000;
started = performance.now();
for (let i = 0; i < N; i++) {
  archive.damage();
  await archive.integrity.beforeAnswer(archive.index.store.meta.generation);
}
const guardUs = ((performance.now() - started) / N) * 1000;
console.log(
  JSON.stringify({
    questions: guarded.length,
    guardedMs: { median: at(guarded, 0.5), p95: at(guarded, 0.95) },
    unguardedMs: { median: at(bare, 0.5), p95: at(bare, 0.95) },
    guardAloneUs: guardUs.toFixed(1),
  }),
);
archive.close();
