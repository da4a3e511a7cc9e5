import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { decodeStatementBytes, MAX_STATEMENT_BYTES, tooLargeReason } from './decode.js';
import { describeStatement } from './metadata.js';
import { rebuildParagraphs } from './paragraphs.js';
import { readSpeakerPrefix } from './speaker-prefix.js';
import type { SpeakerTable } from './speakers-table.js';
import type { Statement, StatementMeta, UnreadableFile } from './types.js';

/** Bump when paragraph or metadata rules change, so that an index reads its statements again. */
export const STATEMENT_RULES_VERSION = 3;

export interface ReadOptions {
  /** speakers.csv: names the speaker and post of General Debate statements. */
  speakers?: SpeakerTable;
  /** Metadata that wins over what the file says. */
  overrides?: Partial<StatementMeta>;
}

export function isUnreadableFile(value: Statement | UnreadableFile): value is UnreadableFile {
  return 'reason' in value;
}

/** Reads one statement file into paragraphs and citation metadata, or says why it cannot be read. */
export function readStatement(file: string, options: ReadOptions = {}): Statement | UnreadableFile {
  const absolute = path.resolve(file);
  const bytes = readBytes(absolute);
  if ('reason' in bytes) return bytes;

  const decoded = decodeStatementBytes(bytes.bytes);
  if ('problem' in decoded) return { path: absolute, reason: decoded.problem };

  const prefix = readSpeakerPrefix(decoded.text);
  const paragraphs = rebuildParagraphs(decoded.text.slice(prefix?.length ?? 0));
  if (paragraphs.length === 0) {
    return { path: absolute, reason: 'no statement text (only a speaker’s name or page headers)' };
  }

  const meta = describeStatement({
    path: absolute,
    prefix,
    firstParagraph: paragraphs[0]!,
    speakers: options.speakers,
    overrides: options.overrides,
  });
  return {
    meta,
    paragraphs: paragraphs.map((text, i) => ({ number: i + 1, text })),
    contentHash: createHash('sha256').update(bytes.bytes).digest('hex'),
  };
}

function readBytes(file: string): { bytes: Buffer } | UnreadableFile {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return { path: file, reason: 'not a file' };
    // Checked before reading: a mistaken multi-gigabyte upload must not be loaded into memory.
    if (stat.size > MAX_STATEMENT_BYTES) return { path: file, reason: tooLargeReason(stat.size) };
    return { bytes: fs.readFileSync(file) };
  } catch (error) {
    return { path: file, reason: describeFileError(error, file) };
  }
}

/**
 * Every `.txt` statement file under the roots, recursively, sorted, as absolute paths. README files are
 * documentation. A root or folder that is missing or unreadable is reported as a problem; the rest is still
 * read. Symbolic links are followed, so a corpus folder may link to statements kept elsewhere.
 */
export function discoverStatementFiles(roots: string[]): { files: string[]; problems: UnreadableFile[] } {
  const found = { files: new Set<string>(), problems: [] as UnreadableFile[], visited: new Set<string>() };
  for (const root of roots) visit(path.resolve(root), found);
  return { files: [...found.files].sort(), problems: found.problems };
}

function visit(entry: string, found: { files: Set<string>; problems: UnreadableFile[]; visited: Set<string> }): void {
  try {
    const stat = fs.statSync(entry);
    if (stat.isFile()) {
      if (isStatementFile(entry)) found.files.add(entry);
      return;
    }
    if (!stat.isDirectory()) {
      // A named pipe or a link to a device (/dev/zero) would block the reader or never end.
      if (isStatementFile(entry)) found.problems.push({ path: entry, reason: 'not a regular file (a pipe, socket or device)' });
      return;
    }
    const real = fs.realpathSync(entry);
    if (found.visited.has(real)) return; // a link back up the tree
    found.visited.add(real);
    for (const child of fs.readdirSync(entry, { withFileTypes: true })) {
      // Hidden folders belong to tools (.git), not to the corpus.
      if (child.isDirectory() && child.name.startsWith('.')) continue;
      visit(path.join(entry, child.name), found);
    }
  } catch (error) {
    found.problems.push({ path: entry, reason: describeFileError(error, entry) });
  }
}

function linkTarget(entry: string): string | null {
  try {
    return fs.lstatSync(entry).isSymbolicLink() ? fs.readlinkSync(entry) : null;
  } catch {
    return null;
  }
}

function isStatementFile(file: string): boolean {
  const name = path.basename(file);
  return name.toLowerCase().endsWith('.txt') && !/^readme/i.test(name);
}

function describeFileError(error: unknown, entry: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  const target = linkTarget(entry);
  // The seed in corpus/ is a link into ../shared/corpus, which a clone on its own does not have.
  if (code === 'ENOENT' && target !== null) return `a link to ${path.resolve(path.dirname(entry), target)}, which does not exist`;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}
