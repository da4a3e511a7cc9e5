/**
 * Cold start, as `npm run bench` runs it in a new process: from nothing to the first answer on an index that
 * already exists (opened read-only: nothing is written, no lock is taken).
 *
 *   npx tsx scripts/cold-start.ts --index-dir DIR [--json] [--question "..."]
 *
 * Times: the model loaded (worker threads, ONNX sessions), the index opened (database, saved graph), the first
 * answer (a country-limited question by default: its exact search reads every vector into memory once, the
 * worst first answer), and a second, unlimited question. Process start and module loading count as well: the
 * clock starts at the process's own start (performance.timeOrigin).
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
// `cold-start.ts DIR` still works, as the older benchmark called it.
const indexDir = option('index-dir') ?? args.find((a) => !a.startsWith('--'));
if (!indexDir) {
  process.stderr.write('usage: npx tsx scripts/cold-start.ts --index-dir DIR [--json] [--question TEXT]\n');
  process.exit(2);
}
const firstQuestion = option('question') ?? 'what did Kazakhstan ask the General Assembly?';
const secondQuestion = 'which country proposed a fund for food imports?';

const since = () => performance.now(); // ms since this process started
const importing = since();
const { loadConfig } = await import('../src/config.js');
const { createLogger } = await import('../src/log.js');
const { loadEmbedder, openArchive } = await import('../src/archive/open-archive.js');
const imported = since();
const config = { ...loadConfig(), INDEX_DIR: path.resolve(indexDir) };
const log = createLogger('warn');
const embedder = await loadEmbedder(config, log);
const modelLoaded = since();
const archive = await openArchive(config, log, embedder);
const opened = since();
const first = await archive.search(firstQuestion, { k: 5 });
const answered = since();
await archive.search(secondQuestion, { k: 5 });
const second = since();

const result = {
  totalSeconds: answered / 1000,
  startAndImportMs: imported,
  modulesMs: imported - importing,
  modelMs: modelLoaded - imported,
  openMs: opened - modelLoaded,
  firstAnswerMs: answered - opened,
  secondAnswerMs: second - answered,
  firstAnswerHits: first.hits.length,
  paragraphs: archive.stats().paragraphs,
  peakRssMiB: process.resourceUsage().maxRSS / 1024,
};
archive.close();
if (args.includes('--json')) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  process.stdout.write(
    `${result.totalSeconds.toFixed(2)} s to the first answer (process start + imports ${result.startAndImportMs.toFixed(0)} ms, ` +
      `model ${result.modelMs.toFixed(0)} ms, open index ${result.openMs.toFixed(0)} ms, first answer ${result.firstAnswerMs.toFixed(0)} ms); ` +
      `second answer ${result.secondAnswerMs.toFixed(0)} ms; peak RSS ${result.peakRssMiB.toFixed(0)} MiB\n`,
  );
}
// The embedder's worker threads are unref'd, but say so plainly: a benchmark child must end.
process.exit(0);
