import type { StatementMeta } from '../corpus/types.js';
import type { Scope } from '../index/scope.js';
import type { SpeakerLimit } from './speakers.js';

/** Limits a search to some countries, years or a body; empty means no limit. */
export type SearchFilters = Omit<Scope, 'mentioning'>;

/** One stored paragraph with everything needed to quote and cite it. */
export interface Passage {
  /** Stable id of the paragraph in the index (also its HNSW label). */
  id: number;
  text: string;
  paragraph: number;
  meta: StatementMeta;
  /** Canonical acronyms or names of the organizations the paragraph mentions. */
  organizations: string[];
}

export interface Hit extends Passage {
  /** 1-based rank in this result list (offset included). */
  rank: number;
  /** Fused relevance; comparable within one search only. */
  score: number;
  /** Cosine similarity of the paragraph to the question (0..1), the basis of `confident`. */
  similarity: number;
}

export interface SearchOptions {
  k: number;
  offset?: number;
  /** Explicit filters (from slash-command options); they win over what the question's words say. */
  filters?: Partial<SearchFilters>;
  /** A speaker picked from the suggestions (its name and country): it wins over what the question's words say. */
  speaker?: { name: string; country: string };
  /** False: search without the limits the question's words state (the member asked again without them). */
  readLimits?: boolean;
}

export interface SearchResult {
  question: string;
  /** The filters applied: explicit ones merged with those understood from the question's words. */
  filters: SearchFilters;
  hits: Hit[];
  /** The person or office read as the speaker, when the filters are theirs. */
  speaker?: SpeakerLimit | null;
  /** A speaker read from the question whose statements the index does not hold: the hits are the best of the rest. */
  speakerNotIndexed?: SpeakerLimit;
  /** Countries and years the question may mean, whose statements were raised without filtering (see question.ts). */
  raised?: SearchFilters;
  /** False when even the best paragraph matches poorly: show "nothing matches well" rather than noise. */
  confident: boolean;
}
