import path from 'node:path';
import { projectRoot } from './config.js';
import { rebuildCommand } from './index/errors.js';
import { databaseFileOf, graphWithoutDatabase } from './index/paragraph-index.js';

/**
 * What to run when the index cannot answer, worded in one place for the terminal, the command line and Discord:
 * each message names the folder, the cause and the command that fixes it.
 */

/** The index folder when neither INDEX_DIR nor `--index-dir` names another. */
const DEFAULT_INDEX_DIR = path.join(projectRoot, 'embeddings');

/** A path as a person would type it: relative to the working directory when it lies inside it. */
export function shownPath(file: string, cwd: string = process.cwd()): string {
  const relative = path.relative(cwd, file);
  if (relative === '') return '.';
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** One argument of a shell command, quoted when the shell would split or expand it. */
export function shellArgument(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** `npm run index -- PATH`, with `--index-dir` when the folder is not the default one. */
function indexCommand(indexDir: string, paths: string = 'PATH'): string {
  const folder = path.resolve(indexDir) === DEFAULT_INDEX_DIR ? '' : ` --index-dir ${shellArgument(shownPath(indexDir))}`;
  return `npm run index -- ${paths}${folder}`;
}

const WHAT_PATH_IS =
  'PATH being statement .txt files or folders, such as the UN General Debate Corpus (README.md, "Get the whole archive")';

/** A message written for `error: …` as a sentence of its own: capitalised, with its full stop. */
export function asSentence(message: string): string {
  return `${message.charAt(0).toUpperCase()}${message.slice(1)}${/[.!?]$/.test(message) ? '' : '.'}`;
}

/** How to fill an empty index folder. */
export function fillIndexAdvice(indexDir: string = DEFAULT_INDEX_DIR): string {
  return `fill it with \`${indexCommand(indexDir)}\`, ${WHAT_PATH_IS}`;
}

/** The index holds no paragraph: every question would get "nothing matches well". */
export function emptyIndexMessage(indexDir?: string): string {
  const where = indexDir ? `the index in ${shownPath(indexDir)}` : 'the index';
  const orphan = indexDir ? graphWithoutDatabase(indexDir) : null;
  if (orphan) {
    return (
      `${where} has a saved graph (${shownPath(orphan)}) but no database beside it (${shownPath(databaseFileOf(indexDir!))}), ` +
      `so it holds no statement: index the statements again with \`${indexCommand(indexDir!)}\`, ${WHAT_PATH_IS}`
    );
  }
  return `${where} is empty: ${fillIndexAdvice(indexDir)}`;
}

/** The index is empty because the run filling it has committed nothing yet: nothing to do but wait. */
export function emptyWhileIndexedMessage(indexDir: string): string {
  return `the index in ${shownPath(indexDir)} is still empty: another process is indexing into it, and its statements are answered from as soon as it commits them`;
}

/** /trend and /compare count statements by year, and none has one (the seed statement states none). */
export function noDatedStatementsMessage(indexDir?: string): string {
  const where = indexDir ? `The index in ${shownPath(indexDir)}` : 'The index';
  return (
    `${where} holds no dated statements yet, and /trend and /compare count statements by year: index statements whose ` +
    `files give their year (the General Debate's do, as in ARG_01_1946.txt) with \`${indexCommand(indexDir ?? DEFAULT_INDEX_DIR)}\`.`
  );
}

/** An empty index, told to a member in Discord, who cannot run commands on the bot's machine. */
export const EMPTY_INDEX_IN_DISCORD =
  'No statements are indexed yet, so there is nothing to quote. A moderator can add one (`/statement add`), or ' +
  'whoever runs the bot can index the UN General Debate Corpus into its folder (`npm run index -- PATH`; see "Get ' +
  'the whole archive" in the README).';

/** A damaged database, as a member in Discord reads it: the file and the command are for whoever runs the bot. */
export const DAMAGED_INDEX_IN_DISCORD =
  "The bot's index is damaged, so it answers nothing rather than quote from it wrongly. Whoever runs the bot can " +
  'rebuild it: its log, and `npm run index -- --check` on its machine, name the file and the command.';

/** The same for a member in Discord, who cannot run commands on the bot's machine. */
export const NO_DATED_STATEMENTS_IN_DISCORD =
  'The index holds no dated statements yet, and /trend and /compare count statements by year. A moderator can add ' +
  'one with its year (`/statement add` with `date`), or whoever runs the bot can index the UN General Debate Corpus ' +
  'into its folder (`npm run index -- PATH`; see "Get the whole archive" in the README).';

/**
 * The index database failed SQLite's check, or a read of it did: an answer from it could leave out or change
 * paragraphs, so every front end refuses with this (the file, what SQLite found, the repair) instead of answering.
 */
export function damagedIndexRefusal(file: string, detail: string): string {
  const found = detail.length > 300 ? `${detail.slice(0, 299)}…` : detail;
  return (
    `The index database ${shownPath(file)} is damaged (SQLite: ${found}), so an answer from it could leave out or change ` +
    `paragraphs: nothing is answered until it is rebuilt. Whoever runs Verbatim rebuilds it from the statement files ` +
    `with \`${rebuildCommand(shownPath(path.dirname(file)))}\` (the damaged file is kept beside it), then starts it again.`
  );
}
