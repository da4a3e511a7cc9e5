import { describe, expect, it } from 'vitest';
import { findCountryMentions } from '../../src/corpus/countries.js';
import { loadSpeakerTable } from '../../src/corpus/speakers-table.js';
import { understandQuestion } from '../../src/search/question.js';
import { SpeakerDirectory } from '../../src/search/speakers.js';
import { sharedFile } from '../support/corpus.js';

const speakers = SpeakerDirectory.fromRows(loadSpeakerTable(sharedFile('ungdc/speakers.csv')).rows());
/** Words the statements write in lower case (the index tells the archive's own; these stand in for it). */
const ORDINARY = new Set(['rice', 'may', 'hope', 'brown', 'said', 'young']);
const read = (question: string) =>
  understandQuestion(question, { findCountries: findCountryMentions, speakers, isOrdinaryWord: (w) => ORDINARY.has(w) });

describe('reading who is speaking from a person or an office', () => {
  it('reads a person by any usual form of their name as the speaker, over the countries the question is about', () => {
    for (const question of [
      'what did Obama say about the Syrian war?',
      'what did Barack Obama tell the assembly about Iran’s nuclear deal?',
      'did president obama mention cuba',
    ]) {
      const reading = read(question);
      expect(reading.filters.countries, question).toEqual(['USA']);
      expect(reading.filters.years, question).toEqual([2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016]);
      expect(reading.speaker?.name, question).toBe('Barack Obama');
    }
    expect(read('what did Macron say about Lebanon?').filters.countries).toEqual(['FRA']);
    expect(read('what did Trump say about Venezuela?').filters.countries).toEqual(['USA']);
    expect(read('what did Angela Merkel say about refugees?').filters).toMatchObject({ countries: ['DEU'], years: [2007] });
  });

  it('does not read a person congratulated, thanked or elected as the speaker', () => {
    expect(read('did anyone congratulate Mrs. Pandit on her election as President of the Assembly?').speaker).toBeNull();
    expect(read('which country thanked Kofi Annan for his work in 2006?').speaker).toBeNull();
    expect(read('did Pandit speak about Kashmir?').speaker?.country).toBe('IND');
  });

  it('reads spellings with accents or a letter more or less, and the name members use', () => {
    expect(read('what did zelensky say about grain exports').filters.countries).toEqual(['UKR']);
    expect(read('what did Zelenskyy say about grain exports').filters.countries).toEqual(['UKR']);
    expect(read('what did lula say about hunger').filters.countries).toEqual(['BRA']);
    expect(read('what did Lula say about hunger in 2023?').filters).toMatchObject({ countries: ['BRA'], years: [2023] });
  });

  it('takes the name out of the words searched for, and keeps the topic country in them', () => {
    const reading = read('what did Obama say about the Syrian war?');
    expect(reading.topic).not.toMatch(/obama/i);
    expect(reading.topic).toMatch(/Syrian war/);
  });

  it('never reads an ordinary word as a name, even when a speaker bears it', () => {
    expect(read('what was said about rice production').speaker).toBeNull();
    expect(read('what was said about rice production').filters.countries).toEqual([]);
  });

  it('reads an office with a country or a demonym, by the year asked or every year it spoke', () => {
    const modi = read('what did the indian prime minister say about terrorism in 2019?');
    expect(modi.filters.countries).toEqual(['IND']);
    expect(modi.raised.years).toEqual([2019]);
    expect(modi.speaker).toMatchObject({ office: 'Prime Minister', years: [2019] });
    const scholz = read('according to the german chancellor, when will putin give up on the war?');
    expect(scholz.filters.countries).toEqual(['DEU']);
    expect(scholz.raised.years).toContain(2022);
    const brazil = read("what did brazil's president say about the amazon?");
    expect(brazil.filters.countries).toEqual(['BRA']);
    expect(brazil.speaker?.years.length).toBeGreaterThan(10);
    expect(read('what did the french foreign minister say about mali?').filters.countries).toEqual(['FRA']);
    expect(read('what did the president of ghana say about debt?').filters.countries).toEqual(['GHA']);
  });
});

describe('reading a country as the speaker or as the topic', () => {
  it('filters by a country stated as the speaker', () => {
    expect(read('what did tunisia say about the francophonie summit in 2021').filters.countries).toEqual(['TUN']);
    expect(read("in Fiji's 2017 speech, what about oceans?").filters).toMatchObject({ countries: ['FJI'], years: [2017] });
    expect(read('lebanon 2020 - how many people were left homeless by the port explosion?').filters.countries).toEqual(['LBN']);
  });

  it('only raises a country that may be the topic, and never one inside a compound word', () => {
    const mayotte = read('did the islanders of mayotte vote to stay with france?');
    expect(mayotte.filters.countries).toEqual([]);
    expect(mayotte.raised.countries).toEqual(['FRA']);
    const summit = read('what did leaders say about the ibero-american summit in veracruz?');
    expect([...summit.filters.countries, ...summit.raised.countries]).toEqual([]);
  });

  it('only raises a year that may date the event rather than the speech', () => {
    const reading = read('what did Cuba say about helping with ebola in 2014?');
    expect(reading.filters).toMatchObject({ countries: ['CUB'], years: [] });
    expect(reading.raised.years).toEqual([2014]);
  });

  it('never limits "which country said X about Y" to Y', () => {
    const reading = read('which country said it would send troops to mali?');
    expect([...reading.filters.countries, ...reading.raised.countries]).toEqual([]);
  });
});

describe('suggesting speakers', () => {
  it('offers the speakers whose names start with what was typed, latest first', () => {
    const suggestions = speakers.suggest('obam', 5);
    expect(suggestions[0]).toMatchObject({ name: 'Barack Obama', country: 'USA' });
    expect(speakers.byName('Barack Obama', 'USA')?.years).toContain(2015);
  });
});
