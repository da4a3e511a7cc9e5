import { Command, InvalidArgumentError } from 'commander';
import { formatForTerminal } from '../answer/terminal.js';
import type { SearchResult } from '../search/types.js';
import { openCliArchive, runCommand } from './setup.js';

/** The `--json` contract other tools read: exactly these fields, one object on stdout. */
export function toJson(result: SearchResult): string {
  return JSON.stringify({
    question: result.question,
    results: result.hits.map((hit) => ({
      rank: hit.rank,
      score: Number(hit.score.toFixed(6)),
      text: hit.text,
      source: hit.meta.path,
      paragraph: hit.paragraph,
      country: hit.meta.country,
      countryName: hit.meta.countryName,
      speaker: hit.meta.speaker,
      body: hit.meta.body,
      year: hit.meta.year,
      meeting: hit.meta.meeting,
      organizations: hit.organizations,
    })),
  });
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new InvalidArgumentError('expected a whole number from 1 to 100');
  return n;
}

const program = new Command('ask')
  .description('Print the paragraphs that best answer a question, quoted exactly, with their sources')
  .argument('<question>', 'the question, in quotes')
  .option('--k <n>', 'how many passages', positiveInteger, 5)
  .option('--index-dir <dir>', 'index folder')
  .option('--json', 'print one JSON object')
  .action((question: string, options: { k: number; indexDir?: string; json?: boolean }) =>
    runCommand(async () => {
      if (!question.trim()) throw new Error('the question is empty');
      const { archive } = await openCliArchive(options.indexDir);
      try {
        if (archive.stats().paragraphs === 0) throw new Error('the index is empty: run `npm run index` first');
        const result = await archive.search(question, { k: options.k });
        process.stdout.write(options.json ? `${toJson(result)}\n` : `${formatForTerminal(result)}\n`);
      } finally {
        archive.close();
      }
    }),
  );

await program.parseAsync();
