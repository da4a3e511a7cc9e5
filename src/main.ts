import { Command } from 'commander';
import { runTerminalChat } from './cli/chat.js';
import { describeReport, indexProgressBar } from './cli/progress.js';
import { cliSettings, INDEXER_SKIP_MESSAGE } from './cli/setup.js';
import { chatReason, startLine, type StartMode } from './cli/startup.js';
import { loadConfig, readEnvFile } from './config.js';
import { IndexBusyError } from './index/errors.js';
import { shownPath } from './remedies.js';
import { openArchive } from './archive/open-archive.js';

/**
 * `npm start`: the Discord bot when a token is configured (environment or .env), otherwise the terminal chat;
 * both over the index folder, after bringing it up to date with the corpus folder.
 */
async function start(options: { indexDir?: string }): Promise<void> {
  const chat = !loadConfig().DISCORD_TOKEN;
  // The chat prints the indexing report as text, skipped files included: the indexer's own line for each would repeat it.
  const { config, log } = cliSettings(options.indexDir, chat ? { omit: [INDEXER_SKIP_MESSAGE] } : {});
  const mode: StartMode = chat ? { mode: 'chat', reason: chatReason(readEnvFile()) } : { mode: 'bot' };
  const archive = await openArchive(config, log);
  const progress = indexProgressBar();
  let indexedElsewhere = false;
  try {
    const report = await archive.reindex([config.CORPUS_DIR], progress.update);
    progress.stop();
    if (report.paragraphsEmbedded > 0 || report.filesRemoved > 0 || report.unreadable.length > 0) {
      // The bot logs it; a person at the terminal reads it as text.
      if (mode.mode === 'bot') log.info({ report: describeReport(report) }, 'brought the index of the corpus folder up to date');
      else process.stderr.write(`Indexed ${shownPath(config.CORPUS_DIR)}:\n${describeReport(report)}\n`);
    }
  } catch (error) {
    progress.stop();
    if (!(error instanceof IndexBusyError)) {
      archive.close();
      throw error;
    }
    // Readers need no lock: answer from what that run has committed so far, which grows as it goes.
    indexedElsewhere = true;
    process.stderr.write(
      `Another process is indexing ${shownPath(config.INDEX_DIR)}, so ${shownPath(config.CORPUS_DIR)} is not indexed at start-up; ` +
        'answers come from what that run has committed so far.\n',
    );
  }
  process.stderr.write(`${startLine(mode, config.INDEX_DIR, archive.stats(), { indexedElsewhere })}\n`);

  if (mode.mode === 'bot') {
    const { startBot } = await import('./bot/start.js');
    const bot = await startBot({ config, archive, log });
    const shutdown = async () => {
      await bot.stop();
      archive.close();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    return;
  }
  await runTerminalChat(archive, { indexDir: config.INDEX_DIR, indexedElsewhere });
  archive.close();
}

const program = new Command('start')
  .description('Runs the Discord bot when DISCORD_TOKEN is set (in the environment or .env), else the terminal chat')
  .option('--index-dir <dir>', 'index folder (default: INDEX_DIR, else embeddings/)')
  .action((options: { indexDir?: string }) =>
    start(options).catch((error: unknown) => {
      process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }),
  );

await program.parseAsync(process.argv.slice(2), { from: 'user' });
