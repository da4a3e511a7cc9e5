import { normalizeForMatch } from '../../src/evaluation/scoring.js';
import { sharedFile } from '../support/corpus.js';
import { isUnreadableFile, readStatement, type ReadOptions } from '../../src/corpus/read-statement.js';
import type { Statement } from '../../src/corpus/types.js';

export function readRealStatement(relative: string, options?: ReadOptions): Statement {
  const statement = readStatement(sharedFile(relative), options);
  if (isUnreadableFile(statement)) throw new Error(`${relative}: ${statement.reason}`);
  return statement;
}

export function paragraphContaining(statement: Statement, quote: string): string | undefined {
  const wanted = normalizeForMatch(quote);
  return statement.paragraphs.find((p) => normalizeForMatch(p.text).includes(wanted))?.text;
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
