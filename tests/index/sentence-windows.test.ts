import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementReader } from '../../src/corpus/reader.js';
import { splitSentences } from '../../src/corpus/sentences.js';
import { sentencesToEmbed } from '../../src/index/sentence-windows.js';
import type { IndexedArchive } from '../../src/archive/open-archive.js';
import { openTestArchive } from '../support/archive.js';
import { scratchCorpus, sharedFile, temporaryDir } from '../support/corpus.js';

const FILES = ['seed/000_129fec8e5b34501d.txt', 'ungdc/2015/KAZ_70_2015.txt'];

function expectedSentences(): number {
  const reader = statementReader();
  const distinct = new Map(
    FILES.flatMap((f) => {
      const statement = reader.read(sharedFile(f));
      if (!('paragraphs' in statement)) return [];
      return statement.paragraphs.map(
        (p) => [`${statement.meta.countryName} ${p.text}`, sentencesToEmbed(p.text, statement.meta.countryName)] as const,
      );
    }),
  );
  return [...distinct.values()].reduce((n, texts) => n + texts.length, 0);
}

describe('sentences of paragraphs', () => {
  let corpus: string;
  let indexDir: string;
  let archive: IndexedArchive;

  beforeAll(async () => {
    corpus = scratchCorpus(FILES);
    indexDir = temporaryDir('verbatim-sentences-');
    archive = await openTestArchive(indexDir);
  });
  afterAll(() => archive.close());

  it('are embedded once, with the paragraphs, and never again for an unchanged corpus', async () => {
    const first = await archive.reindex([corpus]);
    expect(first.sentencesEmbedded).toBe(expectedSentences());
    expect(first.sentencesEmbedded).toBeGreaterThan(0);
    const second = await archive.reindex([corpus]);
    expect(second).toMatchObject({ paragraphsEmbedded: 0, sentencesEmbedded: 0 });
  });

  it('are added to an index built before they existed, without embedding its paragraphs again', async () => {
    const db = new Database(path.join(indexDir, 'paragraphs.sqlite'));
    db.prepare('DELETE FROM speaker_sentence_vectors').run();
    db.close();
    const upgrade = await archive.reindex([corpus]);
    expect(upgrade).toMatchObject({ paragraphsEmbedded: 0, sentencesEmbedded: expectedSentences() });
  });

  it("are each embedded after the speaker's country, the words of the sentence unchanged", () => {
    const statement = statementReader().read(sharedFile(FILES[0]!));
    if (!('paragraphs' in statement)) throw new Error(statement.reason);
    const long = statement.paragraphs.find((p) => sentencesToEmbed(p.text, null).length > 0)!;
    const country = statement.meta.countryName!;
    expect(country).toBe('Kazakhstan');
    expect(sentencesToEmbed(long.text, country)).toEqual(splitSentences(long.text).map((s) => `Kazakhstan: ${s}`));
    expect(sentencesToEmbed(long.text, null)).toEqual(splitSentences(long.text));
  });

  it('are embedded for a paragraph of two sentences, not for one of a single sentence', () => {
    const statement = statementReader().read(sharedFile(FILES[0]!));
    if (!('paragraphs' in statement)) throw new Error(statement.reason);
    const bySentences = (n: number) => statement.paragraphs.find((p) => splitSentences(p.text).length === n)!.text;
    expect(sentencesToEmbed(bySentences(2), 'Kazakhstan')).toEqual(splitSentences(bySentences(2)).map((s) => `Kazakhstan: ${s}`));
    expect(sentencesToEmbed(bySentences(1), 'Kazakhstan')).toEqual([]);
  });

  it('let a question that one sentence answers find its paragraph first', async () => {
    const result = await archive.search('which country asked for observer status for the Conference on Interaction?', { k: 3 });
    expect(result.hits[0]!.text).toContain('observer status');
  });
});
