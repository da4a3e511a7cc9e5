import { Command } from 'commander';
import { describeReport, indexProgressBar } from './progress.js';
import { openCliArchive, runCommand } from './setup.js';

const program = new Command('index')
  .description('Index statement files or folders (default: corpus/) into the index folder (default: embeddings/)')
  .argument('[paths...]', 'statement files or folders')
  .option('--index-dir <dir>', 'index folder')
  .action((paths: string[], options: { indexDir?: string }) =>
    runCommand(async () => {
      const { config, archive } = await openCliArchive(options.indexDir);
      const progress = indexProgressBar();
      try {
        const report = await archive.reindex(paths.length > 0 ? paths : [config.CORPUS_DIR], progress.update);
        progress.stop();
        process.stdout.write(`${describeReport(report)}\n`);
      } finally {
        progress.stop();
        archive.close();
      }
    }),
  );

await program.parseAsync();
