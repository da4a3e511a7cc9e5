import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementReader } from '../../src/corpus/reader.js';
import type { IndexedArchive } from '../../src/archive/open-archive.js';
import { openTestArchive } from '../support/archive.js';
import { scratchCorpus, sharedFile, temporaryDir } from '../support/corpus.js';

const FILES = [
  'seed/000_129fec8e5b34501d.txt',
  'unsc-2020/UNSC_2020_SPV.8699_spch008.txt',
  'unsc-2020/UNSC_2020_SPV.8698_spch003.txt',
  'ungdc/2015/KAZ_70_2015.txt',
];

describe('incremental indexing', () => {
  let corpus: string;
  let archive: IndexedArchive;

  beforeAll(async () => {
    corpus = scratchCorpus(FILES);
    archive = await openTestArchive();
  });
  afterAll(() => archive.close());

  it('indexes every paragraph once, and embeds nothing when run again', async () => {
    const first = await archive.reindex([corpus]);
    expect(first.filesAdded).toBe(FILES.length);
    const reader = statementReader();
    const expected = FILES.map((f) => reader.read(sharedFile(f))).reduce((n, s) => n + ('paragraphs' in s ? s.paragraphs.length : 0), 0);
    expect(first.paragraphsAdded).toBe(expected);
    expect(archive.stats().paragraphs).toBe(first.paragraphsAdded);

    const second = await archive.reindex([corpus]);
    expect(second).toMatchObject({ filesUnchanged: FILES.length, paragraphsEmbedded: 0, paragraphsAdded: 0 });
  });

  it('replaces only the paragraphs of a changed file and drops a removed file', async () => {
    const seedCopy = path.join(corpus, '000_129fec8e5b34501d.txt');
    const kazakhstan2015 = archive.index.store.statements.byPath(path.join(corpus, 'KAZ_70_2015.txt'))!;
    const untouched = archive.index.store.paragraphs.idsOf(kazakhstan2015.id);

    const original = fs.readFileSync(seedCopy, 'utf8');
    const lastParagraphDropped = original.slice(0, original.lastIndexOf('\n\nMy delegation considers'));
    fs.writeFileSync(seedCopy, lastParagraphDropped);
    fs.rmSync(path.join(corpus, 'UNSC_2020_SPV.8699_spch008.txt'));

    const report = await archive.reindex([corpus]);
    expect(report).toMatchObject({ filesChanged: 1, filesRemoved: 1, filesUnchanged: 2 });
    // The seed's other paragraphs kept their text, so their vectors were reused rather than embedded again.
    expect(report.paragraphsEmbedded).toBe(0);
    expect(archive.index.store.paragraphs.idsOf(kazakhstan2015.id)).toEqual(untouched);
    const estonia = await archive.search('did Estonia say anything about the missile attacks on bases in Iraq?', { k: 10 });
    expect(estonia.hits.every((h) => !h.meta.path.endsWith('spch008.txt'))).toBe(true);
  });

  it('reports an unreadable file with its reason and indexes the rest', async () => {
    const folder = scratchCorpus(['seed/000_129fec8e5b34501d.txt']);
    fs.writeFileSync(path.join(folder, 'broken.txt'), Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]));
    fs.writeFileSync(path.join(folder, 'empty.txt'), '');
    const other = await openTestArchive();
    try {
      const report = await other.reindex([folder]);
      expect(report.filesAdded).toBe(1);
      expect(report.unreadable.map((u) => path.basename(u.path)).sort()).toEqual(['broken.txt', 'empty.txt']);
      expect(report.unreadable.every((u) => u.reason.length > 0)).toBe(true);
    } finally {
      other.close();
    }
  });
});

describe('crash safety', () => {
  it('survives kill -9 at any moment of indexing: the index opens, is consistent and resumes', async () => {
    const indexDir = temporaryDir('verbatim-crash-');
    const speeches = fs.readdirSync(sharedFile('unsc-2020')).sort().slice(0, 40);
    const roots = [scratchCorpus(speeches.map((name) => `unsc-2020/${name}`))];
    const child = path.resolve('tests/support/index-child.ts');
    const killAfter = [2_500, 4_000, 6_000, 3_000];
    for (const delay of killAfter) {
      const proc = spawn(process.execPath, ['--import', 'tsx', child, indexDir, ...roots], { stdio: ['ignore', 'pipe', 'inherit'] });
      // Listened for from the start: a late run may finish its remaining work before the kill comes.
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, delay));
      proc.kill('SIGKILL');
      await exited;

      const reopened = await openTestArchive(indexDir);
      try {
        const { paragraphs } = reopened.stats();
        expect(reopened.index.vectors.size).toBe(paragraphs);
        if (paragraphs > 0) expect((await reopened.search('security council', { k: 3 })).hits.length).toBeGreaterThan(0);
      } finally {
        reopened.close();
      }
    }
    const resumed = await openTestArchive(indexDir);
    try {
      const report = await resumed.reindex(roots);
      const clean = await openTestArchive();
      const cleanReport = await clean.reindex(roots);
      expect(resumed.stats().paragraphs).toBe(clean.stats().paragraphs);
      expect(report.filesAdded + report.filesUnchanged).toBe(cleanReport.filesAdded);
      clean.close();
    } finally {
      resumed.close();
    }
  });
});
