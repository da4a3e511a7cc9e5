import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sentenceSpans, splitSentences } from '../../src/corpus/sentences.js';
import { sharedFile } from '../support/corpus.js';
import { readRealStatement } from './shared-corpus.js';

const statements = fs.readdirSync(sharedFile('unsc-2020')).map((name) => readRealStatement(`unsc-2020/${name}`));
const speeches = statements.map((s) => s.paragraphs.map((p) => p.text).join(' '));

describe('sentence splitting on the 2020 Security Council speeches', () => {
  const sentences = speeches.flatMap(splitSentences);

  it('only splits at whitespace: each speech is its sentences joined by spaces', () => {
    for (const speech of speeches) expect(splitSentences(speech).join(' ')).toBe(speech);
  });

  it('does not stop a sentence after a title, an initial or a dotted abbreviation', () => {
    expect(sentences.length).toBeGreaterThan(2000);
    const lastWords = sentences.map((s) => s.slice(s.lastIndexOf(' ') + 1));
    const wrongEnds = lastWords.filter((w) => /^\(?(?:Mr|Mrs|Ms|Dr|No|[A-Z]|(?:[A-Z]\.)+[A-Z]|e\.g|i\.e)\.$/.test(w));
    expect(wrongEnds).toEqual([]);
  });

  it('keeps titles, record symbols and decimals inside their sentences', () => {
    expect(sentences).toContain(
      'I would like to thank the Secretary-General for his report (S/2019/1005) on the United Nations Office for West Africa and the Sahel (UNOWAS), and the Special Representative of the Secretary-General, Mr. Mohamed Ibn Chambas, for his comprehensive briefing.',
    );
    expect(sentences.find((s) => s.includes('stay at or below 1.5°C of warming'))).toMatch(/^[A-Z].*\.$/);
    expect(sentences.some((s) => s.endsWith('(see S/PV.8685).'))).toBe(true);
  });
});

describe('sentence spans', () => {
  it('are exact offsets into the original text, whitespace between them and none inside their ends', () => {
    // Paragraphs apart and indented, so that offsets cannot come out right by counting single spaces.
    for (const statement of statements) {
      const text = `  ${statement.paragraphs.map((p) => p.text).join('\n\n  ')}\n`;
      let previousEnd = 0;
      for (const span of sentenceSpans(text)) {
        expect(text.slice(previousEnd, span.start)).toMatch(previousEnd === 0 ? /^\s*$/ : /^\s+$/);
        expect(text.slice(span.start, span.end)).toMatch(/^\S(?:.*\S)?$/su);
        previousEnd = span.end;
      }
      expect(text.slice(previousEnd)).toMatch(/^\s*$/);
    }
  });

  it('end each sentence of a real statement at its punctuation', () => {
    const seed = readRealStatement('seed/000_129fec8e5b34501d.txt').paragraphs.map((p) => p.text);
    const sentences = seed.flatMap((text) => sentenceSpans(text).map((s) => text.slice(s.start, s.end)));
    expect(sentences.length).toBeGreaterThan(seed.length);
    for (const sentence of sentences) expect(sentence).toMatch(/[.?!]["”)]?$/);
  });
});
