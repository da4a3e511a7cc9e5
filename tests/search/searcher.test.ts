import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexedArchive } from '../../src/archive/open-archive.js';
import { openTestArchive } from '../support/archive.js';
import { sharedFile } from '../support/corpus.js';

const STATEMENTS = [
  'seed/000_129fec8e5b34501d.txt',
  'unsc-2020/UNSC_2020_SPV.8699_spch008.txt',
  'unsc-2020/UNSC_2020_SPV.8698_spch003.txt',
  'ungdc/2011/MDA_66_2011.txt',
  'ungdc/2016/MNG_71_2016.txt',
  'ungdc/2016/NPL_71_2016.txt',
  'ungdc/2017/AZE_72_2017.txt',
  'ungdc/2015/KAZ_70_2015.txt',
  'ungdc/2015/FJI_70_2015.txt',
  'ungdc/2015/TUV_70_2015.txt',
];

describe('hybrid search over real statements with the real model', () => {
  let archive: IndexedArchive;

  beforeAll(async () => {
    archive = await openTestArchive();
    for (const file of STATEMENTS) await archive.reindex([sharedFile(file)]);
  });
  afterAll(() => archive.close());

  const top = async (question: string, k = 5) => (await archive.search(question, { k })).hits;

  it('answers the seed question with the whole CICA paragraph first', async () => {
    const [first] = await top('what did Kazakhstan ask the General Assembly?');
    expect(first!.text).toContain(
      'Kazakhstan has requested the General Assembly to grant observer status to the Conference on Interaction',
    );
    expect(first!.meta.path).toBe(sharedFile(STATEMENTS[0]!));
    expect(first!.organizations).toContain('CICA');
  });

  it('finds names, acronyms and numbers', async () => {
    expect((await top('resolution 1631'))[0]!.text).toContain('Resolution 1631 (2005)');
    expect((await top('Azerspace satellites'))[0]!.text).toContain('Azerspace');
    expect((await top('5+2 talks on transnistria'))[0]!.meta.country).toBe('MDA');
  });

  it('finds paraphrases', async () => {
    const hits = await top('which country got rid of capital punishment?');
    expect(hits.slice(0, 3).some((h) => h.text.includes('Mongolia has abolished the death penalty'))).toBe(true);
  });

  it('applies the limits the question states, and says which', async () => {
    const result = await archive.search('did Estonia say anything about the missile attacks on bases in Iraq?', { k: 3 });
    expect(result.filters.countries).toContain('EST');
    expect(result.hits[0]!.meta.country).toBe('EST');
    const in2015 = await archive.search('what did Kazakhstan say in 2015?', { k: 5 });
    expect(in2015.filters.years).toEqual([2015]);
    expect(in2015.hits.every((h) => h.meta.year === 2015 && h.meta.country === 'KAZ')).toBe(true);
  });

  it('never lets an unsatisfiable limit empty the answer', async () => {
    const result = await archive.search('what did Kazakhstan say about CICA in 1999?', { k: 3 });
    expect(result.hits.length).toBe(3);
  });

  it('says nothing matches well instead of returning noise', async () => {
    expect((await archive.search('qwzx vbnm plokij', { k: 3 })).confident).toBe(false);
    expect((await archive.search('what did Kazakhstan ask the General Assembly?', { k: 3 })).confident).toBe(true);
  });

  it("says nothing matches well when a country's speeches never speak of the topic, though they name the country", async () => {
    // Tuvalu's opening words name Tuvalu: they once counted as words shared with the question.
    const absent = await archive.search('what did tuvalu say about the football world cup in 2015?', { k: 3 });
    expect(absent.filters.countries).toEqual(['TUV']);
    expect(absent.confident).toBe(false);
    const present = await archive.search('what did moldova say about transnistria in 2011?', { k: 3 });
    expect(present.confident).toBe(true);
    expect(present.hits[0]!.text).toContain('Transnistria');
  });

  it('pages through further results without repeating', async () => {
    const first = await archive.search('peace and security', { k: 3 });
    const second = await archive.search('peace and security', { k: 3, offset: 3 });
    expect(second.hits.map((h) => h.rank)).toEqual([4, 5, 6]);
    const ids = new Set(first.hits.map((h) => h.id));
    expect(second.hits.some((h) => ids.has(h.id))).toBe(false);
  });

  it('looks up an organization by any of its names and a country by its code', async () => {
    expect(archive.organization('cica')?.key).toBe('CICA');
    const about = await archive.aboutOrganization('CICA', { k: 10 });
    expect(about.hits.length).toBeGreaterThan(0);
    expect(about.hits.every((h) => /CICA|Conference on Interaction/.test(h.text))).toBe(true);
    const byCountry = await archive.byCountry('MNG', { topic: 'death penalty', k: 3 });
    expect(byCountry.hits[0]!.text).toContain('Mongolia has abolished the death penalty');
    expect(path.basename(byCountry.hits[0]!.meta.path)).toBe('MNG_71_2016.txt');
  });
});

