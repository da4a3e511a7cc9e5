import path from 'node:path';
import { Command } from 'commander';
import { DEFAULT_EVAL_INDEX, DEFAULT_EVAL_ROOT, EVALUATION_FOLDERS } from '../evaluation/corpus.js';
import { evaluate, formatEvaluation, readQuestions } from '../evaluation/evaluate.js';
import { describeReport, indexProgressBar } from './progress.js';
import { openCliArchive, runCommand } from './setup.js';

const program = new Command('eval')
  .description('Score retrieval on a question file: the product against lexical-only and dense-only search')
  .requiredOption('--questions <file>', 'questions in the JSON Lines format of ../shared/eval/README.md')
  .option('--root <dir>', 'folder the gold `doc` paths are relative to', DEFAULT_EVAL_ROOT)
  .option('--index-dir <dir>', 'index folder', DEFAULT_EVAL_INDEX)
  .option('--no-index', 'score the index as it is, without bringing the evaluation corpus up to date in it first (the whole archive)')
  .option('--json', 'print one JSON object')
  .action((options: { questions: string; root: string; indexDir: string; index: boolean; json?: boolean }) =>
    runCommand(async () => {
      const questions = readQuestions(options.questions);
      const root = path.resolve(options.root);
      const { archive } = await openCliArchive(options.indexDir);
      try {
        if (options.index) {
          const progress = indexProgressBar();
          const indexed = await archive.reindex(
            EVALUATION_FOLDERS.map((f) => path.join(root, f)),
            progress.update,
          );
          progress.stop();
          if (indexed.paragraphsEmbedded > 0 || indexed.filesRemoved > 0) process.stderr.write(`${describeReport(indexed)}\n`);
        }

        const report = await evaluate(archive, questions, root);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(report)}\n`);
          return;
        }
        process.stdout.write(`${formatEvaluation(report)}\n\n`);
        for (const q of report.questions) {
          const rank = (r: number | null) => String(r ?? '-').padStart(2);
          process.stdout.write(`${q.id.padEnd(8)} product ${rank(q.rank)}  lexical ${rank(q.lexicalRank)}  dense ${rank(q.denseRank)}\n`);
        }
      } finally {
        archive.close();
      }
    }),
  );

await program.parseAsync();
