import { describe, expect, it } from 'vitest';
import { namesTopic, sentenceNaming, type TrendEvidence } from '../../src/search/trend.js';
import { paragraphContaining, readRealStatement } from '../corpus/shared-corpus.js';

const words = (phrase: string): TrendEvidence => ({ kind: 'words', phrase });
/** The paragraph of a real statement that holds the given words. */
const paragraph = (file: string, holding: string) => paragraphContaining(readRealStatement(file), holding)!;

describe('what names a topic, as /trend counts it', () => {
  it('counts plural and adjective forms, not a past tense the stemmer joins', () => {
    expect(namesTopic(words('climate change'))(paragraph('ungdc/1974/HND_29_1974.txt', 'climatic changes'))).toBe(true);
    expect(namesTopic(words('climate change'))(paragraph('ungdc/1973/UKR_28_1973.txt', 'climate changed'))).toBe(false);
  });

  it('counts words of three or more in one sentence in another order, and shows that sentence', () => {
    const text = paragraph('ungdc/2024/CPV_79_2024.txt', 'rising sea levels');
    expect(namesTopic(words('sea level rise'))(text)).toBe(true);
    expect(sentenceNaming(text, words('sea level rise'))).toMatch(/rising sea levels/);
  });

  it('does not count a compound that only holds the word', () => {
    expect(namesTopic(words('water'))(paragraph('ungdc/2024/BHS_79_2024.txt', 'eye-watering'))).toBe(false);
  });
});
