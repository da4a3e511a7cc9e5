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
  fuseScores(similarity, coverage, { lexicalWeight, denseKept }).map((s) => s.id);

describe('fusing cosine similarity with lexical evidence', () => {
  it('ranks by cosine when no paragraph holds the rare words', () => {
    expect(order(new Map(), 2)).toEqual([1, 2, 3, 4, 5]);
  });

  it('lets rare words lift a paragraph past the dense model’s best', () => {
    expect(order(new Map([[5, 1]]), 2)).toEqual([5, 1, 2, 3, 4]);
  });

  it('never lets lexical evidence bury the dense model’s best two below third', () => {
    const coverage = new Map([[3, 1], [4, 1], [5, 1]]);
    expect(order(coverage, 0)).toEqual([3, 4, 5, 1, 2]);
    expect(order(coverage, 2)).toEqual([3, 1, 2, 4, 5]);
  });

  it('keeps lexical evidence ordering the dense model’s best among themselves', () => {
    expect(order(new Map([[2, 1]]), 2)).toEqual([2, 1, 3, 4, 5]);
  });
});
