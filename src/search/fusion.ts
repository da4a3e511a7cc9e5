import type { RankingWeights } from '../embed/models.js';

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
 * weight; one that holds one of five gains a fifth of it. `raise`: what a paragraph gains for being within limits
 * the question may mean (src/search/question.ts).
 */
export function fuseScores(
  similarity: Map<number, number>,
  coverage: Map<number, number>,
  ranking: RankingWeights,
  raise?: (id: number) => number,
): ScoredId[] {
  const raised = new Map([...similarity].map(([id, cosine]) => [id, cosine + (raise?.(id) ?? 0)]));
  const fused = [...raised]
    .map(([id, cosine]) => ({ id, score: cosine + ranking.lexicalWeight * (coverage.get(id) ?? 0) }))
    .sort((a, b) => b.score - a.score || a.id - b.id);
  // Raised or not, the model's own best stay in view: a raised limit may be a topic, not who spoke.
  const denseBest = new Set([...mostSimilar(raised, ranking.denseKept), ...(raise ? mostSimilar(similarity, ranking.denseKept) : [])]);
  return keepDenseBest(fused, denseBest);
}

/**
 * The dense model's best paragraphs keep their places at the top: lexical evidence may reorder them and lift one
 * other paragraph past them, never more. A question's rare words are often beside its point, and paragraphs that
 * repeated two or three of them pushed the model's own first answer down to ninth (README: Retrieval).
 */
function keepDenseBest(fused: ScoredId[], denseBest: ReadonlySet<number>): ScoredId[] {
  if (denseBest.size === 0) return fused;
  const top: ScoredId[] = [];
  const rest: ScoredId[] = [];
  let othersOnTop = 1;
  for (const item of fused) {
    if (denseBest.has(item.id)) top.push(item);
    else if (othersOnTop > 0) {
      top.push(item);
      othersOnTop--;
    } else rest.push(item);
  }
  return [...top, ...rest];
}

function mostSimilar(similarity: Map<number, number>, count: number): Set<number> {
  if (count <= 0) return new Set();
  const ordered = [...similarity].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return new Set(ordered.slice(0, count).map(([id]) => id));
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
