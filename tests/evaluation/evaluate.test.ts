import { describe, expect, it } from 'vitest';
import { formatEvaluation, type QuestionOutcome } from '../../src/evaluation/evaluate.js';
import { systemReport } from '../../src/evaluation/scoring.js';

describe('the evaluation report', () => {
  it('says how often the product declines to quote, and names any question it declines over a top-5 answer', () => {
    const outcomes: QuestionOutcome[] = [
      { id: 'A-1', rank: 1, lexicalRank: null, denseRank: 2, confident: true },
      { id: 'A-2', rank: null, lexicalRank: null, denseRank: null, confident: false },
      { id: 'A-3', rank: 4, lexicalRank: 1, denseRank: 9, confident: false },
    ];
    const questions = outcomes.map((o) => ({ id: o.id, question: 'q', kind: 'paraphrase', gold: [{ doc: 'd', quote: 'q' }] }));
    const system = systemReport(
      questions,
      outcomes.map((o) => o.rank),
    );
    const text = formatEvaluation({ n: 3, systems: { product: system, lexical: system, dense: system }, questions: outcomes });
    expect(text).toContain(
      '"nothing matches well" instead of quotes: 2 of 3 (A-2, A-3); of those, with the gold answer in the top 5: 1 (A-3)',
    );
  });
});
