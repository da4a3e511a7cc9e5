import { splitSentences } from '../corpus/sentences.js';
import type { Embedder } from '../embed/embedder.js';
import type { Store } from './store.js';

/**
 * A paragraph's vector is the mean of all its sentences, so a one-sentence answer inside it is diluted: the
 * paragraph's best sentence is scored too. A one-sentence paragraph is its own best window. Measured on both
 * evaluation files (README: Retrieval): two-sentence paragraphs gained as much as longer ones; a word minimum
 * changed nothing at 40 words and lost answers at 60.
 */
const MIN_SENTENCES = 2;
/**
 * Which paragraphs have sentence vectors, recorded in the index: paragraphs looked at under another rule and
 * given none are looked at again, once (see reexamineUnderCurrentRule).
 */
const SENTENCE_RULE = 'sentences of paragraphs of 2 sentences or more';
const SENTENCE_RULE_KEY = 'sentence_rule';
/** Paragraphs looked at per transaction: a kill loses at most this much work. */
const PARAGRAPHS_PER_COMMIT = 128;

/**
 * The texts embedded for a paragraph's sentences (none for a short paragraph): each sentence after its speaker's
 * country, "Tonga: ...". A sentence taken out of its statement no longer says who speaks ("we", "my country"),
 * and members ask "which Pacific island kingdom ...": with the country before it, the model's own knowledge of
 * Tonga meets the question (README: Retrieval). Paragraph vectors stay the paragraph's own words.
 */
export function sentencesToEmbed(text: string, countryName: string | null): string[] {
  const sentences = splitSentences(text);
  if (sentences.length < MIN_SENTENCES) return [];
  return countryName ? sentences.map((sentence) => `${countryName}: ${sentence}`) : sentences;
}

/**
 * Until December 2026 only paragraphs of 60 words and 3 sentences or more had sentence vectors; the others are
 * marked as looked at with none. Under another rule those marks are dropped, once, so that the next sentence
 * stage embeds what the current rule asks for; sentence vectors already made stay. Returns whether it did.
 */
export function reexamineUnderCurrentRule(store: Store): boolean {
  if (store.meta.get(SENTENCE_RULE_KEY) === SENTENCE_RULE) return false;
  const forgotten = store.sentenceVectors.forgetParagraphsWithoutSentences();
  store.meta.set(SENTENCE_RULE_KEY, SENTENCE_RULE);
  return forgotten > 0;
}

export interface SentenceProgress {
  paragraphsDone: number;
  paragraphsTotal: number;
  sentencesEmbedded: number;
}

/**
 * Embeds the sentences of every paragraph whose sentences were never looked at, in committed batches, so an
 * interrupted run resumes where it stopped and an index built before sentence vectors existed catches up.
 * Vectors are stored by the paragraph's text hash and country: the same words by the same country cost nothing again.
 */
export async function embedSentences(store: Store, embedder: Embedder, onProgress?: (p: SentenceProgress) => void): Promise<number> {
  const total = store.sentenceVectors.countMissing();
  let done = 0;
  let embedded = 0;
  let after = 0;
  while (done < total) {
    const batch = store.sentenceVectors.missingAfter(after, PARAGRAPHS_PER_COMMIT);
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.id;
    // The same words by the same country, twice in a batch, are embedded once.
    const distinct = new Map(
      batch.map((p) => [`${p.textHash} ${p.countryName}`, { ...p, texts: sentencesToEmbed(p.text, p.countryName) }]),
    );
    const vectors = await embedder.embedPassages([...distinct.values()].flatMap((p) => p.texts));
    store.transaction(() => {
      let at = 0;
      for (const { textHash, countryName, texts } of distinct.values()) {
        store.sentenceVectors.put(textHash, countryName, vectors.slice(at, at + texts.length));
        at += texts.length;
      }
    });
    done += batch.length;
    embedded += vectors.length;
    onProgress?.({ paragraphsDone: done, paragraphsTotal: total, sentencesEmbedded: embedded });
  }
  return embedded;
}
