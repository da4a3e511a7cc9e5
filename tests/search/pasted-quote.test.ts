import { describe, expect, it } from 'vitest';
import { isUnreadableFile, readStatement } from '../../src/corpus/read-statement.js';
import { splitSentences } from '../../src/corpus/sentences.js';
import { readPastedQuote } from '../../src/search/pasted-quote.js';
import { SEED_FILE } from '../support/corpus.js';

/** A real sentence of the seed statement (Kazakhstan in the Security Council), as the file writes it. */
function seedSentence(): string {
  const statement = readStatement(SEED_FILE);
  if (isUnreadableFile(statement)) throw new Error(statement.reason);
  return splitSentences(statement.paragraphs[2]!.text)[0]!;
}

const keys = (segments: { key: string }[][]) => segments.map((s) => s.map((w) => w.key));

describe('reading a pasted quote', () => {
  it('judges the whole message when it has no quotation marks', () => {
    const sentence = seedSentence();
    const pasted = readPastedQuote(sentence);
    expect(pasted.quoted).toBe(sentence);
    expect(pasted.around).toBe('');
  });

  it('judges the words between quotation marks and keeps the words around them for the attribution', () => {
    const sentence = seedSentence();
    const pasted = readPastedQuote(`As Nigeria told the Council: “${sentence}” That settles it.`);
    expect(pasted.quoted).toBe(sentence);
    expect(pasted.around).toBe('As Nigeria told the Council: That settles it.');
  });

  it('reads an introduction before a colon as the attribution when there are no quotation marks', () => {
    const sentence = seedSentence();
    const pasted = readPastedQuote(`Kazakhstan said: ${sentence}`);
    expect(pasted.quoted).toBe(sentence);
    expect(pasted.around).toBe('Kazakhstan said');
  });

  it('changes no word for typography: curly quotes, line breaks, dashes and case', () => {
    const sentence = seedSentence();
    const retyped = `“${sentence.replace(/ /g, '\n').replace(/-/g, '–').toUpperCase()}”`;
    expect(keys(readPastedQuote(retyped).segments)).toEqual(keys(readPastedQuote(sentence).segments));
  });

  it('splits the quote where words were left out ("...") or put in ([brackets])', () => {
    const pasted = readPastedQuote('“Kazakhstan considers this important issue … one of the main priorities of [the UN]”');
    expect(keys(pasted.segments)).toEqual([
      ['kazakhstan', 'considers', 'this', 'important', 'issue'],
      ['one', 'of', 'the', 'main', 'priorities', 'of'],
    ]);
  });

  it('does not take a word in quotation marks for the quote', () => {
    const sentence = seedSentence();
    const pasted = readPastedQuote(`They call it "priorities": ${sentence}`);
    expect(pasted.quoted).toBe(sentence);
  });
});
