import type { Body, StatementMeta } from '../corpus/types.js';

/** Limits a search to some countries, years or a body; empty means no limit. */
export interface SearchFilters {
  countries: string[];
  years: number[];
  body: Body | null;
}

/** Filters plus, for organization lookups, an FTS5 expression the paragraphs must match. */
export interface Scope extends SearchFilters {
  mentioning?: string;
}

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
}

export interface SearchResult {
  question: string;
  /** The filters applied: explicit ones merged with those understood from the question's words. */
  filters: SearchFilters;
  hits: Hit[];
  /** False when even the best paragraph matches poorly: show "nothing matches well" rather than noise. */
  confident: boolean;
}
