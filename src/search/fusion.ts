export interface ScoredId {
  id: number;
  score: number;
}

/**
 * The dense model's cosine similarity, raised by lexical evidence: the share of the question's rare words
 * (weighted by how rare each is) that the paragraph holds, times the model's lexical weight (models.ts).
 *
 * Cosines stay as the model gives them: they are comparable across questions, whereas stretching each question's
 * candidates to 0..1 turned gaps of 0.01 into whole points and let any paragraph repeating a rare word of the
 * question ("Tripoli") bury the paraphrase that answers it. A paragraph that holds every rare word gains the full
 * weight; one that holds one of five gains a fifth of it.
 */
export function fuseScores(similarity: Map<number, number>, coverage: Map<number, number>, lexicalWeight: number): ScoredId[] {
  return [...similarity]
    .map(([id, cosine]) => ({ id, score: cosine + lexicalWeight * (coverage.get(id) ?? 0) }))
    .sort((a, b) => b.score - a.score || a.id - b.id);
}

/** BM25's inverse document frequency, so a word in 30 paragraphs weighs far more than one in 3,000. */
export function inverseDocumentFrequency(paragraphsWithTerm: number, paragraphs: number): number {
  return Math.log((paragraphs - paragraphsWithTerm + 0.5) / (paragraphsWithTerm + 0.5) + 1);
}

/** Per paragraph, the IDF-weighted share of the terms it holds (0..1). */
export function termCoverage(terms: { weight: number; paragraphs: Iterable<number> }[]): Map<number, number> {
  const total = terms.reduce((sum, t) => sum + t.weight, 0);
  const coverage = new Map<number, number>();
  if (total <= 0) return coverage;
  for (const term of terms) {
    for (const id of term.paragraphs) coverage.set(id, (coverage.get(id) ?? 0) + term.weight / total);
  }
  return coverage;
}
