/**
 * `npx tsx scripts/tune-ranking.ts [--index-dir DIR]`: chooses the ranking's parameters (lexical weight, and how
 * many of the dense model's best paragraphs lexical evidence may not bury) on one question file and reports the
 * other as held out, both ways, so the README's numbers say how much of them is tuning. Reads an existing
 * evaluation index (build it with `npm run eval -- --questions ../shared/eval/dev.jsonl`); changes nothing.
 */
import path from 'node:path';
import { Command } from 'commander';
import { DEFAULT_EVAL_INDEX, DEFAULT_EVAL_ROOT } from '../src/evaluation/corpus.js';
import { evaluate, readQuestions } from '../src/evaluation/evaluate.js';
import type { RankingWeights } from '../src/embed/models.js';
import type { SystemReport } from '../src/evaluation/scoring.js';
import { openCliArchive } from '../src/cli/setup.js';

const WEIGHTS = [0, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12];
const DENSE_KEPT = [0, 1, 2, 3];
/** Every combination, simplest first (ties go to the earlier one). */
const CHOICES: RankingWeights[] = DENSE_KEPT.flatMap((denseKept) => WEIGHTS.map((lexicalWeight) => ({ lexicalWeight, denseKept })));
const describe = (r: RankingWeights) => `lexical weight ${r.lexicalWeight}, dense kept ${r.denseKept}`;
const FILES = ['dev.jsonl', 'dev2.jsonl'];

const options = new Command('tune-ranking')
  .option('--index-dir <dir>', 'evaluation index', DEFAULT_EVAL_INDEX)
  .parse()
  .opts<{ indexDir: string }>();

const { archive } = await openCliArchive(options.indexDir);
const ranking = archive.embedder.ranking;
const scores = new Map<string, Map<RankingWeights, SystemReport>>();
const f = (x: number) => x.toFixed(3);
const line = (label: string, r: SystemReport) =>
  `${label.padEnd(52)} R@1 ${f(r.r1)}  R@5 ${f(r.r5)}  R@10 ${f(r.r10)}  MRR@10 ${f(r.mrr)}  paraphrase R@5 ${f(r.byKind['paraphrase']?.r5 ?? 0)}`;

for (const file of FILES) {
  const questions = readQuestions(path.join(DEFAULT_EVAL_ROOT, '..', 'eval', file));
  const byChoice = new Map<RankingWeights, SystemReport>();
  for (const choice of CHOICES) {
    Object.assign(ranking, choice);
    byChoice.set(choice, (await evaluate(archive, questions, DEFAULT_EVAL_ROOT)).systems.product);
  }
  scores.set(file, byChoice);
  for (const [choice, report] of byChoice) process.stdout.write(`${line(`${file} ${describe(choice)}`, report)}\n`);
}

/** Best MRR@10, then R@5; ties go to the simpler choice. */
const chosenOn = (file: string) =>
  [...scores.get(file)!].reduce((best, next) =>
    next[1].mrr > best[1].mrr + 1e-9 || (Math.abs(next[1].mrr - best[1].mrr) < 1e-9 && next[1].r5 > best[1].r5) ? next : best,
  )[0];
for (const [tuned, heldOut] of [FILES, [...FILES].reverse()] as [string, string][]) {
  const choice = chosenOn(tuned);
  process.stdout.write(`\nchosen on ${tuned}: ${describe(choice)}\n`);
  process.stdout.write(`${line(`  ${tuned} (tuned)`, scores.get(tuned)!.get(choice)!)}\n`);
  process.stdout.write(`${line(`  ${heldOut} (held out)`, scores.get(heldOut)!.get(choice)!)}\n`);
}
archive.close();
