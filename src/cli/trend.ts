import { Command } from 'commander';
import { formatCountedForTerminal, formatTrendForTerminal } from '../answer/trend.js';
import type { Archive } from '../archive/archive.js';
import { isRefusal } from '../answer/requests.js';
import type { Trend } from '../search/trend.js';
import { countryNamer } from '../archive/country-lookup.js';
import { commandLineFrontEnd, openCliArchive, runCommand } from './setup.js';
import { runTrend, trendJson, writeTrendChart, yearArgument } from './trend-runs.js';

const program = new Command('trend')
  .description('Year by year, the share of General Debate statements that name a topic, with the first and peak years quoted')
  .argument('<topic>', 'words, a name or an organization, in quotes: "climate change", CICA')
  .option('--from <year>', 'first year charted', yearArgument)
  .option('--to <year>', 'last year charted', yearArgument)
  .option('--country <name>', "only this country's statements (name or code)")
  .option('--png <file>', 'write the chart to this PNG file')
  .option('--recount <year>', "list that year's statements counted, each with the sentence that names the topic", yearArgument)
  .option('--index-dir <dir>', 'index folder')
  .option('--json', 'print one JSON object')
  .action(
    (
      topic: string,
      options: { from?: number; to?: number; country?: string; png?: string; recount?: number; indexDir?: string; json?: boolean },
    ) =>
      runCommand(async () => {
        const { config, archive } = await openCliArchive(options.indexDir);
        try {
          const run = await runTrend(archive, commandLineFrontEnd(config.INDEX_DIR), { ...options, topic });
          if (isRefusal(run)) throw new Error(run.refusal);
          const png = options.png ? writeTrendChart(archive, run.trend, options.png) : null;
          const text =
            options.recount !== undefined
              ? recount(archive, run.trend, options.recount)
              : options.json
                ? trendJson(run.trend, png)
                : formatTrendForTerminal(run.trend, { pngPath: png, countryName: countryNamer(archive) });
          process.stdout.write(`${text}\n`);
        } finally {
          archive.close();
        }
      }),
  );

/** Every statement a year counted, with the sentence that made it count. */
function recount(archive: Archive, trend: Trend, year: number): string {
  const counted = archive.countedStatements({ topic: trend.topic, ...(trend.country ? { country: trend.country } : {}) }, year, {
    k: Number.MAX_SAFE_INTEGER,
    offset: 0,
  });
  const statements = trend.years.find((y) => y.year === year)?.statements ?? 0;
  return formatCountedForTerminal(trend, counted, statements, countryNamer(archive));
}

await program.parseAsync(process.argv.slice(2), { from: 'user' });
