import { countWords, splitSentences } from '../corpus/sentences.js';
import type { Embedder } from '../embed/embedder.js';
import type { Store } from './store.js';

/**
 * A long paragraph's vector is the mean of all its sentences, so a one-sentence answer inside it is diluted: the
 * paragraph's best sentence is scored too. Shorter paragraphs are their own best window. Measured on the dev
 * questions (README: Retrieval): single sentences of paragraphs from 60 words and 3 sentences on.
 */
const MIN_WORDS = 60;
const MIN_SENTENCES = 3;
/** Paragraphs looked at per transaction: a kill loses at most this much work. */
const PARAGRAPHS_PER_COMMIT = 128;

/** The sentences of a paragraph that get vectors of their own (none for a short paragraph). */
export function sentencesToEmbed(text: string): string[] {
  if (countWords(text) < MIN_WORDS) return [];
  const sentences = splitSentences(text);
  return sentences.length >= MIN_SENTENCES ? sentences : [];
}

export interface SentenceProgress {
  paragraphsDone: number;
  paragraphsTotal: number;
  sentencesEmbedded: number;
}

/**
 * Embeds the sentences of every paragraph whose sentences were never looked at, in committed batches, so an
 * interrupted run resumes where it stopped and an index built before sentence vectors existed catches up.
 * Vectors are stored by the paragraph's text hash: a paragraph seen before, anywhere, costs nothing.
 */
export async function embedSentences(store: Store, embedder: Embedder, onProgress?: (p: SentenceProgress) => void): Promise<number> {
  const total = store.countParagraphsWithoutSentenceVectors();
  let done = 0;
  let embedded = 0;
  let after = 0;
  while (done < total) {
    const batch = store.paragraphsWithoutSentenceVectors(after, PARAGRAPHS_PER_COMMIT);
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.id;
    const byHash = new Map(batch.map((p) => [p.textHash, sentencesToEmbed(p.text)]));
    const vectors = await embedder.embedPassages([...byHash.values()].flat());
    store.transaction(() => {
      let at = 0;
      for (const [hash, sentences] of byHash) {
        store.putSentenceVectors(hash, vectors.slice(at, at + sentences.length));
        at += sentences.length;
      }
    });
    done += batch.length;
    embedded += vectors.length;
    onProgress?.({ paragraphsDone: done, paragraphsTotal: total, sentencesEmbedded: embedded });
  }
  return embedded;
}
