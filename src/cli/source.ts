import readline from 'node:readline';
import { Command } from 'commander';
import { isRefusal, readQuote } from '../answer/requests.js';
import { formatSourceForTerminal, sourceJson } from '../answer/source.js';
import type { Archive } from '../archive/archive.js';
import { commandLineFrontEnd, openCliArchive, runCommand } from './setup.js';

/** Checks every line of standard input as one quote, printing one JSON object per line (a researcher's whole article). */
async function checkEachLine(archive: Archive, indexDir: string): Promise<void> {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const quote = readQuote(archive, commandLineFrontEnd(indexDir), line);
    const json = isRefusal(quote) ? { text: line, refusal: quote.refusal } : sourceJson(await archive.findSource(quote));
    process.stdout.write(`${JSON.stringify(json)}\n`);
  }
}

const program = new Command('source')
  .description('Say who really said a quote, where, and whether its words are right; with no quote, check each line of standard input')
  .argument('[quote]', 'the quote, in quotes; words around it may say who said it ("As Nigeria said: ...")')
  .option('--index-dir <dir>', 'index folder')
  .option('--json', 'print one JSON object')
  .action((typed: string | undefined, options: { indexDir?: string; json?: boolean }) =>
    runCommand(async () => {
      const { config, archive } = await openCliArchive(options.indexDir);
      try {
        if (typed === undefined) return await checkEachLine(archive, config.INDEX_DIR);
        const quote = readQuote(archive, commandLineFrontEnd(config.INDEX_DIR), typed);
        if (isRefusal(quote)) throw new Error(quote.refusal);
        const finding = await archive.findSource(quote);
        process.stdout.write(options.json ? `${JSON.stringify(sourceJson(finding))}\n` : `${formatSourceForTerminal(finding)}\n`);
      } finally {
        archive.close();
      }
    }),
  );

await program.parseAsync(process.argv.slice(2), { from: 'user' });
