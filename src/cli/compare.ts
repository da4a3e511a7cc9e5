import { Command, InvalidArgumentError } from 'commander';
import { formatComparisonForTerminal } from '../answer/compare.js';
import { isRefusal } from '../answer/requests.js';
import { countryNamer } from '../archive/country-lookup.js';
import { commandLineFrontEnd, openCliArchive, runCommand } from './setup.js';
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
        const run = await runCompare(
          archive,
          commandLineFrontEnd(config.INDEX_DIR),
          { topic, countries: [a, b], year: options.year },
          options.k,
        );
        if (isRefusal(run)) throw new Error(run.refusal);
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
