import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstHitRank, metricsOf, normalizeForMatch } from '../../src/evaluation/scoring.js';

describe('evaluation scoring follows the README rules', () => {
  it('normalizes case, quotes, dashes and whitespace', () => {
    expect(normalizeForMatch('The  Council\u2019s\n\n“role” \u2014 now')).toBe(`the council's "role" - now`);
  });

  it('counts a passage only when it comes from the gold document and holds the whole quote', () => {
    const root = '/corpus';
    const question = { id: 'x', question: 'q', kind: 'lexical', gold: [{ doc: 'a/b.txt', quote: 'one two three' }] };
    const passages = [
      { source: '/corpus/a/other.txt', text: 'one two three' },
      { source: path.join(root, 'a/b.txt'), text: 'one two' },
      { source: path.join(root, 'a/b.txt'), text: 'zero One\ntwo   three four' },
    ];
    expect(firstHitRank(question, passages, root)).toBe(3);
    expect(firstHitRank(question, passages.slice(0, 2), root)).toBeNull();
  });

  it('computes recall at cut-offs and MRR@10', () => {
    const m = metricsOf([1, 3, null, 10, 11]);
    expect(m.r1).toBeCloseTo(0.2);
    expect(m.r5).toBeCloseTo(0.4);
    expect(m.r10).toBeCloseTo(0.6);
    expect(m.mrr).toBeCloseTo((1 + 1 / 3 + 1 / 10) / 5);
  });
});
