/**
 * `npx tsx scripts/confidence-check.ts [--index-dir DIR] [--questions FILE]`: asks every question of FILE (default
 * scripts/eval/off-topic.txt, one per line, `#` comments) and says which the product answers with quotes instead
 * of "nothing matches well", with its best paragraph's similarity. Over questions no statement answers, the
 * product should decline every one; how often it declines over answers it ranks well is `npm run eval`'s last line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { openCliArchive } from '../src/cli/setup.js';
import { projectRoot } from '../src/config.js';
import { DEFAULT_EVAL_INDEX } from '../src/evaluation/corpus.js';

const options = new Command('confidence-check')
  .option('--index-dir <dir>', 'index folder', DEFAULT_EVAL_INDEX)
  .option('--questions <file>', 'questions no statement answers', path.join(projectRoot, 'scripts', 'eval', 'off-topic.txt'))
  .parse()
  .opts<{ indexDir: string; questions: string }>();

const questions = fs
  .readFileSync(options.questions, 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));
const { archive } = await openCliArchive(options.indexDir);
const answered: string[] = [];
for (const question of questions) {
  const result = await archive.search(question, { k: 3 });
  const best = result.hits[0];
  if (!result.confident || !best) continue;
  answered.push(
    `  ${question}\n    → ${best.similarity.toFixed(3)} ${path.basename(best.meta.path)} ¶${best.paragraph}: ${best.text.slice(0, 100)}`,
  );
}
archive.close();
process.stdout.write(`${options.questions}: "nothing matches well" for ${questions.length - answered.length} of ${questions.length}\n`);
if (answered.length > 0) process.stdout.write(`answered with quotes:\n${answered.join('\n')}\n`);
