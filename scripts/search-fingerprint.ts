/**
 * Writes what search answers for every dev question (ids, scores, cosines, confidence, limits read; first page and
 * second page; a country lookup with a topic) as JSON, so a change made for speed can be shown to leave results as
 * they were: run it before and after, then compare the files (`cmp`, or `--compare A B` for a readable summary).
 * The index is opened read-only. Questions run in order, cold then again warm, so a cache that answers
 * differently the second time shows up too.
 *
 *   npx tsx scripts/search-fingerprint.ts --index-dir DIR --out FILE [--src ROOT]
 *   npx tsx scripts/search-fingerprint.ts --compare A.json B.json
 *
 * --src: another checkout's root whose src/ to run (e.g. a copy of the tree before the change).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../src/config.js';
import { devQuestions, option } from './bench-common.js';

const args = process.argv.slice(2);

if (args[0] === '--compare') {
  const read = (f: string) => JSON.parse(fs.readFileSync(f, 'utf8')) as Record<string, unknown>;
  const a = read(args[1]!);
  const b = read(args[2]!);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const differing = keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  process.stdout.write(`${keys.length - differing.length} of ${keys.length} answers identical\n`);
  for (const k of differing.slice(0, 20))
    process.stdout.write(`differs: ${k}\n  ${JSON.stringify(a[k]).slice(0, 300)}\n  ${JSON.stringify(b[k]).slice(0, 300)}\n`);
  process.exit(differing.length > 0 ? 1 : 0);
}

const indexDir = option(args, 'index-dir');
const out = option(args, 'out');
if (!indexDir || !out) {
  process.stderr.write('usage: npx tsx scripts/search-fingerprint.ts --index-dir DIR --out FILE [--src ROOT] | --compare A B\n');
  process.exit(2);
}
const root = path.resolve(option(args, 'src') ?? projectRoot);
const load = <T>(file: string): Promise<T> => import(pathToFileURL(path.join(root, 'src', file)).href) as Promise<T>;
const { loadConfig } = await load<typeof import('../src/config.js')>('config.ts');
const { createLogger } = await load<typeof import('../src/log.js')>('log.ts');
const { openArchive } = await load<typeof import('../src/archive/open-archive.js')>('search/open-archive.ts');

const archive = await openArchive({ ...loadConfig(), INDEX_DIR: path.resolve(indexDir) }, createLogger('warn'));
type Result = Awaited<ReturnType<typeof archive.search>>;
const digest = (r: Result) => ({
  filters: r.filters,
  confident: r.confident,
  hits: r.hits.map((h) => [h.id, h.rank, h.score, h.similarity]),
});
const answers: Record<string, unknown> = {};
const questions = devQuestions();
for (const pass of ['cold', 'warm']) {
  for (const q of questions) {
    answers[`${pass} ${q}`] = digest(await archive.search(q, { k: 10 }));
    answers[`${pass} page 2 ${q}`] = digest(await archive.search(q, { k: 5, offset: 5 }));
  }
}
for (const [country, topic] of [
  ['KAZ', 'nuclear tests'],
  ['FJI', 'sea level rise'],
  ['FRA', 'climate finance'],
] as const) {
  answers[`byCountry ${country} ${topic}`] = digest(await archive.byCountry(country, { topic, k: 10 }));
}
fs.writeFileSync(out, JSON.stringify(answers, null, 1));
process.stdout.write(`${Object.keys(answers).length} answers from ${root}/src written to ${out}\n`);
archive.close();
process.exit(0);
