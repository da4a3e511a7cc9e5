import { describe, expect, it } from 'vitest';
import { isUnreadableFile, readStatement } from '../../src/corpus/read-statement.js';
import { alignQuote } from '../../src/search/alignment.js';
import { readPastedQuote, textWords } from '../../src/search/pasted-quote.js';
import { SEED_FILE } from '../support/corpus.js';

/** The seed statement's third paragraph: "Kazakhstan considers this important issue to be one of the main priorities ..." */
function seedParagraph(): string {
  const statement = readStatement(SEED_FILE);
  if (isUnreadableFile(statement)) throw new Error(statement.reason);
  return statement.paragraphs[2]!.text;
}

function align(quote: string, paragraph: string) {
  return alignQuote(readPastedQuote(quote).segments, paragraph, textWords(paragraph))!;
}

describe('aligning a quote with a paragraph', () => {
  it('finds words quoted word for word with no edit and marks exactly their characters', () => {
    const paragraph = seedParagraph();
    const quote = 'the Security Council should encourage cooperation between the United Nations and regional arrangements';
    const alignment = align(quote, paragraph);
    expect(alignment.edits).toBe(0);
    expect(paragraph.slice(...alignment.span)).toBe(quote);
  });

  it('names each changed word with what the statement said', () => {
    const paragraph = seedParagraph();
    const alignment = align(
      'the Security Council should discourage cooperation between the United Nations and global arrangements',
      paragraph,
    );
    expect(alignment.edits).toBe(2);
    expect(alignment.differences).toEqual([
      { kind: 'changed', quote: 'discourage', source: 'encourage' },
      { kind: 'changed', quote: 'global', source: 'regional' },
    ]);
  });

  it('names words the quote added and words it dropped', () => {
    const paragraph = seedParagraph();
    const alignment = align(
      'the Security Council should strongly encourage cooperation between the United Nations and arrangements',
      paragraph,
    );
    expect(alignment.differences).toEqual([
      { kind: 'added', quote: 'strongly', source: '' },
      { kind: 'dropped', quote: '', source: 'regional' },
    ]);
  });

  it('skips words for free where the quote marks an omission', () => {
    const paragraph = seedParagraph();
    const alignment = align('Kazakhstan considers this important issue ... the main priorities of the Organization', paragraph);
    expect(alignment.edits).toBe(0);
    expect(paragraph.slice(...alignment.span)).toBe(
      'Kazakhstan considers this important issue to be one of the main priorities of the Organization',
    );
  });
});
