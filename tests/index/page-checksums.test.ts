import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { IndexedArchive } from '../../src/archive/open-archive.js';
import { fileReservesChecksums } from '../../src/index/page-checksums.js';
import { Store } from '../../src/index/store.js';
import { openTestArchive } from '../support/archive.js';
import { runCli } from '../support/cli-process.js';
import { scratchCorpus, temporaryDir } from '../support/corpus.js';

const SEED = ['seed/000_129fec8e5b34501d.txt'];
const REWRITE_LINE = 'rewriting the database once with a checksum on every page';

/** An index folder whose database was made the way indexes were before page checksums: no bytes reserved for them. */
function indexWithoutChecksums(): { dir: string; database: string } {
  const dir = temporaryDir('verbatim-old-index-');
  const database = path.join(dir, 'paragraphs.sqlite');
  const made = new Database(database);
  made.pragma('journal_mode = WAL');
  made.close();
  const store = Store.openForWriting(database);
  store.meta.set('made-before-checksums', 'kept');
  store.close();
  return { dir, database };
}

describe('page checksums', () => {
  const opened: IndexedArchive[] = [];
  afterEach(() => {
    for (const archive of opened.splice(0)) archive.close();
  });

  it('a new index keeps a checksum on every page, and `--check` says every page matches', async () => {
    const dir = temporaryDir('verbatim-index-');
    const indexed = await runCli('src/cli/index-statements.ts', [scratchCorpus(SEED), '--index-dir', dir]);
    expect(indexed.code).toBe(0);
    expect(indexed.stderr).not.toContain(REWRITE_LINE);
    expect(fileReservesChecksums(path.join(dir, 'paragraphs.sqlite'))).toBe(true);

    const checked = await runCli('src/cli/index-statements.ts', ['--check', '--index-dir', dir]);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain('every page matches its checksum');
  });

  it('an index made before them gets them at its next indexing run, once, keeping what it held; a reader open meanwhile verifies from then on', async () => {
    const { dir, database } = indexWithoutChecksums();
    expect(fileReservesChecksums(database)).toBe(false);
    const reader = await openTestArchive(dir);
    opened.push(reader);
    expect(reader.index.store.keepsPageChecksums()).toBe(false);
    expect(reader.stats().integrity.pageChecksums).toBe(false);

    const corpus = scratchCorpus(SEED);
    const first = await runCli('src/cli/index-statements.ts', [corpus, '--index-dir', dir]);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(REWRITE_LINE);
    expect(fileReservesChecksums(database)).toBe(true);
    const again = await runCli('src/cli/index-statements.ts', [corpus, '--index-dir', dir]);
    expect(again.stderr).not.toContain(REWRITE_LINE);

    const store = Store.openForReading(database);
    expect(store.meta.get('made-before-checksums')).toBe('kept');
    store.close();
    // The reader follows the commits once a second (ParagraphIndex.follow), when it is asked.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await reader.search('what did Kazakhstan ask the General Assembly?', { k: 3 })).hits).toHaveLength(3);
    expect(reader.index.store.keepsPageChecksums()).toBe(true);
    expect(reader.stats().integrity.pageChecksums).toBe(true);
    expect(fs.existsSync(`${database}.creating`)).toBe(false);
  });

  it("the bot's own write adds them, and its reading connection verifies from then on", async () => {
    const { dir } = indexWithoutChecksums();
    const archive = await openTestArchive(dir);
    opened.push(archive);
    await archive.reindex([scratchCorpus(SEED)]);
    expect(archive.index.store.keepsPageChecksums()).toBe(true);
  });
});
