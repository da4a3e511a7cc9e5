import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../config.js';
import { isCorruption } from '../index/errors.js';
import { setDatabaseAside } from '../index/paragraph-index.js';
import { WriterLock } from '../index/writer-lock.js';
import { createLogger, type Logger, type LoggerOptions } from '../log.js';
import type { FrontEnd } from '../answer/requests.js';
import { emptyIndexMessage, noDatedStatementsMessage, shownPath } from '../remedies.js';
import { openArchive, type IndexedArchive } from '../archive/open-archive.js';

export interface CliSettings {
  config: Config;
  log: Logger;
}

export interface CliContext extends CliSettings {
  archive: IndexedArchive;
}

/** The folder a command works on, remembered so that an error met deep inside a search can name it. */
let indexDirInUse: string | null = null;

/**
 * The indexer's warning for each file it skips (src/index/indexer.ts). The command line prints its report after
 * the run, skipped files and their reasons included, so it leaves this line out rather than say each twice.
 */
export const INDEXER_SKIP_MESSAGE = 'skipped a file';

/** Config from the environment (and .env) with the command line's `--index-dir` on top, and a logger at its level. */
export function cliSettings(indexDir: string | undefined, logOptions: LoggerOptions = {}): CliSettings {
  const base = loadConfig();
  const config = indexDir ? { ...base, INDEX_DIR: path.resolve(indexDir) } : base;
  indexDirInUse = config.INDEX_DIR;
  return { config, log: createLogger(config.LOG_LEVEL, logOptions) };
}

/**
 * The archive the settings name, opened for reading. A command that is there to write (`writing`) takes the
 * folder's write lock first, before the model or the graph is loaded, so that a second indexing run is refused at
 * once; with `rebuild` it then sets the database aside so that everything is indexed again.
 */
export async function openCliArchive(indexDir: string | undefined, writing?: { rebuild: boolean }): Promise<CliContext> {
  const { config, log } = cliSettings(indexDir, writing ? { omit: [INDEXER_SKIP_MESSAGE] } : {});
  const problem = indexFolderProblem(config.INDEX_DIR, Boolean(writing));
  if (problem) throw new Error(problem);
  const lock = writing ? WriterLock.take(config.INDEX_DIR) : null;
  if (lock && writing?.rebuild) {
    try {
      log.warn({ file: setDatabaseAside(lock) }, 'set the index database aside: every statement is read and embedded again');
    } catch (error) {
      lock.release();
      throw error;
    }
  }
  return { config, log, archive: await openArchive(config, log, undefined, lock) };
}

/**
 * Why the index folder cannot serve, before the model loads: a file where the folder should be, or a folder that
 * cannot be made for writing. Named with the cause and what to do.
 */
function indexFolderProblem(indexDir: string, writing: boolean): string | null {
  const shown = shownPath(indexDir);
  if (fs.existsSync(indexDir) && !fs.statSync(indexDir).isDirectory()) {
    return `${shown} is a file, not an index folder: give --index-dir (or INDEX_DIR) a folder, new or made by \`npm run index\``;
  }
  if (!writing || fs.existsSync(indexDir)) return null;
  try {
    fs.mkdirSync(indexDir, { recursive: true });
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return `cannot create the index folder ${shown} (${code}): give --index-dir (or INDEX_DIR) a folder this user may write`;
  }
}

/** Refusals at the command line: the user's words as typed, and the command that fills or dates the index. */
export function commandLineFrontEnd(indexDir: string): FrontEnd {
  return {
    escape: (words) => words,
    emptyIndex: () => emptyIndexMessage(indexDir),
    noDatedStatements: () => noDatedStatementsMessage(indexDir),
    damagedIndex: (refusal) => refusal,
  };
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!isCorruption(error)) return message;
  return `the index in ${indexDirInUse} is damaged (${message}); \`npm run index -- --check --index-dir ${indexDirInUse}\` says where and how to repair it`;
}

/** Runs a command's body, turning a thrown error into one readable line and exit code 1. */
export async function runCommand(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    process.stderr.write(`error: ${describeError(error)}\n`);
    process.exitCode = 1;
  }
}
