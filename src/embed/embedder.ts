import type { AnswerConfidence, RankingWeights } from './models.js';

/** Turns text into unit-length vectors; cosine similarity of two outputs is their dot product. */
export interface Embedder {
  /** Identifies the model in the index manifest: vectors of different models never mix. */
  readonly modelName: string;
  readonly dimension: number;
  readonly confidence: AnswerConfidence;
  readonly ranking: RankingWeights;
  embedPassages(texts: string[]): Promise<Float32Array[]>;
  embedQuery(text: string): Promise<Float32Array>;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}
