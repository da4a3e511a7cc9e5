/**
 * `npm run bench:source -- --index-dir DIR [--quotes N] [--cli-quotes N]`: how fast "find the source" answers, on an
 * index that already exists (opened read-only). Prints numbers, never assertions:
 *
 *  - /source through the local Discord server (tests/support/discord) and the real discord.js client:
 *    INTERACTION_CREATE → final edit, one quote at a time, over the held-out quotes of scripts/source-check (all
 *    five kinds in turn), after one untimed pass over the first 20;
 *  - `npm run source` over a file of quotes on standard input, in one process: quotes per second, start-up included
 *    and without it (the time to the first answer).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig, projectRoot } from '../src/config.js';
import { on, startHarness } from '../tests/support/discord/harness.js';
import { makeUser, slashCommand, str } from '../tests/support/discord/payloads.js';
import { latencyStats, machineLine, option, peakRssMiB, printer } from './bench-common.js';
import { buildChecks } from './source-check/quotes.js';

const args = process.argv.slice(2);
const indexDir = option(args, 'index-dir');
const quoteCount = Number(option(args, 'quotes') ?? 200);
const cliCount = Number(option(args, 'cli-quotes') ?? 1000);
if (!indexDir) {
  process.stderr.write('usage: npm run bench:source -- --index-dir DIR [--quotes N] [--cli-quotes N]\n');
  process.exit(2);
}
const line = printer(52);

/** Runs `npm run source` over the quotes, one per line: total seconds, and seconds until its first answer. */
function runCli(quotes: string[]): Promise<{ seconds: number; firstAnswer: number; answers: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstAnswer = 0;
    let answers = 0;
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/cli/source.ts'), '--index-dir', indexDir!], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (answers === 0) firstAnswer = (performance.now() - started) / 1000;
      answers += chunk.toString().split('\n').length - 1;
    });
    child.on('error', reject);
    child.on('close', () => resolve({ seconds: (performance.now() - started) / 1000, firstAnswer, answers }));
    child.stdin.end(`${quotes.join('\n')}\n`);
  });
}

process.stdout.write(`${machineLine()}\n`);
const { openArchive } = await import('../src/archive/open-archive.js');
const { createLogger } = await import('../src/log.js');
const archive = await openArchive({ ...loadConfig(), INDEX_DIR: path.resolve(indexDir) }, createLogger('warn'));
const { statements, paragraphs } = archive.stats();
line('index', `${indexDir}: ${statements} statements, ${paragraphs} paragraphs`);
const store = archive.index.store;
const paths = store.statements.all().map((s) => s.path);
const countries = store.statements.countries().map((c) => c.code);
const perKind = Math.ceil(Math.max(quoteCount, cliCount) / 5);
const checks = buildChecks(paths, countries, 'held-out', perKind);
const kinds = [...new Set(checks.map((c) => c.kind))];
// Kinds in turn, so any first N quotes hold all five.
const byKind = kinds.map((kind) => checks.filter((c) => c.kind === kind));
const interleaved = Array.from(
  { length: perKind * kinds.length },
  (_, i) => byKind[i % kinds.length]![Math.floor(i / kinds.length)],
).filter((c) => c !== undefined);

const h = await startHarness({ archive, env: { RATE_LIMIT_QUESTIONS: '1000000' }, logLevel: 'warn' });
try {
  const user = { user: makeUser('bench') };
  const check = async (quote: string): Promise<number> => {
    const started = performance.now();
    const token = h.server.sendInteraction(slashCommand(h.server, h.guild, user, 'source', [str('quote', quote)]));
    await h.server.waitForRequest(on.editOriginal(token), 30_000);
    return performance.now() - started;
  };
  for (const { text } of interleaved.slice(0, 20)) await check(text);
  const times: { kind: string; ms: number }[] = [];
  for (const { kind, text } of interleaved.slice(0, quoteCount)) times.push({ kind, ms: await check(text) });
  line('/source, interaction → final edit', latencyStats(times.map((t) => t.ms)));
  for (const kind of kinds) line(`  ${kind}`, latencyStats(times.filter((t) => t.kind === kind).map((t) => t.ms)));
} finally {
  await h.stop();
  archive.close();
}
const cli = await runCli(interleaved.slice(0, cliCount).map((c) => c.text));
line(
  `npm run source, ${cli.answers} quotes on stdin`,
  `${cli.seconds.toFixed(1)} s: ${(cli.answers / cli.seconds).toFixed(1)} quotes/s with start-up`,
);
line(
  '  after its first answer',
  `${((cli.answers - 1) / (cli.seconds - cli.firstAnswer)).toFixed(1)} quotes/s (first answer at ${cli.firstAnswer.toFixed(1)} s)`,
);
line('peak RSS (bench process)', `${peakRssMiB().toFixed(0)} MiB`);
