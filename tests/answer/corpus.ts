/** Real paragraphs for the formatting tests, read from the shared corpus at test time (nothing invented). */
import path from 'node:path';
import { SHARED_CORPUS } from '../support/corpus.js';
import { describeFixture, readText, SEED_FILE, splitParagraphs } from '../support/discord/fake-archive.js';
import type { Hit, Passage } from '../../src/search/types.js';

export const files = {
  seed: SEED_FILE,
  /** Russian Federation in S/PV.8699 (2020): one 6,800-character paragraph; contains "law and _ its". */
  nebenzia: path.join(SHARED_CORPUS, 'unsc-2020', 'UNSC_2020_SPV.8699_spch017.txt'),
  kaz2015: path.join(SHARED_CORPUS, 'ungdc', '2015', 'KAZ_70_2015.txt'),
  /** Dominica 1979: paragraphs start "18.<tab>", one contains "'polities'*". */
  dma1979: path.join(SHARED_CORPUS, 'ungdc', '1979', 'DMA_34_1979.txt'),
};

export function paragraphs(file: string): Passage[] {
  const meta = describeFixture(file);
  return splitParagraphs(readText(file)).map((text, i) => ({ id: i + 1, text, paragraph: i + 1, meta, organizations: [] }));
}

export function asHits(passages: Passage[], similarity = 0.8): Hit[] {
  return passages.map((p, i) => ({ ...p, rank: i + 1, score: similarity, similarity }));
}

/** The verbatim pieces of an excerpt (between the "…" marks). */
export function pieces(excerpt: string): string[] {
  return excerpt
    .split('…')
    .map((s) => s.trim())
    .filter(Boolean);
}
