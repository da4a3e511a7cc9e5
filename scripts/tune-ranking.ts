/**
 * `npx tsx scripts/tune-ranking.ts [--index-dir DIR] [--raise]`: chooses the ranking's parameters (lexical weight,
 * and how many of the dense model's best paragraphs lexical evidence may not bury) on one question file and
 * reports the other as held out, both ways, so the numbers in docs/retrieval.md say how much of them is tuning. `--raise`
 * chooses instead what a paragraph gains within a country and within a year the question may mean (the rest as shipped), over the two
 * dev files and scripts/eval/speakers.jsonl, each held out for the choice made on the other two. Reads an
 * existing evaluation index (build it with `npm run eval -- --questions ../shared/eval/dev.jsonl`); changes nothing.
 */
import path from 'node:path';
import { Command } from 'commander';
import { DEFAULT_EVAL_INDEX, DEFAULT_EVAL_ROOT } from '../src/evaluation/corpus.js';
import { evaluate, readQuestions } from '../src/evaluation/evaluate.js';
import type { RankingWeights } from '../src/embed/models.js';
import type { SystemReport } from '../src/evaluation/scoring.js';
import { openCliArchive } from '../src/cli/setup.js';
import { projectRoot } from '../src/config.js';

const WEIGHTS = [0, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12];
const DENSE_KEPT = [0, 1, 2, 3];
/** 1 stands for a filter: no paragraph outside the limits outranks one within them. */
const RAISES = [0, 0.01, 0.02, 0.03, 0.05, 0.08, 1];
const describe = (r: RankingWeights) =>
  `lexical ${r.lexicalWeight}, dense kept ${r.denseKept}, raise country ${r.raise.country} year ${r.raise.year}`;
const DEV_FILES = ['dev.jsonl', 'dev2.jsonl'].map((f) => path.join(DEFAULT_EVAL_ROOT, '..', 'eval', f));
const SPEAKER_FILE = path.join(projectRoot, 'scripts', 'eval', 'speakers.jsonl');

const options = new Command('tune-ranking')
  .option('--index-dir <dir>', 'evaluation index', DEFAULT_EVAL_INDEX)
  .option('--raise', 'choose the raise within limits the question may mean, over three files')
  .parse()
  .opts<{ indexDir: string; raise?: boolean }>();

const { archive } = await openCliArchive(options.indexDir);
const ranking = archive.embedder.ranking;
/** Every combination, simplest first (ties go to the earlier one). */
const CHOICES: RankingWeights[] = options.raise
  ? RAISES.flatMap((country) => RAISES.map((year) => ({ ...ranking, raise: { country, year } })))
  : DENSE_KEPT.flatMap((denseKept) => WEIGHTS.map((lexicalWeight) => ({ ...ranking, lexicalWeight, denseKept })));
const FILES = options.raise ? [...DEV_FILES, SPEAKER_FILE] : DEV_FILES;
const scores = new Map<string, Map<RankingWeights, SystemReport>>();
const f = (x: number) => x.toFixed(3);
const line = (label: string, r: SystemReport) =>
  `${label.padEnd(52)} R@1 ${f(r.r1)}  R@5 ${f(r.r5)}  R@10 ${f(r.r10)}  MRR@10 ${f(r.mrr)}  paraphrase R@5 ${f(r.byKind['paraphrase']?.r5 ?? 0)}`;

for (const file of FILES) {
  const questions = readQuestions(file);
  const byChoice = new Map<RankingWeights, SystemReport>();
  for (const choice of CHOICES) {
    Object.assign(ranking, choice);
    byChoice.set(choice, (await evaluate(archive, questions, DEFAULT_EVAL_ROOT)).systems.product);
  }
  scores.set(file, byChoice);
  for (const [choice, report] of byChoice) process.stdout.write(`${line(`${path.basename(file)} ${describe(choice)}`, report)}\n`);
}

/** Summed over the files: best MRR@10, then R@5; ties go to the simpler choice. */
const summed = (files: string[]) =>
  new Map(
    CHOICES.map((choice) => {
      const reports = files.map((f) => scores.get(f)!.get(choice)!);
      return [choice, { mrr: reports.reduce((n, r) => n + r.mrr, 0), r5: reports.reduce((n, r) => n + r.r5, 0) }] as const;
    }),
  );
const chosenOn = (files: string[]) =>
  [...summed(files)].reduce((best, next) =>
    next[1].mrr > best[1].mrr + 1e-9 || (Math.abs(next[1].mrr - best[1].mrr) < 1e-9 && next[1].r5 > best[1].r5) ? next : best,
  )[0];
const name = (file: string) => path.basename(file);
for (const heldOut of FILES) {
  const tuned = FILES.filter((f) => f !== heldOut);
  const choice = chosenOn(tuned);
  process.stdout.write(`\nchosen on ${tuned.map(name).join(' + ')}: ${describe(choice)}\n`);
  for (const file of tuned) process.stdout.write(`${line(`  ${name(file)} (tuned)`, scores.get(file)!.get(choice)!)}\n`);
  process.stdout.write(`${line(`  ${name(heldOut)} (held out)`, scores.get(heldOut)!.get(choice)!)}\n`);
}
archive.close();
