import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatStats } from '../../src/answer/discord.js';
import { answerLine } from '../../src/cli/chat.js';
import type { IndexedArchive } from '../../src/archive/open-archive.js';
import { openTestArchive } from '../support/archive.js';
import { SEED_FILE, temporaryDir } from '../support/corpus.js';

describe('the terminal chat', () => {
  let archive: IndexedArchive;

  beforeAll(async () => {
    archive = await openTestArchive();
    await archive.reindex([SEED_FILE]);
  });
  afterAll(() => archive.close());

  it('answers the seed question with the CICA paragraph first, naming the country it understood', async () => {
    const answer = (await answerLine(archive, 'what did Kazakhstan ask the General Assembly?'))!;
    expect(answer).toContain('Filters: Kazakhstan');
    const first = answer.indexOf('[1]');
    expect(answer.slice(first, answer.indexOf('[2]'))).toContain('Kazakhstan has requested the General Assembly to grant observer status');
  });

  it('looks up an organization by acronym and says when none is known', async () => {
    expect(await answerLine(archive, '/org cica')).toMatch(/^CICA: Conference on Interaction/);
    expect(await answerLine(archive, '/org NOSUCHORG')).toMatch(/^No organization called “NOSUCHORG” appears in the statements/);
  });

  it('finds the source of a quote, the quoted words marked, and says whose words they are', async () => {
    const quote = 'the Security Council should encourage cooperation between the United Nations and regional arrangements';
    const answer = (await answerLine(archive, `/source As Nigeria said: "${quote}"`))!;
    expect(answer.split('\n').slice(0, 2)).toEqual([
      'Found word for word in one paragraph: Kazakhstan.',
      "Not Nigeria's words: Kazakhstan said them.",
    ]);
    expect(answer).toContain(`[[${quote}]]`);
    expect(await answerLine(archive, '/source')).toBe('Usage: /source QUOTE');
  });

  it('looks up a country, explains itself, rejects unknown commands and leaves on /quit', async () => {
    expect(await answerLine(archive, '/country kazakhstan')).toMatch(/^Kazakhstan \(1 statement\)/);
    expect(await answerLine(archive, '/help')).toContain('/org NAME');
    expect(await answerLine(archive, '/frobnicate')).toBe('Unknown command /frobnicate. Type /help.');
    expect(await answerLine(archive, '/quit')).toBeNull();
  });
});

describe('the terminal chat on what the index holds', () => {
  let archive: IndexedArchive;
  let emptyDir: string;
  let empty: IndexedArchive;

  beforeAll(async () => {
    archive = await openTestArchive();
    await archive.reindex([SEED_FILE]);
    emptyDir = temporaryDir('verbatim-chat-empty-');
    empty = await openTestArchive(emptyDir);
  });
  afterAll(() => {
    archive.close();
    empty.close();
  });

  it('/stats shows what the Discord /stats shows, as text', async () => {
    const stats = (await answerLine(archive, '/stats'))!;
    const embed = formatStats(archive.stats());
    expect(stats.split('\n')[0]).toBe(embed.title);
    for (const field of embed.fields!)
      expect(stats).toMatch(new RegExp(`^  ${field.name}\\s+${field.value.replace(/[()]/g, '\\$&')}$`, 'm'));
    expect(stats).toMatch(/^ {2}Statements\s+1$/m);
    expect(await answerLine(archive, '/help')).toContain('/stats');
  });

  it('says the seed holds no dated statements, with the command that adds some, when /trend or /compare is asked', async () => {
    for (const line of ['/trend climate change', '/compare Kazakhstan France peace']) {
      const answer = (await answerLine(archive, line, { indexDir: '/srv/verbatim-index' }))!;
      expect(answer).toMatch(/^The index in \/srv\/verbatim-index holds no dated statements yet/);
      expect(answer).toContain('`npm run index -- PATH --index-dir /srv/verbatim-index`');
    }
  });

  it('answers every question and lookup on an empty index with the command that fills it', async () => {
    for (const line of ['what did Kazakhstan ask?', '/org CICA', '/country Kazakhstan', '/trend peace', '/compare A B peace']) {
      const answer = (await answerLine(empty, line, { indexDir: emptyDir }))!;
      expect(answer, line).toContain(`The index in ${emptyDir} is empty: fill it with \`npm run index -- PATH --index-dir ${emptyDir}\``);
    }
    expect(await answerLine(empty, '/stats')).toMatch(/^ {2}Statements\s+0$/m);
  });

  it('says a folder holds a saved graph but no database beside it, rather than that it is empty', async () => {
    const orphan = temporaryDir('verbatim-orphan-graph-');
    fs.writeFileSync(path.join(orphan, 'manifest.json'), '{}');
    const answer = (await answerLine(empty, 'what did Kazakhstan ask?', { indexDir: orphan }))!;
    expect(answer).toContain(
      `has a saved graph (${path.join(orphan, 'manifest.json')}) but no database beside it (${path.join(orphan, 'paragraphs.sqlite')})`,
    );
    expect(answer).toContain(`\`npm run index -- PATH --index-dir ${orphan}\``);
  });
});
