import { describe, expect, it } from 'vitest';
import { citationLine } from '../../src/answer/citation.js';
import { files, paragraphs } from './corpus.js';

describe('citationLine', () => {
  it('cites a Security Council statement: country · speaker · body · ¶n', () => {
    const p = paragraphs(files.seed)[11]!;
    expect(citationLine(p.meta, p.paragraph)).toBe('Kazakhstan · Mrs. Aitimova · Security Council · ¶12');
  });

  it('adds the meeting record, the year and the language spoken', () => {
    const p = paragraphs(files.nebenzia)[0]!;
    expect(citationLine(p.meta, 1)).toBe('Russian Federation · Mr. Nebenzia (spoke in Russian) · Security Council · S/PV.8699 · 2020 · ¶1');
  });

  it('cites a General Assembly speech with speaker, office and year', () => {
    const p = paragraphs(files.kaz2015)[2]!;
    expect(citationLine(p.meta, p.paragraph)).toBe('Kazakhstan · Nursultan Nazarbayev, President · General Assembly · 2015 · ¶3');
  });

  it('falls back to the file name when neither country nor speaker is known', () => {
    const p = paragraphs(files.seed)[0]!;
    expect(citationLine({ ...p.meta, country: null, countryName: null, speaker: null }, 1)).toBe(
      '000_129fec8e5b34501d.txt · Security Council · ¶1',
    );
  });
});
