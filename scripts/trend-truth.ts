/**
 * `npx tsx scripts/trend-truth.ts [--index-dir DIR] [--topics "a,b,c"] [--samples N]`: checks /trend's counts
 * against the plainest reference a reader could redo: a General Debate statement that contains the topic's own
 * words (case folded, whole words), read from the statement files themselves, not from the index. Prints, per
 * topic and year, the literal share beside the product's, says whether any year falls below the literal share,
 * and shows a sample of the statements the product counts beyond the literal words (a plural, "climatic", words
 * in another order), each with the sentence that made it count, for a reader to judge. Changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { decodeStatementBytes } from '../src/corpus/decode.js';
import { openCliArchive } from '../src/cli/setup.js';
import { GENERAL_DEBATE, sentenceNaming, share } from '../src/search/trend.js';

/** Topics of several kinds: several words, a name, an acronym, a word with a common other sense. */
const TOPICS = [
  'climate change',
  'piracy',
  'HIV/AIDS',
  'chemical weapons',
  'COVID-19',
  'nuclear disarmament',
  'Sustainable Development Goals',
  'sea level rise',
  'terrorism',
  'refugees',
  'Ebola',
  'apartheid',
  'water',
  'climate',
  'CICA',
];

const options = new Command('trend-truth')
  .option('--index-dir <dir>', 'index folder (default: the configured one)')
  .option('--topics <list>', 'comma-separated topics', (v: string) =>
    v
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  )
  .option('--samples <n>', 'statements counted beyond the literal words shown per topic', (v: string) => Number(v), 3)
  .parse()
  .opts<{ indexDir?: string; topics?: string[]; samples: number }>();

/** The topic's own words as a case-folded, whole-word pattern: spaces may be any run of whitespace. */
function literalPattern(topic: string): RegExp {
  const escaped = topic
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu');
}

/** The General Debate statements the index holds, with their year and text, read from their files. */
function generalDebateStatements(paths: string[]): { path: string; year: number; text: string }[] {
  return paths.flatMap((file) => {
    const year = /[\\/]ungdc[\\/](\d{4})[\\/]/.exec(file)?.[1];
    if (!year || !fs.existsSync(file)) return [];
    const decoded = decodeStatementBytes(fs.readFileSync(file));
    return 'text' in decoded ? [{ path: file, year: Number(year), text: decoded.text }] : [];
  });
}

const { archive } = await openCliArchive(options.indexDir);
try {
  const statements = generalDebateStatements(archive.index.store.statements.all().map((s) => s.path));
  process.stdout.write(`${archive.index.dir}: ${statements.length} General Debate statements\n`);
  let yearsBelow = 0;
  for (const topic of options.topics ?? TOPICS) {
    const trend = await archive.trend({ topic });
    const pattern = literalPattern(topic);
    const literal = new Map<number, Set<string>>();
    for (const s of statements) if (pattern.test(s.text)) literal.set(s.year, (literal.get(s.year) ?? new Set()).add(path.resolve(s.path)));
    const below = trend.years.filter((y) => y.addressing < (literal.get(y.year)?.size ?? 0));
    yearsBelow += below.length;
    const literalTotal = [...literal.values()].reduce((n, set) => n + set.size, 0);
    const productTotal = trend.years.reduce((n, y) => n + y.addressing, 0);
    process.stdout.write(
      `\n## ${topic} (${trend.evidence.kind}): ${productTotal} statements counted, ${literalTotal} contain the words; years below the literal share: ${below.length}\n`,
    );
    process.stdout.write('year   literal            product\n');
    for (const y of trend.years) {
      const n = literal.get(y.year)?.size ?? 0;
      const pct = (a: number) => `${a}/${y.statements} (${Math.round((100 * a) / Math.max(1, y.statements))}%)`.padEnd(18);
      process.stdout.write(`${y.year}   ${pct(n)} ${pct(y.addressing)}${share(y) < n / Math.max(1, y.statements) ? '  BELOW' : ''}\n`);
    }
    // Statements counted beyond the literal words: a sample, latest years first, with the sentence that counted.
    const beyond: string[] = [];
    for (const y of [...trend.years].reverse()) {
      if (beyond.length >= options.samples) break;
      const counted = archive.countedStatements({ topic }, y.year, { k: 1_000, offset: 0 });
      for (const hit of counted.hits) {
        if (beyond.length >= options.samples) break;
        if (literal.get(y.year)?.has(path.resolve(hit.meta.path))) continue;
        beyond.push(
          `  ${hit.meta.countryName ?? hit.meta.country} ${y.year} ¶${hit.paragraph}: “${sentenceNaming(hit.text, trend.evidence).slice(0, 300)}”`,
        );
      }
    }
    process.stdout.write(
      `counted beyond the literal words (sample): ${beyond.length === 0 ? 'none' : ''}\n${beyond.join('\n')}${beyond.length ? '\n' : ''}`,
    );
    if (trend.firstMention?.hits[0]) {
      const first = trend.firstMention.hits[0];
      process.stdout.write(
        `first mention: ${first.meta.countryName} ${trend.firstMention.year} ¶${first.paragraph}: “${sentenceNaming(first.text, trend.evidence).slice(0, 300)}”\n`,
      );
    }
  }
  process.stdout.write(`\nYears below the literal share, all topics: ${yearsBelow} (body: ${GENERAL_DEBATE})\n`);
} finally {
  archive.close();
}
