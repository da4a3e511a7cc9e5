import path from 'node:path';
import { loadConfig, type Config } from '../config.js';
import { createLogger, type Logger } from '../log.js';
import { openArchive, type IndexedArchive } from '../search/open-archive.js';

export interface CliContext {
  config: Config;
  log: Logger;
  archive: IndexedArchive;
}

/** Config from the environment with the command line's `--index-dir` on top, and the archive it names. */
export async function openCliArchive(indexDir: string | undefined): Promise<CliContext> {
  const base = loadConfig();
  const config = indexDir ? { ...base, INDEX_DIR: path.resolve(indexDir) } : base;
  const log = createLogger(config.LOG_LEVEL);
  return { config, log, archive: await openArchive(config, log) };
}

/** Runs a command's body, turning a thrown error into one readable line and exit code 1. */
export async function runCommand(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
