import { describe, expect, it } from 'vitest';
import { contentStems, overlap } from '../../src/search/words.js';

describe('the content words of a question', () => {
  it('leave out question words typed as contractions, which every paragraph would share', () => {
    expect([...contentStems("what's the weather in paris tomorrow?")]).toEqual(['weather', 'pari', 'tomorrow']);
    expect([...contentStems('who’s hosting the summit?')]).toEqual(['host', 'summit']);
  });

  it('meet their inflections in a paragraph', () => {
    expect(overlap(contentStems('peacekeeping operations'), 'the operation kept the peace')).toBe(1);
  });
});
