import fs from 'node:fs';
import path from 'node:path';
import type { IndexReport } from '../index/indexer.js';
import { shellArgument, shownPath } from '../remedies.js';
import { unpackZip } from '../zip.js';

/** What `npm run index` makes of its arguments and of a finished run: the refusals that end it with exit code 1. */

/**
 * A remedy naming `npm run index` with the folder the user named: a fix run as printed must mend the same index.
 * Remedies that already name their folder are left as they are.
 */
export function withIndexDir(remedy: string, indexDir: string | undefined): string {
  if (!indexDir || !remedy.startsWith('npm run index') || remedy.includes('--index-dir')) return remedy;
  const folder = `--index-dir ${shellArgument(indexDir)}`;
  const rest = remedy.slice('npm run index'.length);
  return rest.startsWith(' -- ') ? `npm run index -- ${folder} ${rest.slice(4)}` : `npm run index -- ${folder}${rest}`;
}

/** Paths given on the command line that are not there (a typo, a download not yet unpacked): nothing is indexed. */
export function missingPaths(paths: string[]): string | null {
  const missing = paths.filter((p) => !fs.existsSync(p));
  if (missing.length === 0) return null;
  const names = missing.map((p) => shownPath(path.resolve(p))).join(', ');
  return `${missing.length === 1 ? `${names} does not exist` : `these do not exist: ${names}`} (no such file or folder); nothing was indexed`;
}

/** What of a downloaded corpus archive is statements and their speakers tables. */
const STATEMENT_ENTRY = /\.(txt|csv)$/i;

/**
 * The paths to index, with each zip (the UN General Debate Corpus as Harvard Dataverse serves it) unpacked once
 * into a folder beside it of the same name, its statement files and speakers table only.
 */
export async function unpackedRoots(paths: string[], say: (line: string) => void): Promise<string[]> {
  return Promise.all(
    paths.map(async (p) => {
      if (!/\.zip$/i.test(p) || !fs.statSync(p).isFile()) return p;
      const folder = await unpackZip(p, (name) => STATEMENT_ENTRY.test(name));
      say(`${shownPath(path.resolve(p))}: statements unpacked into ${shownPath(folder)}`);
      return folder;
    }),
  );
}

/** A run that read no statement at all failed, though it went to the end: say why, after the report. */
export function nothingReadProblem(report: IndexReport, roots: string[]): string | null {
  const read = report.filesAdded + report.filesChanged + report.filesUnchanged;
  if (read > 0 || report.filesRemoved > 0) return null;
  const where = roots.map((r) => shownPath(path.resolve(r))).join(', ');
  if (report.unreadable.length > 0) return `nothing could be read from ${where}: every file was skipped, each for the reason above`;
  return `no statement files (.txt) under ${where}: nothing to index`;
}
