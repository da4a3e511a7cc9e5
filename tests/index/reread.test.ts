import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexedArchive } from '../../src/archive/open-archive.js';
import { openTestArchive } from '../support/archive.js';
import { scratchCorpus, sharedFolderFiles, temporaryDir } from '../support/corpus.js';

const FILES = sharedFolderFiles('unsc-2020').slice(0, 80);

describe('statements read again under new reading rules, with nothing to embed', () => {
  let archive: IndexedArchive;
  let corpus: string;
  let dir: string;

  beforeAll(async () => {
    corpus = scratchCorpus(FILES);
    dir = temporaryDir('verbatim-reread-');
    archive = await openTestArchive(dir);
    await archive.reindex([corpus]);
  });
  afterAll(() => archive.close());

  it("leave the event loop turning between batches (progress lines, a bot's heartbeats) and embed nothing", async () => {
    const db = new Database(path.join(dir, 'paragraphs.sqlite'));
    db.prepare('UPDATE statements SET parser_version = parser_version - 1').run();
    db.close();
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 0);
    const progress: number[] = [];
    const report = await archive.reindex([corpus], (p) => progress.push(p.filesDone));
    clearInterval(timer);
    expect(report).toMatchObject({ filesChanged: FILES.length, paragraphsEmbedded: 0 });
    expect(report.paragraphsAdded).toBeGreaterThan(2 * 128);
    expect(ticks).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(FILES.length);
  });
});
