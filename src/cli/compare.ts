import { Command, InvalidArgumentError } from 'commander';
import { formatComparisonForTerminal } from '../answer/compare.js';
import { stripInvisible } from '../corpus/text.js';
import { countryNamer } from '../archive/country-lookup.js';
import { emptyIndexMessage } from '../remedies.js';
import { openCliArchive, runCommand } from './setup.js';
import { comparisonJson, runCompare, yearArgument } from './trend-runs.js';

function paragraphsArgument(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 20) throw new InvalidArgumentError('expected a whole number from 1 to 20');
  return n;
}

/** Terminal width when printing to one, else a width that reads well in a file or a pipe. */
const WIDTH = Math.max(60, process.stdout.columns ?? 120);

const program = new Command('compare')
  .description("Two countries' best paragraphs on a topic, side by side, quoted exactly with their sources")
  .argument('<a>', 'the first country (name or code; in quotes when it has spaces)')
  .argument('<b>', 'the second country')
  .argument('<topic>', 'the topic, in quotes')
  .option('--year <year>', "that year's statements first", yearArgument)
  .option('--k <n>', 'paragraphs per country', paragraphsArgument, 3)
  .option('--index-dir <dir>', 'index folder')
  .option('--json', 'print one JSON object')
  .action((a: string, b: string, topic: string, options: { year?: number; k: number; indexDir?: string; json?: boolean }) =>
    runCommand(async () => {
      const { config, archive } = await openCliArchive(options.indexDir);
      try {
        if (archive.stats().paragraphs === 0) throw new Error(emptyIndexMessage(config.INDEX_DIR));
        const request = { topic: stripInvisible(topic), countries: [stripInvisible(a), stripInvisible(b)] as [string, string], k: options.k, ...(options.year !== undefined ? { year: options.year } : {}) };
        const run = await runCompare(archive, request, config.INDEX_DIR);
        if ('problem' in run) throw new Error(run.problem);
        const text = options.json
          ? comparisonJson(archive, run.comparison, options.k)
          : formatComparisonForTerminal(run.comparison, { k: options.k, width: WIDTH, countryName: countryNamer(archive) });
        process.stdout.write(`${text}\n`);
      } finally {
        archive.close();
      }
    }),
  );

await program.parseAsync(process.argv.slice(2), { from: 'user' });
