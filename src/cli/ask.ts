import { Command, InvalidArgumentError, type CommanderError } from 'commander';
import { isRefusal, readAsk, readQuestion } from '../answer/requests.js';
import { formatForTerminal } from '../answer/terminal.js';
import type { SearchResult } from '../search/types.js';
import { hitJson } from './json.js';
import { commandLineFrontEnd, openCliArchive, runCommand } from './setup.js';

/** The `--json` contract other tools read: exactly these fields, one object on stdout. */
export function toJson(result: SearchResult): string {
  return JSON.stringify({
    question: result.question,
    results: result.hits.map(hitJson),
  });
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new InvalidArgumentError('expected a whole number from 1 to 100');
  return n;
}

/**
 * Errors that a question out of place causes: one starting with "-" read as an option, none at all, or options
 * written after "--", where everything is the question.
 */
const QUESTION_READ_AS_OPTION = new Set(['commander.unknownOption', 'commander.missingArgument', 'commander.excessArguments']);

function explainWhereQuestionsGo(error: CommanderError): void {
  if (QUESTION_READ_AS_OPTION.has(error.code)) {
    process.stderr.write(
      'Put the question in quotes, after the options; one that starts with "-" goes after "--", as in: npm run ask -- --json -- "-x peace"\n',
    );
  }
}

/** Whether an argument is one of the command's options ("--k=3" and the help flags included). */
function namesAnOption(command: Command, argument: string): boolean {
  const flag = argument.split('=')[0]!;
  return command
    .createHelp()
    .visibleOptions(command)
    .some((option) => option.long === flag || option.short === flag);
}

/** A lone argument that names no option is the question, even when it starts with "-" ("-x peace"). */
function withLoneQuestion(command: Command, args: string[]): string[] {
  return args.length === 1 && !namesAnOption(command, args[0]!) ? ['--', args[0]!] : args;
}

const program = new Command('ask')
  .description('Print the paragraphs that best answer a question, quoted exactly, with their sources')
  .argument('<question>', 'the question, in quotes (after "--" when it starts with "-")')
  .option('--k <n>', 'how many passages', positiveInteger, 5)
  .option('--index-dir <dir>', 'index folder')
  .option('--json', 'print one JSON object')
  .exitOverride(explainWhereQuestionsGo)
  .action((typed: string, options: { k: number; indexDir?: string; json?: boolean }) =>
    runCommand(async () => {
      // Read before the index opens: a question that cannot be asked never waits for the model to load.
      const question = readQuestion(typed);
      if (isRefusal(question)) throw new Error(question.refusal);
      const { config, archive } = await openCliArchive(options.indexDir);
      try {
        const asked = readAsk(archive, commandLineFrontEnd(config.INDEX_DIR), { question });
        if (isRefusal(asked)) throw new Error(asked.refusal);
        const result = await archive.search(asked.question, { k: options.k });
        process.stdout.write(options.json ? `${toJson(result)}\n` : `${formatForTerminal(result)}\n`);
      } finally {
        archive.close();
      }
    }),
  );

await program.parseAsync(withLoneQuestion(program, process.argv.slice(2)), { from: 'user' });
