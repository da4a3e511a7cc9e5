import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isRefusal, readAsk, type FrontEnd } from '../../src/answer/requests.js';
import { CHANGED_PAGE, DamagedIndexError } from '../../src/index/errors.js';
import type { Hit } from '../../src/search/types.js';
import type { IndexedArchive } from '../../src/archive/open-archive.js';
import { openTestArchive } from '../support/archive.js';
import { runCli } from '../support/cli-process.js';
import { scratchCorpus, sharedFolderFiles, temporaryDir } from '../support/corpus.js';
import { checkpoint, noise, overwrite, peek } from '../support/damage.js';

// The attack: 4 KB of random bytes written at 20% of paragraphs.sqlite, as a bad sector or a stray write
// would leave them. Here they land on pages of the vectors table: SQLite's quick_check finds them.
const FILES = ['seed/000_129fec8e5b34501d.txt', ...sharedFolderFiles('unsc-2020').slice(0, 80)];
const QUESTION = 'did Estonia say anything about the missile attacks on bases in Iraq?';
const FRONT: FrontEnd = {
  escape: (words) => words,
  emptyIndex: () => 'empty',
  noDatedStatements: () => 'undated',
  damagedIndex: (refusal) => refusal,
};

let reference: string;

function copyOfReference(damaged: boolean): { dir: string; database: string } {
  const dir = temporaryDir('verbatim-damaged-pages-');
  fs.cpSync(reference, dir, { recursive: true });
  const database = path.join(dir, 'paragraphs.sqlite');
  if (damaged) overwrite(database, Math.floor(fs.statSync(database).size * 0.2), noise(4096));
  return { dir, database };
}

/** The paragraph the question is answered with first, from an intact copy. */
async function firstAnswer(dir: string): Promise<Hit> {
  const archive = await openTestArchive(dir);
  try {
    return (await archive.search(QUESTION, { k: 5 })).hits[0]!;
  } finally {
    archive.close();
  }
}

function ask(dir: string) {
  return runCli('src/cli/ask.ts', [QUESTION, '--json', '--k', '5', '--index-dir', dir]);
}

