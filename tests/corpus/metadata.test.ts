import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUnreadableFile, readStatement } from '../../src/corpus/read-statement.js';
import { loadSpeakerTable } from '../../src/corpus/speakers-table.js';
import type { StatementMeta } from '../../src/corpus/types.js';
import { sharedFile, temporaryDir } from '../support/corpus.js';
import { readRealStatement } from './shared-corpus.js';

const speakers = loadSpeakerTable(sharedFile('ungdc/speakers.csv'));

function metaOf(relative: string): StatementMeta {
  return readRealStatement(relative, { speakers }).meta;
}

describe('Security Council speeches', () => {
  it.each([
    ['UNSC_2020_SPV.8698_spch012.txt', 'Mr. Wu Haitao', 'CHN', 'China', 'spoke in Chinese', 'S/PV.8698'],
    ['UNSC_2020_SPV.8699_spch017.txt', 'Mr. Nebenzia', 'RUS', 'Russian Federation', 'spoke in Russian', 'S/PV.8699'],
    ['UNSC_2020_SPV.8699_spch042.txt', "Mr. Ja'afari", 'SYR', 'Syrian Arab Republic', 'spoke in Arabic', 'S/PV.8699'],
    ['UNSC_2020_SPV.8699_spch062.txt', 'Mr. Takht Ravanchi', 'IRN', 'Iran (Islamic Republic of)', null, 'S/PV.8699'],
    ['UNSC_2020_SPV.8699_spch002.txt', 'The Secretary-General', null, null, null, 'S/PV.8699'],
  ])('%s: speaker, country, language and meeting from the prefix and name', (file, speaker, country, countryName, language, meeting) => {
    expect(metaOf(`unsc-2020/${file}`)).toMatchObject({
      speaker,
      country,
      countryName,
      language,
      meeting,
      body: 'Security Council',
      year: 2020,
      session: null,
      post: null,
    });
  });

  it('takes the prefix out of the first paragraph', () => {
    const russia = readRealStatement('unsc-2020/UNSC_2020_SPV.8699_spch017.txt');
    expect(russia.paragraphs[0]!.text).toMatch(/^We welcome you to New York, Mr\. President,/);
  });

  it('gives the President the country he says he speaks for', () => {
    expect(metaOf('unsc-2020/UNSC_2020_SPV.8698_spch020.txt')).toMatchObject({ speaker: 'The President', country: 'VNM', countryName: 'Viet Nam' });
  });

  it('names the group a speaker speaks for, by its acronym', () => {
    expect(metaOf('unsc-2020/UNSC_2020_SPV.8699_spch086.txt')).toMatchObject({ country: 'PHL', onBehalfOf: 'ASEAN' });
    expect(metaOf('unsc-2020/UNSC_2020_SPV.8699_spch092.txt')).toMatchObject({ speaker: 'Mr. Skoog', country: null, onBehalfOf: 'EU' });
    expect(metaOf('unsc-2020/UNSC_2020_SPV.8699_spch098.txt').onBehalfOf).toBe('Nordic countries');
  });

  it('does not take a statement the speaker aligns with for one made on behalf of a group', () => {
    expect(metaOf('unsc-2020/UNSC_2020_SPV.8699_spch090.txt')).toMatchObject({ country: 'ROU', onBehalfOf: null });
    expect(metaOf('seed/000_129fec8e5b34501d.txt').onBehalfOf).toBeNull();
  });
});

describe('the seed statement, whose file name says nothing', () => {
  it('gets speaker and country from its first words and leaves body and year unknown', () => {
    expect(metaOf('seed/000_129fec8e5b34501d.txt')).toEqual({
      path: sharedFile('seed/000_129fec8e5b34501d.txt'),
      country: 'KAZ',
      countryName: 'Kazakhstan',
      speaker: 'Mrs. Aitimova',
      post: null,
      body: null,
      year: null,
      session: null,
      meeting: null,
      language: null,
      onBehalfOf: null,
    });
  });

  it('takes what the caller knows better', () => {
    const statement = readRealStatement('seed/000_129fec8e5b34501d.txt', { overrides: { body: 'Security Council', year: 2007, language: undefined } });
    expect(statement.meta).toMatchObject({ body: 'Security Council', year: 2007, speaker: 'Mrs. Aitimova', country: 'KAZ' });
  });

  it('hashes the bytes of the file', async () => {
    const { createHash } = await import('node:crypto');
    const bytes = fs.readFileSync(sharedFile('seed/000_129fec8e5b34501d.txt'));
    expect(readRealStatement('seed/000_129fec8e5b34501d.txt').contentHash).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});

describe('General Debate speeches', () => {
  it('read country, session and year from the file name and the speaker from speakers.csv', () => {
    expect(metaOf('ungdc/2007/KAZ_62_2007.txt')).toMatchObject({
      country: 'KAZ',
      countryName: 'Kazakhstan',
      session: 62,
      year: 2007,
      body: 'General Assembly',
      speaker: 'Nursultan A. Nazarbayev',
      post: 'President',
      meeting: null,
    });
  });

  it('name the speaker without speakers.csv as unknown', () => {
    expect(readRealStatement('ungdc/2007/KAZ_62_2007.txt').meta).toMatchObject({ speaker: null, post: null, country: 'KAZ' });
  });

  it('read the same from the Harvard Dataverse archive layout', () => {
    const session = path.join(temporaryDir(), 'Session 62 - 2007');
    fs.mkdirSync(session);
    const file = path.join(session, 'KAZ_62_2007.txt');
    fs.copyFileSync(sharedFile('ungdc/2007/KAZ_62_2007.txt'), file);
    const statement = readStatement(file, { speakers });
    expect(isUnreadableFile(statement)).toBe(false);
    expect(statement).toMatchObject({
      meta: { path: file, country: 'KAZ', session: 62, year: 2007, body: 'General Assembly', speaker: 'Nursultan A. Nazarbayev' },
      paragraphs: readRealStatement('ungdc/2007/KAZ_62_2007.txt').paragraphs,
    });
  });

  it('name states that no longer exist and the European Union', () => {
    expect(metaOf('ungdc/1968/YMD_23_1968.txt')).toMatchObject({ country: 'YMD', countryName: 'Democratic Yemen' });
    expect(metaOf('ungdc/2005/YUG_60_2005.txt')).toMatchObject({ country: 'YUG', countryName: 'Yugoslavia' });
    expect(metaOf('ungdc/2020/EU_75_2020.txt')).toMatchObject({ country: 'EU', countryName: 'European Union', onBehalfOf: 'European Union' });
  });
});

describe('speakers.csv', () => {
  it('joins names that the file breaks over two lines inside quotes', () => {
    expect(speakers.lookup('KWT', 2023)).toEqual({ speaker: 'Sheikh Ahmad Nawaf Al-Ahmad Al-Sabah', post: 'Prime Minister' });
  });

  it('trims stray commas and spaces, and corrects a mistyped country code by the country name', () => {
    expect(speakers.lookup('ITA', 2023)?.speaker).toBe('Giorgia Meloni');
    expect(speakers.lookup('PRK', 2017)).toEqual({ speaker: 'Mr. Ri Yong Ho', post: 'Minister for Foreign Affairs' });
    expect(speakers.lookup('ZAF', 2016)?.speaker).toBe('Mr. Jacob Zuma');
  });

  it('answers null for a country and year it does not list', () => {
    expect(speakers.lookup('KAZ', 1950)).toBeNull();
  });
});
