import { describe, expect, it } from 'vitest';
import { countryByCode, countryCodeForName, findCountryMentions } from '../../src/corpus/countries.js';

const codesIn = (text: string) => findCountryMentions(text).map((m) => m.code);

describe('countries named in questions', () => {
  it.each([
    ['what did Kazakh diplomats ask the Assembly for?', ['KAZ']],
    ['what did the Fijian president say about sea-level rise in 2017?', ['FJI']],
    ['has the US ever talked about Venezuela?', ['USA', 'VEN']],
    ['what did the U.S. say', ['USA']],
    ['anything from Papua New Guinea on logging?', ['PNG']],
    ['the Russian Federation on Ukraine', ['RUS', 'UKR']],
    ['elections in Viet Nam', ['VNM']],
    ['did the UK, the UAE or the DPRK mention it?', ['GBR', 'ARE', 'PRK']],
    ["Côte d’Ivoire, Cote d'Ivoire and Ivory Coast", ['CIV', 'CIV', 'CIV']],
    ['Türkiye or Turkey', ['TUR', 'TUR']],
  ])('%s', (question, codes) => {
    expect(codesIn(question)).toEqual(codes);
  });

  it('reads the word "us" as a word', () => {
    expect(findCountryMentions('tell us what they said about climate')).toEqual([]);
  });

  it('does not read regions that contain a country word as the country', () => {
    expect(codesIn('which south american bloc opened a head office in the Indian Ocean region?')).toEqual([]);
  });

  it('says where each name is, as written', () => {
    const text = 'what did the Islamic Republic of Iran (Iran (Islamic Republic of)) say';
    expect(findCountryMentions(text)).toEqual([
      { code: 'IRN', start: 13, end: 37, matched: 'Islamic Republic of Iran' },
      { code: 'IRN', start: 39, end: 65, matched: 'Iran (Islamic Republic of)' },
    ]);
  });
});

describe('country names in speaker prefixes and codes in file names', () => {
  it.each([
    ['Russian Federation', 'RUS'],
    ['Islamic Republic of Iran', 'IRN'],
    ['the Niger', 'NER'],
    ['Saint Vincent and the Grenadines', 'VCT'],
    ['United States of America', 'USA'],
    ['Democratic People’s Republic of Korea', 'PRK'],
    ['Bolivia (Plurinational State of)', 'BOL'],
    ['Czechoslovakia', 'CSK'],
  ])('%s is %s', (name, code) => {
    expect(countryCodeForName(name)).toBe(code);
  });

  it('knows no code for a name that is only part of a country name', () => {
    expect(countryCodeForName('Korea')).toBeNull();
    expect(countryCodeForName('the Observer State of Palestine to the United Nations')).toBeNull();
  });

  it('names codes the way the UN does, including states that no longer exist', () => {
    expect(countryByCode('VNM')?.name).toBe('Viet Nam');
    expect(countryByCode('kaz')?.name).toBe('Kazakhstan');
    expect(countryByCode('YUG')?.name).toBe('Yugoslavia');
    expect(countryByCode('DDR')?.name).toBe('German Democratic Republic');
    expect(countryByCode('XYZ')).toBeNull();
  });
});

describe('zero-width characters pasted into names', () => {
  const invisible = { 'zero width space': '\u200B', 'non-joiner': '\u200C', 'joiner': '\u200D', 'word joiner': '\u2060', 'byte-order mark': '\uFEFF' };

  it.each(Object.entries(invisible))('reads a name with a %s inside it', (_, character) => {
    const name = `Kaza${character}khstan`;
    expect(countryCodeForName(name)).toBe('KAZ');
    expect(countryCodeForName(`Russian${character} Federation`)).toBe('RUS');
    expect(countryByCode(`${character}KAZ`)?.name).toBe('Kazakhstan');
  });

  it('finds the name in a question and says where it is, as written', () => {
    const text = 'what did \uFEFFKaza\u200Bkhstan and Viet\u2060 Nam ask for?';
    expect(findCountryMentions(text)).toEqual([
      { code: 'KAZ', start: 10, end: 21, matched: 'Kaza\u200Bkhstan' },
      { code: 'VNM', start: 26, end: 35, matched: 'Viet\u2060 Nam' },
    ]);
  });
});
