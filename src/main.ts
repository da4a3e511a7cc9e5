import { runTerminalChat } from './cli/chat.js';
import { describeReport, indexProgressBar } from './cli/progress.js';
import { loadConfig } from './config.js';
import { createLogger } from './log.js';
import { openArchive } from './search/open-archive.js';

/** `npm start`: the Discord bot when a token is configured, otherwise the terminal chat; both over corpus/. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const archive = await openArchive(config, log);
  const progress = indexProgressBar();
  const report = await archive.reindex([config.CORPUS_DIR], progress.update);
  progress.stop();
  if (report.paragraphsEmbedded > 0 || report.filesRemoved > 0 || report.unreadable.length > 0) {
    // The bot logs it; a person at the terminal reads it as text.
    if (config.DISCORD_TOKEN) log.info({ report: describeReport(report) }, 'brought the index of the corpus folder up to date');
    else process.stderr.write(`Indexed ${config.CORPUS_DIR}:\n${describeReport(report)}\n`);
  }
  if (config.DISCORD_TOKEN) {
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
  await runTerminalChat(archive);
  archive.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