describe("a question about one speaker's topic", () => {
  let archive: IndexedArchive;

  beforeAll(async () => {
    archive = await openTestArchive();
    // "terrorism" is in 2 of these statements' 138 paragraphs (1.4%): a topic word, not a word of every speech.
    for (const file of [
      'ungdc/2019/IND_74_2019.txt',
      'ungdc/2015/TUV_70_2015.txt',
      'ungdc/1955/ARG_10_1955.txt',
      'ungdc/1955/AUS_10_1955.txt',
    ])
      await archive.reindex([sharedFile(file)]);
  });
  afterAll(() => archive.close());

  it('is answered when a paragraph of theirs holds a topic word that only some paragraphs use', async () => {
    const asked = await archive.search('what did the indian prime minister say about terrorism in 2019?', { k: 3 });
    expect(asked.confident).toBe(true);
    expect(asked.hits.some((h) => h.meta.country === 'IND' && /terrorism/i.test(h.text))).toBe(true);
    expect((await archive.search('what did tuvalu say about the football world cup in 2015?', { k: 3 })).confident).toBe(false);
  });
});

describe('a name that is also a word', () => {
  let archive: IndexedArchive;

  beforeAll(async () => {
    archive = await openTestArchive();
    // Israel's 2017 speech names President Trump ten times; four older speeches play a "trump card", in lower case.
    const files = ['ungdc/2017/USA_72_2017.txt', 'ungdc/2017/ISR_72_2017.txt', 'ungdc/1950/CHL_05_1950.txt', 'ungdc/1954/POL_09_1954.txt'];
    for (const file of [...files, 'ungdc/1958/PRT_13_1958.txt', 'ungdc/1961/URY_16_1961.txt']) await archive.reindex([sharedFile(file)]);
  });
  afterAll(() => archive.close());

  it('is read as the speaker when the statements write it capitalised most of the time', async () => {
    const asked = await archive.search('what did Trump say about Venezuela?', { k: 3 });
    expect(asked.speaker?.name).toMatch(/Trump/);
    expect(asked.filters.countries).toEqual(['USA']);
  });
});

describe('limits over an archive that changes', () => {
  let archive: IndexedArchive;

  beforeAll(async () => {
    archive = await openTestArchive();
    await archive.reindex([sharedFile('ungdc/2016/MNG_71_2016.txt'), sharedFile('ungdc/2015/KAZ_70_2015.txt')]);
  });
  afterAll(() => archive.close());

  it('finds a statement added after the same limit was asked about', async () => {
    const question = 'what did Mongolia say about the Convention to Combat Desertification?';
    const before = await archive.search(question, { k: 3 });
    expect(before.hits.every((h) => path.basename(h.meta.path) === 'MNG_71_2016.txt')).toBe(true);
    await archive.reindex([sharedFile('ungdc/2022/MNG_77_2022.txt')]);
    const after = await archive.search(question, { k: 3 });
    expect(after.hits[0]!.text).toContain('Mongolia will be hosting the seventeenth session of the Conference of the Parties');
  });

  it('reads a year the archive holds no statement from as a word, not a limit', async () => {
    await archive.reindex([sharedFile('ungdc/2022/MNG_77_2022.txt')]);
    const result = await archive.search('which country will host the desertification conference in 2026?', { k: 3 });
    expect(result.filters.years).toEqual([]);
    expect(result.hits[0]!.text).toContain('in 2026');
  });
});