describe('a database damaged on disk', () => {
  const opened: IndexedArchive[] = [];
  afterEach(() => {
    for (const archive of opened.splice(0)) archive.close();
  });

  beforeAll(async () => {
    reference = temporaryDir('verbatim-pages-reference-');
    const archive = await openTestArchive(reference);
    await archive.reindex([scratchCorpus(FILES)]);
    archive.close();
  });

  it('`ask` refuses with the file and the repair command instead of answering; the intact copy answers 5', async () => {
    const intact = await ask(copyOfReference(false).dir);
    expect(intact.code).toBe(0);
    expect(intact.stderr).toBe('');
    expect(JSON.parse(intact.stdout).results).toHaveLength(5);

    const { dir, database } = copyOfReference(true);
    const asked = await ask(dir);
    expect(asked.code).toBe(1);
    expect(asked.stdout).toBe('');
    expect(asked.stderr).toContain(database);
    expect(asked.stderr).toMatch(/damaged/);
    expect(asked.stderr).toContain(`npm run index -- --rebuild --index-dir ${dir}`);

    const checked = await runCli('src/cli/index-statements.ts', ['--check', '--index-dir', dir]);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(new RegExp(`^database +PROBLEM +${database}: `, 'm'));
  });

  it('once the background check has found the damage, every front end refuses (the same refusal) and a search throws', async () => {
    const { dir, database } = copyOfReference(true);
    const archive = await openTestArchive(dir);
    opened.push(archive);
    expect((await archive.integrity.settled()).state).toBe('damaged');

    const asked = readAsk(archive, FRONT, { question: QUESTION });
    expect(isRefusal(asked)).toBe(true);
    const { refusal } = asked as { refusal: string };
    expect(refusal).toContain(`The index database ${database} is damaged`);
    expect(refusal).toContain(`npm run index -- --rebuild --index-dir ${dir}`);
    expect(refusal.length).toBeLessThan(2000);
    await expect(archive.search(QUESTION, { k: 5 })).rejects.toThrow(DamagedIndexError);
    await expect(archive.findSource('regional organizations have already received observer status')).rejects.toThrow(database);
    expect(() => archive.passage(1)).toThrow(DamagedIndexError);
  });

  it('a letter changed in place inside a paragraph it would quote: its page no longer matches its checksum, and nothing is quoted', async () => {
    const { dir, database } = copyOfReference(false);
    const first = await firstAnswer(dir);
    checkpoint(database);
    const words = first.text.slice(0, 80);
    const at = fs.readFileSync(database).indexOf(Buffer.from(words));
    expect(at).toBeGreaterThan(0);
    const letter = words.search(/[a-z]/);
    overwrite(database, at + letter, Buffer.from(words[letter]!.toUpperCase()));

    const archive = await openTestArchive(dir);
    opened.push(archive);
    expect(await archive.integrity.settled()).toEqual({ state: 'damaged', detail: CHANGED_PAGE });
    await expect(archive.search(QUESTION, { k: 5 })).rejects.toThrow(DamagedIndexError);
    expect(archive.damage()).toContain(`npm run index -- --rebuild --index-dir ${dir}`);
  });

  it("a byte of a stored vector or of a statement's country changed in place (the answer's order or citation, not its words): refused", async () => {
    for (const damage of ['vector', 'country'] as const) {
      const { dir, database } = copyOfReference(false);
      const first = await firstAnswer(dir);
      checkpoint(database);
      const file = fs.readFileSync(database);
      if (damage === 'vector') {
        const vector = peek(
          database,
          'SELECT v.vector FROM vectors v JOIN paragraphs p USING (text_hash) WHERE p.id = ?',
          first.id,
        ) as Buffer;
        const at = file.indexOf(vector.subarray(0, 64));
        expect(at).toBeGreaterThan(0);
        overwrite(database, at + 700, Buffer.from([file[at + 700]! ^ 0x40]));
      } else {
        const contentHash = peek(
          database,
          'SELECT s.content_hash FROM statements s JOIN paragraphs p ON p.statement_id = s.id WHERE p.id = ?',
          first.id,
        );
        const row = file.indexOf(Buffer.from(String(contentHash)));
        const at = file.indexOf(Buffer.from(first.meta.countryName!), row);
        expect(row).toBeGreaterThan(0);
        expect(at - row).toBeLessThan(200);
        overwrite(database, at + 1, Buffer.from('X'));
      }

      const archive = await openTestArchive(dir);
      opened.push(archive);
      expect(await archive.integrity.settled(), damage).toEqual({ state: 'damaged', detail: CHANGED_PAGE });
      expect(isRefusal(readAsk(archive, FRONT, { question: QUESTION })), damage).toBe(true);
    }
  });

  it("a paragraph's text changed through SQLite (its hash left, every page and checksum sound): refuses instead of quoting it", async () => {
    const { dir, database } = copyOfReference(false);
    const first = await firstAnswer(dir);
    const edit = new Database(database);
    edit.prepare(`UPDATE paragraphs SET text = replace(text, 'the', 'THE') WHERE id = ?`).run(first.id);
    edit.close();

    const archive = await openTestArchive(dir);
    opened.push(archive);
    expect((await archive.integrity.settled()).state).toBe('sound');
    await expect(archive.search(QUESTION, { k: 5 })).rejects.toThrow(DamagedIndexError);
    expect(archive.damage()).toContain(`npm run index -- --rebuild --index-dir ${dir}`);
    expect(archive.damage()).toContain(`paragraph ${first.id}'s text no longer matches`);
  });

  it('an intact database checks sound, in the background, and answers as before', async () => {
    const { dir } = copyOfReference(false);
    const archive = await openTestArchive(dir);
    opened.push(archive);
    expect(await archive.integrity.settled()).toMatchObject({ state: 'sound' });
    expect(archive.damage()).toBeNull();
    expect(isRefusal(readAsk(archive, FRONT, { question: QUESTION }))).toBe(false);
    expect((await archive.search(QUESTION, { k: 5 })).hits).toHaveLength(5);
  });

  it('damage that comes after the start is found by the check the next change of the index starts, and refuses from then on', async () => {
    const { dir, database } = copyOfReference(false);
    const archive = await openTestArchive(dir);
    opened.push(archive);
    const first = await archive.integrity.settled();
    expect(first.state).toBe('sound');
    expect((await archive.search(QUESTION, { k: 5 })).hits).toHaveLength(5);

    // Another process commits (the generation moves), and the disk then damages the file.
    const writer = new Database(database);
    writer.prepare(`UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'`).run();
    writer.close();
    checkpoint(database);
    overwrite(database, Math.floor(fs.statSync(database).size * 0.2), noise(4096));
    // A recheck waits, after the last check ended, at least nine times as long as that check took.
    const tookMs = first.state === 'sound' ? first.ms : 0;
    await new Promise((resolve) => setTimeout(resolve, 9 * tookMs + 100));

    await expect(archive.search(QUESTION, { k: 5 })).rejects.toThrow(DamagedIndexError);
    expect(archive.integrity.state.state).toBe('damaged');
    expect(archive.damage()).toContain(`npm run index -- --rebuild --index-dir ${dir}`);
  });
});
