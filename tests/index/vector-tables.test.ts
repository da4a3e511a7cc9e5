import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/corpus/sentences.js';
import type { IndexReport } from '../../src/index/indexer.js';
import type { IndexedArchive } from '../../src/archive/open-archive.js';
import { openTestArchive } from '../support/archive.js';
import { scratchCorpus, temporaryDir } from '../support/corpus.js';

const QUESTION = 'which country asked for observer status for the Conference on Interaction?';

function tableSql(file: string, table: string): string | undefined {
  const db = new Database(file, { readonly: true });
  const row = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) as { sql: string } | undefined;
  db.close();
  return row?.sql;
}

describe('an index built with older vector tables', () => {
  let indexDir: string;
  let file: string;
  let corpus: string;
  let archive: IndexedArchive;
  let first: IndexReport;

  beforeAll(async () => {
    corpus = scratchCorpus(['seed/000_129fec8e5b34501d.txt']);
    indexDir = temporaryDir('verbatim-vector-tables-');
    file = path.join(indexDir, 'paragraphs.sqlite');
    archive = await openTestArchive(indexDir);
    first = await archive.reindex([corpus]);
  });
  afterAll(() => archive.close());

  it('has its paragraph vectors moved out of the WITHOUT ROWID table, embeds nothing again and answers the same', async () => {
    const before = await archive.search(QUESTION, { k: 3 });
    const db = new Database(file);
    db.transaction(() => {
      db.exec('CREATE TABLE vectors_old (text_hash TEXT PRIMARY KEY, vector BLOB NOT NULL) WITHOUT ROWID');
      db.exec('INSERT INTO vectors_old SELECT text_hash, vector FROM vectors');
      db.exec('DROP TABLE vectors');
      db.exec('ALTER TABLE vectors_old RENAME TO vectors');
    })();
    db.close();

    const run = await archive.reindex([corpus]);

    expect(run).toMatchObject({ paragraphsEmbedded: 0, sentencesEmbedded: 0 });
    expect(tableSql(file, 'vectors')).not.toMatch(/WITHOUT ROWID/i);
    const after = await archive.search(QUESTION, { k: 3 });
    expect(after.hits.map((h) => [h.text, h.score])).toEqual(before.hits.map((h) => [h.text, h.score]));
  });

  it("has sentence vectors made without the speaker's country made again once, answering meanwhile", async () => {
    const before = await archive.search(QUESTION, { k: 3 });
    const db = new Database(file);
    db.transaction(() => {
      db.exec('CREATE TABLE sentence_vectors (id INTEGER PRIMARY KEY, text_hash TEXT NOT NULL UNIQUE, vectors BLOB NOT NULL)');
      db.exec('INSERT INTO sentence_vectors (text_hash, vectors) SELECT text_hash, vectors FROM speaker_sentence_vectors');
      db.exec('DROP TABLE speaker_sentence_vectors');
    })();
    db.close();

    const meanwhile = await archive.search(QUESTION, { k: 3 });
    expect(meanwhile.hits.length).toBeGreaterThan(0);

    const run = await archive.reindex([corpus]);
    expect(run).toMatchObject({ paragraphsEmbedded: 0, sentencesEmbedded: first.sentencesEmbedded });
    expect(first.sentencesEmbedded).toBeGreaterThan(0);
    expect(tableSql(file, 'sentence_vectors')).toBeUndefined();
    expect(await archive.reindex([corpus])).toMatchObject({ paragraphsEmbedded: 0, sentencesEmbedded: 0 });
    const after = await archive.search(QUESTION, { k: 3 });
    expect(after.hits.map((h) => [h.text, h.score])).toEqual(before.hits.map((h) => [h.text, h.score]));
  });

  it('has two-sentence paragraphs, looked at under the three-sentence rule, given sentence vectors once', async () => {
    const before = await archive.search(QUESTION, { k: 3 });
    const db = new Database(file);
    const twoSentences = (db.prepare('SELECT text_hash AS hash, text FROM paragraphs').all() as { hash: string; text: string }[]).filter(
      (p) => splitSentences(p.text).length === 2,
    );
    const hashes = [...new Set(twoSentences.map((p) => p.hash))];
    db.transaction(() => {
      // What the rule of 60 words and 3 sentences left: these paragraphs marked as looked at, with no sentence vectors.
      for (const hash of hashes) db.prepare("UPDATE speaker_sentence_vectors SET vectors = x'' WHERE text_hash = ?").run(hash);
      db.prepare("DELETE FROM meta WHERE key = 'sentence_rule'").run();
    })();
    db.close();
    expect(hashes.length).toBeGreaterThan(0);

    const run = await archive.reindex([corpus]);
    expect(run).toMatchObject({ paragraphsEmbedded: 0, sentencesEmbedded: 2 * hashes.length });
    expect(await archive.reindex([corpus])).toMatchObject({ paragraphsEmbedded: 0, sentencesEmbedded: 0 });
    const after = await archive.search(QUESTION, { k: 3 });
    expect(after.hits.map((h) => [h.text, h.score])).toEqual(before.hits.map((h) => [h.text, h.score]));
  });
});
