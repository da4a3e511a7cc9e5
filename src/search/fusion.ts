export interface Ranked {
  id: number;
}

/** Rank-position damping of reciprocal rank fusion; 60 is the value of Cormack et al., kept after measuring. */
export const RRF_K = 60;

/**
 * Reciprocal rank fusion: a paragraph's score is the sum over result lists of weight / (RRF_K + rank).
 * Ranks need no calibration between BM25 scores and cosine similarities, which is why it beats a weighted sum of
 * raw scores unless that sum is tuned per corpus.
 */
export function reciprocalRankFusion(lists: { items: Ranked[]; weight: number }[]): { id: number; score: number }[] {
  const scores = new Map<number, number>();
  for (const { items, weight } of lists) {
    items.forEach((item, index) => scores.set(item.id, (scores.get(item.id) ?? 0) + weight / (RRF_K + index + 1)));
  }
  return [...scores.entries()].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}
