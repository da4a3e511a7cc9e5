import { describe, expect, it } from 'vitest';
import { fuseScores } from '../../src/search/fusion.js';

/** Paragraph ids 1-5 by the dense model's cosine, 1 the most similar. */
const similarity = new Map([
  [1, 0.85],
  [2, 0.84],
  [3, 0.83],
  [4, 0.82],
  [5, 0.81],
]);
const order = (coverage: Map<number, number>, denseKept: number, lexicalWeight = 0.05) =>
  fuseScores(similarity, coverage, { lexicalWeight, denseKept, raise: { country: 0, year: 0 } }).map((s) => s.id);

describe('fusing cosine similarity with lexical evidence', () => {
  it('ranks by cosine when no paragraph holds the rare words', () => {
    expect(order(new Map(), 2)).toEqual([1, 2, 3, 4, 5]);
  });

  it('lets rare words lift a paragraph past the dense model’s best', () => {
    expect(order(new Map([[5, 1]]), 2)).toEqual([5, 1, 2, 3, 4]);
  });

  it('never lets lexical evidence bury the dense model’s best two below third', () => {
    const coverage = new Map([
      [3, 1],
      [4, 1],
      [5, 1],
    ]);
    expect(order(coverage, 0)).toEqual([3, 4, 5, 1, 2]);
    expect(order(coverage, 2)).toEqual([3, 1, 2, 4, 5]);
  });

  it('keeps lexical evidence ordering the dense model’s best among themselves', () => {
    expect(order(new Map([[2, 1]]), 2)).toEqual([2, 1, 3, 4, 5]);
  });
});

describe('raising paragraphs within limits the question may mean', () => {
  const ranking = { lexicalWeight: 0.05, denseKept: 2, raise: { country: 0.03, year: 0.03 } };
  it('lifts paragraphs within the limits over closer ones outside them', () => {
    const within = new Set([4, 5]);
    const ranked = fuseScores(similarity, new Map(), ranking, (id) => (within.has(id) ? 0.03 : 0)).map((s) => s.id);
    expect(ranked.indexOf(4)).toBeLessThan(ranked.indexOf(3));
  });

  it('keeps the dense model’s own best in view, whatever is raised', () => {
    const within = new Set([3, 4, 5]);
    const ranked = fuseScores(similarity, new Map(), ranking, (id) => (within.has(id) ? 1 : 0)).map((s) => s.id);
    expect(ranked.slice(0, 5)).toEqual(expect.arrayContaining([1, 2]));
    expect(ranked.slice(0, 2)).toEqual([3, 4]);
  });
});
