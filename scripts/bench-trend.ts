/**
 * `npm run bench:trend -- --index-dir DIR`: /trend and /compare latency, INTERACTION_CREATE → final edit (for
 * /trend, the edit that carries the PNG), through the local Discord server and the real discord.js client, on an
 * index that already exists. The archive's own time and the chart's rendering are measured apart, so the share
 * of each shows. Prints numbers; it is not a timed test.
 *
 *   npm run bench:trend -- --index-dir embeddings/eval-e5
 *   npm run bench:trend -- --index-dir DIR --rounds 3
 */
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { trendChart } from '../src/answer/chart.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { compareCountries } from '../src/archive/compare.js';
import { openArchive } from '../src/archive/open-archive.js';
import { trendShape } from '../src/search/trend.js';
import { on, startHarness } from '../tests/support/discord/harness.js';
import { makeUser, slashCommand, str, type CommandOption } from '../tests/support/discord/payloads.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const indexDir = option('index-dir');
if (!indexDir) {
  process.stderr.write('usage: npm run bench:trend -- --index-dir DIR [--rounds N]\n');
  process.exit(2);
}
const rounds = Number(option('rounds') ?? 2);

/** Topics of every kind: words matched by meaning, names and acronyms matched by their words, broad and rare ones. */
const TOPICS = [
  'climate change',
  'apartheid',
  'CICA',
  'nuclear disarmament',
  'terrorism',
  'the COVID-19 pandemic',
  'sustainable development goals',
  'the question of Palestine',
  'small island developing States',
  'migration and refugees',
  'peacekeeping operations',
  'sea-level rise',
  'gender equality and the empowerment of women',
  'Paris Agreement',
  'NATO',
  'decolonization',
  'HIV/AIDS',
  'reform of the Security Council',
  'landmines',
  'the financial crisis',
];
const COMPARE_TOPICS = ['climate change', 'nuclear energy', 'terrorism', 'reform of the Security Council', 'human rights'];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(52)} ${value}\n`);
const stats = (xs: number[]) =>
  `p50 ${percentile(xs, 50).toFixed(1)} ms, p95 ${percentile(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`;

process.stdout.write(`machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}\n`);
const archive = await openArchive({ ...loadConfig(), INDEX_DIR: path.resolve(indexDir) }, createLogger('warn'));
const { paragraphs, statements, model } = archive.stats();
line('index', `${indexDir}: ${statements} statements, ${paragraphs} paragraphs, ${model}`);
const pairs = archive
  .findCountries('', 8)
  .map((c) => c.code)
  .flatMap((a, i, all) => (i % 2 === 0 && all[i + 1] ? [[a, all[i + 1]!] as [string, string]] : []));

const h = await startHarness({ archive, env: { RATE_LIMIT_QUESTIONS: '1000000' }, logLevel: 'warn' });
try {
  const user = { user: makeUser('bench') };
  const timed = async (name: string, options: CommandOption[]): Promise<{ ms: number; png: boolean }> => {
    const payload = slashCommand(h.server, h.guild, user, name, options);
    const started = performance.now();
    const token = h.server.sendInteraction(payload);
    const edit = await h.server.waitForRequest(on.editOriginal(token), 120_000);
    return { ms: edit.at - started, png: edit.files.some((f) => f.filename.endsWith('.png')) };
  };
  // The first scoped search reads every vector into memory; the first chart loads the fonts. Neither is measured.
  await timed('trend', [str('topic', TOPICS[0]!)]);
  await timed('compare', [str('a', pairs[0]![0]), str('b', pairs[0]![1]), str('topic', COMPARE_TOPICS[0]!)]);

  const trendMs: number[] = [];
  const archiveMs: number[] = [];
  const chartMs: number[] = [];
  let withPng = 0;
  for (let round = 0; round < rounds; round++) {
    for (const topic of TOPICS) {
      const run = await timed('trend', [str('topic', topic)]);
      trendMs.push(run.ms);
      if (run.png) withPng++;
      const started = performance.now();
      const trend = await archive.trend({ topic });
      archiveMs.push(performance.now() - started);
      if (trendShape(trend) === 'chart') {
        const drawing = performance.now();
        trendChart(trend);
        chartMs.push(performance.now() - drawing);
      }
    }
  }
  line('/trend INTERACTION_CREATE → final edit', `${stats(trendMs)}; ${withPng} with a PNG`);
  line('  archive.trend alone, same topics', stats(archiveMs));
  line('  chart (ECharts SVG → resvg PNG) alone', stats(chartMs));

  const compareMs: number[] = [];
  const compareArchiveMs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const [a, b] of pairs) {
      for (const topic of COMPARE_TOPICS) {
        compareMs.push((await timed('compare', [str('a', a), str('b', b), str('topic', topic)])).ms);
        const started = performance.now();
        await compareCountries(archive, { topic, countries: [a, b], k: 7 });
        compareArchiveMs.push(performance.now() - started);
      }
    }
  }
  line(`/compare INTERACTION_CREATE → final edit (${pairs.length} pairs)`, stats(compareMs));
  line('  compareCountries alone, same queries', stats(compareArchiveMs));
} finally {
  await h.stop();
  archive.close();
}
