/**
 * `npm run compare-models -- [names...]`: quality and speed of each catalog model on the same corpus sample.
 * The sample is every gold statement of the dev questions plus a fixed pseudo-random draw of other statements
 * from the evaluation corpus (the full 76,000 paragraphs take 20-60 minutes per model on two cores).
 */
import path from 'node:path';
import { loadConfig, projectRoot } from '../src/config.js';
import { discoverStatementFiles } from '../src/corpus/read-statement.js';
import { MODEL_NAMES, type ModelName } from '../src/embed/models.js';
import { DEFAULT_EVAL_ROOT, EVALUATION_FOLDERS } from '../src/evaluation/corpus.js';
import { evaluate, readQuestions } from '../src/evaluation/evaluate.js';
import { createLogger } from '../src/log.js';
import { openArchive } from '../src/archive/open-archive.js';

const DISTRACTORS = 400;
const questionsFile = path.resolve(projectRoot, '..', 'shared', 'eval', 'dev.jsonl');

/** A deterministic shuffle (mulberry32), so every model sees the same sample. */
function seededShuffle<T>(items: T[], seed: number): T[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

const questions = readQuestions(questionsFile);
const gold = new Set(questions.flatMap((q) => q.gold.map((g) => path.resolve(DEFAULT_EVAL_ROOT, g.doc))));
const { files } = discoverStatementFiles(EVALUATION_FOLDERS.map((f) => path.join(DEFAULT_EVAL_ROOT, f)));
const sample = [
  ...gold,
  ...seededShuffle(
    files.filter((f) => !gold.has(f)),
    2024,
  ).slice(0, DISTRACTORS),
];
const models = (process.argv.slice(2).length > 0 ? process.argv.slice(2) : [...MODEL_NAMES]) as ModelName[];

const f = (x: number) => x.toFixed(3);
process.stdout.write(`sample: ${gold.size} gold + ${DISTRACTORS} other statements; ${questions.length} dev questions\n`);
process.stdout.write('model                 paragraphs  para/s   product R@1 R@5 R@10 MRR      dense R@1 R@5 R@10 MRR\n');
for (const model of models) {
  const config = { ...loadConfig(), MODEL: model, INDEX_DIR: path.join(projectRoot, 'embeddings', 'compare', model) };
  const archive = await openArchive(config, createLogger('warn'));
  const started = Date.now();
  const indexed = await archive.reindex(sample);
  const rate = indexed.paragraphsEmbedded > 0 ? (indexed.paragraphsEmbedded / ((Date.now() - started) / 1000)).toFixed(1) : 'cached';
  const { systems } = await evaluate(archive, questions, DEFAULT_EVAL_ROOT);
  const p = systems.product;
  const d = systems.dense;
  process.stdout.write(
    `${model.padEnd(21)} ${String(archive.stats().paragraphs).padStart(10)}  ${rate.padStart(6)}   ` +
      `${f(p.r1)} ${f(p.r5)} ${f(p.r10)} ${f(p.mrr)}   ${f(d.r1)} ${f(d.r5)} ${f(d.r10)} ${f(d.mrr)}\n`,
  );
  archive.close();
}
