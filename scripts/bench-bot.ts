/**
 * `npm run bench:bot`: INTERACTION_CREATE → final edit latency of /ask, through the local Discord server and
 * the real discord.js client, at the full evaluation index (built first if missing, as `npm run bench` does).
 * Questions are the dev questions of ../shared/eval/dev.jsonl. The archive's own search time is measured
 * on the same questions, so the bot's share of the latency shows.
 *
 *   npm run bench:bot                      real archive, evaluation index
 *   npm run bench:bot -- --rounds 3        more samples
 *   npm run bench:bot -- --index DIR       the real archive over an index folder that already exists (no build)
 *   npm run bench:bot -- --fake            the word-overlap test archive (checks the harness, not the search)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig, projectRoot } from '../src/config.js';
import type { Archive } from '../src/search/archive.js';
import { FakeArchive } from '../tests/support/discord/fake-archive.js';
import { on, startHarness } from '../tests/support/discord/harness.js';
import { makeUser, slashCommand, str } from '../tests/support/discord/payloads.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const rounds = option('rounds', 2);
const indexDir = args.includes('--index') ? args[args.indexOf('--index') + 1] : undefined;
const limit = option('questions', 1000);
const SHARED = path.resolve(projectRoot, '..', 'shared');

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(46)} ${value}\n`);
const stats = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} ms, p95 ${percentile(xs, 95).toFixed(1)} ms (n=${xs.length})`;

async function openBenchArchive(): Promise<{ archive: Archive; label: string }> {
  if (flag('fake')) return { archive: FakeArchive.load(), label: 'test archive (word overlap over fixture statements)' };
  // Imported here so --fake works whatever state the real archive's modules are in.
  const { openArchive } = await import('../src/search/open-archive.js');
  const { DEFAULT_EVAL_INDEX, EVALUATION_FOLDERS } = await import('../src/evaluation/corpus.js');
  const { createLogger } = await import('../src/log.js');
  const log = createLogger('warn');
  if (indexDir) {
    const archive = await openArchive({ ...loadConfig(), INDEX_DIR: path.resolve(indexDir) }, log);
    return { archive, label: `${indexDir}, ${archive.stats().paragraphs} paragraphs, ${archive.stats().model}` };
  }
  const archive = await openArchive({ ...loadConfig(), INDEX_DIR: DEFAULT_EVAL_INDEX }, log);
  const report = await archive.reindex(EVALUATION_FOLDERS.map((f) => path.join(SHARED, 'corpus', f)));
  if (report.paragraphsEmbedded > 0) line('built the evaluation index', `${report.paragraphsEmbedded} paragraphs in ${report.seconds.toFixed(0)} s`);
  return { archive, label: `evaluation index, ${archive.stats().paragraphs} paragraphs, ${archive.stats().model}` };
}

const questions = fs
  .readFileSync(path.join(SHARED, 'eval', 'dev.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { question: string }).question)
  .filter((q) => q.length <= 500)
  .slice(0, limit);

process.stdout.write(`machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}\n`);
const { archive, label } = await openBenchArchive();
line('archive', label);
const h = await startHarness({ archive, env: { RATE_LIMIT_QUESTIONS: '1000000' }, logLevel: 'warn' });
try {
  const user = { user: makeUser('bench') };
  const ask = async (question: string): Promise<number> => {
    const payload = slashCommand(h.server, h.guild, user, 'ask', [str('question', question)]);
    const started = performance.now();
    const token = h.server.sendInteraction(payload);
    const edit = await h.server.waitForRequest(on.editOriginal(token), 120_000);
    return edit.at - started;
  };
  for (const q of questions.slice(0, 5)) await ask(q);

  const endToEnd: number[] = [];
  const searchOnly: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const q of questions) endToEnd.push(await ask(q));
    for (const q of questions) {
      const started = performance.now();
      await h.archive.inner.search(q, { k: 3, offset: 0 });
      searchOnly.push(performance.now() - started);
    }
  }
  line(`/ask INTERACTION_CREATE → final edit`, stats(endToEnd));
  line('archive.search alone, same questions', stats(searchOnly));
  line('bot + gateway + REST share (p50 difference)', `${(percentile(endToEnd, 50) - percentile(searchOnly, 50)).toFixed(1)} ms`);
} finally {
  await h.stop();
  archive.close();
}
