import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexedArchive } from '../../src/search/open-archive.js';
import { openTestArchive } from '../support/archive.js';
import { scratchCorpus, temporaryDir } from '../support/corpus.js';

const QUESTION = 'which country asked for observer status for the Conference on Interaction?';

/** Puts a table back in the layout indexes had before December 2026: keyed by text hash, WITHOUT ROWID. */
function restoreOldLayout(db: Database.Database, table: string, column: string): void {
  db.exec(`CREATE TABLE ${table}_old (text_hash TEXT PRIMARY KEY, ${column} BLOB NOT NULL) WITHOUT ROWID`);
  db.exec(`INSERT INTO ${table}_old SELECT text_hash, ${column} FROM ${table}`);
  db.exec(`DROP TABLE ${table}`);
  db.exec(`ALTER TABLE ${table}_old RENAME TO ${table}`);
}

describe('an index built with the older vector tables', () => {
  let indexDir: string;
  let corpus: string;
  let archive: IndexedArchive;

  beforeAll(async () => {
    corpus = scratchCorpus(['seed/000_129fec8e5b34501d.txt']);
    indexDir = temporaryDir('verbatim-vector-tables-');
    archive = await openTestArchive(indexDir);
    await archive.reindex([corpus]);
  });
  afterAll(() => archive.close());

  it('is moved to the new tables at the next run, embeds nothing again and answers the same', async () => {
    const before = await archive.search(QUESTION, { k: 3 });
    const file = path.join(indexDir, 'paragraphs.sqlite');
    const db = new Database(file);
    db.transaction(() => {
      restoreOldLayout(db, 'vectors', 'vector');
      restoreOldLayout(db, 'sentence_vectors', 'vectors');
    })();
    db.close();

    const run = await archive.reindex([corpus]);

    expect(run).toMatchObject({ paragraphsEmbedded: 0, sentencesEmbedded: 0 });
    const check = new Database(file, { readonly: true });
    const layouts = check.prepare(`SELECT name, sql FROM sqlite_master WHERE name IN ('vectors', 'sentence_vectors')`).all() as { name: string; sql: string }[];
    check.close();
    expect(layouts).toHaveLength(2);
    for (const { sql } of layouts) expect(sql).not.toMatch(/WITHOUT ROWID/i);
    const after = await archive.search(QUESTION, { k: 3 });
    expect(after.hits.map((h) => [h.text, h.score])).toEqual(before.hits.map((h) => [h.text, h.score]));
  });
});
