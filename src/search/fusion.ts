export interface ScoredId {
  id: number;
  score: number;
}

/**
 * Weight of the lexical evidence against the dense evidence, chosen on the dev questions (README: Retrieval).
 * Reciprocal rank fusion and raw cosine plus BM25 measured lower there.
 */
export const LEXICAL_WEIGHT = 0.5;

/** Rescales scores to 0..1 over the question's candidates, so each question's best counts as 1. */
function rescaled(scores: Map<number, number>): Map<number, number> {
  const values = [...scores.values()];
  const low = Math.min(...values);
  const spread = Math.max(...values) - low;
  return new Map([...scores].map(([id, s]) => [id, spread > 0 ? (s - low) / spread : 1]));
}

/**
 * Dense and lexical evidence, each rescaled to 0..1 over the union of both retrievers' candidates, then
 * added. Rescaling makes the weight mean the same for every model: e5 puts nearly all cosines between 0.7 and
 * 0.95, MiniLM between 0 and 0.8, and BM25 has no fixed scale at all.
 */
export function fuseScores(similarity: Map<number, number>, lexical: ScoredId[], weight = LEXICAL_WEIGHT): ScoredId[] {
  if (similarity.size === 0) return [];
  const dense = rescaled(similarity);
  const best = Math.max(0, ...lexical.map((l) => l.score));
  const lexicalShare = new Map(lexical.map((l) => [l.id, best > 0 ? l.score / best : 0]));
  return [...dense]
    .map(([id, d]) => ({ id, score: d + weight * (lexicalShare.get(id) ?? 0) }))
    .sort((a, b) => b.score - a.score || a.id - b.id);
}
