import { describe, expect, it } from 'vitest';
import { excerptAround, headExcerpt, hardTruncate, tailExcerpt } from '../../src/answer/excerpt.js';
import { sentenceSpans } from '../../src/corpus/sentences.js';
import { files, paragraphs, pieces } from './corpus.js';

const [nebenzia] = paragraphs(files.nebenzia).map((p) => p.text);
const seed = paragraphs(files.seed).map((p) => p.text);

describe('excerptAround', () => {
  it('returns a paragraph that fits whole and untouched', () => {
    const ex = excerptAround(seed[1]!, 'regional organizations', { maxChars: 2000 });
    expect(ex).toEqual({ text: seed[1]!.trim(), truncated: false });
  });

  it('shows a long paragraph around its best-matching sentence, verbatim, with "…" at the cuts', () => {
    const ex = excerptAround(nebenzia!, 'Joint Comprehensive Plan of Action Iranian nuclear programme', { maxChars: 600 });
    expect(ex.truncated).toBe(true);
    expect(ex.text.length).toBeLessThanOrEqual(600);
    expect(ex.text).toContain('Joint Comprehensive Plan of Action on the Iranian nuclear programme');
    expect(ex.text.startsWith('…')).toBe(true);
    for (const piece of pieces(ex.text)) expect(nebenzia).toContain(piece);
  });

  it('keeps the pieces in the order of the paragraph', () => {
    const ex = excerptAround(nebenzia!, 'visa Foreign Minister Zarif; chemical weapons', { maxChars: 900 });
    let from = 0;
    for (const piece of pieces(ex.text)) {
      const at = nebenzia!.indexOf(piece, from);
      expect(at).toBeGreaterThanOrEqual(from);
      from = at + piece.length;
    }
  });

  it('shows the opening when no word of the question occurs', () => {
    const ex = excerptAround(nebenzia!, 'zzzz qqqq', { maxChars: 400 });
    expect(nebenzia!.startsWith(pieces(ex.text)[0]!)).toBe(true);
    expect(ex.text.endsWith('…')).toBe(true);
  });

  it('cuts inside one over-long sentence at word boundaries around the matching word', () => {
    const longSentence = sentenceSpans(nebenzia!)
      .map((s) => nebenzia!.slice(s.start, s.end))
      .find((s) => s.includes('non-interference in their domestic affairs'))!;
    expect(longSentence.length).toBeGreaterThan(400);
    const word = 'non-interference';
    const ex = excerptAround(longSentence, word, { maxChars: 120 });
    expect(ex.text.length).toBeLessThanOrEqual(120);
    expect(ex.text).toContain(word);
    for (const piece of pieces(ex.text)) expect(longSentence).toContain(piece);
  });

  it('measures with the given function (e.g. length after Discord escaping)', () => {
    const ex = excerptAround(nebenzia!, 'law obligations host country', { maxChars: 500, measure: (s) => s.length * 2 });
    expect(ex.text.length * 2).toBeLessThanOrEqual(500);
  });
});

describe('head, tail and hard cuts', () => {
  it('headExcerpt keeps whole sentences from the start', () => {
    const ex = headExcerpt(nebenzia!, { maxChars: 300 });
    expect(ex.text.endsWith(' …')).toBe(true);
    expect(nebenzia!.startsWith(ex.text.slice(0, -2))).toBe(true);
  });

  it('tailExcerpt keeps whole sentences to the end', () => {
    const ex = tailExcerpt(nebenzia!, { maxChars: 300 });
    expect(ex.text.startsWith('… ')).toBe(true);
    expect(nebenzia!.endsWith(ex.text.slice(2))).toBe(true);
  });

  it('hardTruncate ends at a word and never after a lone backslash', () => {
    const cut = hardTruncate(nebenzia!, 100);
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(nebenzia!.startsWith(cut.slice(0, -2))).toBe(true);
    expect(hardTruncate('a\\*b\\*c\\*d\\*e\\*f', 8).replace(' …', '').endsWith('\\')).toBe(false);
  });
});
