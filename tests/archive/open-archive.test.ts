import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexedArchive } from '../../src/archive/open-archive.js';
import { openTestArchive } from '../support/archive.js';
import { SEED_FILE, scratchCorpus, temporaryDir } from '../support/corpus.js';

describe('statements added by moderators', () => {
  let archive: IndexedArchive;
  let corpus: string;
  let uploaded: string;

  beforeAll(async () => {
    archive = await openTestArchive();
    corpus = temporaryDir('verbatim-added-');
    uploaded = path.join(corpus, 'kazakhstan-open-debate.txt');
    fs.copyFileSync(SEED_FILE, uploaded);
  });
  afterAll(() => archive.close());

  it('keep the metadata the moderator stated through every later reindex', async () => {
    const added = await archive.addStatement(uploaded, { body: 'Security Council', year: 2007 });
    expect(added.paragraphs).toBeGreaterThan(10);
    await archive.reindex([corpus]);
    const [first] = (await archive.search('what did Kazakhstan ask the General Assembly?', { k: 1 })).hits;
    expect(first!.meta).toMatchObject({ body: 'Security Council', year: 2007, country: 'KAZ', speaker: 'Mrs. Aitimova' });
  });

  it('are gone from answers once removed', async () => {
    const removed = await archive.removeStatement(uploaded);
    expect(removed.paragraphs).toBeGreaterThan(10);
    expect(archive.stats().paragraphs).toBe(0);
    expect(fs.existsSync(`${uploaded}.meta.json`)).toBe(false);
  });

  it('refuse a file that is not a statement, with the reason', async () => {
    const binary = path.join(corpus, 'photo.txt');
    fs.writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a]));
    await expect(archive.addStatement(binary, {})).rejects.toThrow(/binary/);
  });
});

describe("a country's statements in reading order", () => {
  let archive: IndexedArchive;

  beforeAll(async () => {
    archive = await openTestArchive();
    await archive.reindex([scratchCorpus(['seed/000_129fec8e5b34501d.txt', 'ungdc/2015/KAZ_70_2015.txt'])]);
  });
  afterAll(() => archive.close());

  it('come by year, and a statement that states no date comes last', async () => {
    const result = await archive.byCountry('KAZ', { k: 200 });
    const years = result.hits.map((h) => h.meta.year ?? null);
    expect(years[0]).toBe(2015);
    expect(years.at(-1)).toBeNull();
    expect(years.indexOf(null)).toBeGreaterThan(years.lastIndexOf(2015));
  });
});
