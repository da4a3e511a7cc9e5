export interface ScoredId {
  id: number;
  score: number;
}

/**
 * Weight of the lexical evidence against cosine similarity, chosen on the dev questions among 0.05-0.5
 * (see README: Retrieval). Reciprocal rank fusion measured lower there: it lets a paragraph that matches one
 * rare question word outrank a close paraphrase.
 */
export const LEXICAL_WEIGHT = 0.3;

/**
 * Cosine similarity plus the weighted BM25 score relative to the best BM25 score of the question, over the
 * union of both retrievers' candidates. Both terms live on 0..1, so neither needs per-corpus calibration.
 */
export function fuseScores(similarity: Map<number, number>, lexical: ScoredId[], weight = LEXICAL_WEIGHT): ScoredId[] {
  const best = Math.max(0, ...lexical.map((l) => l.score));
  const lexicalShare = new Map(lexical.map((l) => [l.id, best > 0 ? l.score / best : 0]));
  const ids = new Set([...similarity.keys(), ...lexicalShare.keys()]);
  return [...ids]
    .map((id) => ({ id, score: (similarity.get(id) ?? 0) + weight * (lexicalShare.get(id) ?? 0) }))
    .sort((a, b) => b.score - a.score || a.id - b.id);
}
