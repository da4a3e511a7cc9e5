import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { isUnreadableFile, readStatement, type ReadOptions } from '../../src/corpus/read-statement.js';
import type { Statement } from '../../src/corpus/types.js';

/** The read-only corpus beside the repository: tests read real statements, never copies. */
export const SHARED_CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
export const SHARED_EVAL = fileURLToPath(new URL('../../../shared/eval/', import.meta.url));

export function corpusFile(relative: string): string {
  return path.join(SHARED_CORPUS, relative);
}

export function readRealStatement(relative: string, options?: ReadOptions): Statement {
  const statement = readStatement(corpusFile(relative), options);
  if (isUnreadableFile(statement)) throw new Error(`${relative}: ${statement.reason}`);
  return statement;
}

/** The evaluation's comparison: NFKC, lower case, straight quotes, one kind of dash, single spaces. */
export function normalizeForComparison(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’‚‛]/g, "'")
    .replace(/[“”„‟]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

export function paragraphContaining(statement: Statement, quote: string): string | undefined {
  const wanted = normalizeForComparison(quote);
  return statement.paragraphs.find((p) => normalizeForComparison(p.text).includes(wanted))?.text;
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A folder for files a test makes (copies of real statements, broken files), removed when the tests end. */
export function makeTempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-corpus-test-'));
  tempDirs.push(dir);
  return dir;
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
