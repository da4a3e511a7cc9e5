import { describe, expect, it } from 'vitest';
import { expandAbbreviations } from '../../src/search/abbreviations.js';

describe('writing out chat abbreviations in a question', () => {
  it('spells out titles, bodies and wars the way statements do', () => {
    expect(expandAbbreviations('which PM said the UNSC ignored them?')).toBe(
      'which Prime Minister said the Security Council ignored them?',
    );
    expect(expandAbbreviations("what did the region's govts tell the intl community")).toBe(
      "what did the region's governments tell the international community",
    );
  });

  it('leaves times of day, ordinary words and the statements own acronyms alone', () => {
    expect(expandAbbreviations('the meeting at 3 PM')).toBe('the meeting at 3 PM');
    expect(expandAbbreviations('what did UNHCR say about statelessness')).toBe('what did UNHCR say about statelessness');
    expect(expandAbbreviations('governments and international law')).toBe('governments and international law');
  });
});
