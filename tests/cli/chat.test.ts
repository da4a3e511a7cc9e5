import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerLine } from '../../src/cli/chat.js';
import type { IndexedArchive } from '../../src/search/open-archive.js';
import { openTestArchive } from '../support/archive.js';
import { SEED_FILE } from '../support/corpus.js';

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
    expect(await answerLine(archive, '/org NOSUCHORG')).toMatch(/No organization called "NOSUCHORG"/);
  });

  it('looks up a country, explains itself, rejects unknown commands and leaves on /quit', async () => {
    expect(await answerLine(archive, '/country kazakhstan')).toMatch(/^Kazakhstan \(1 statement\)/);
    expect(await answerLine(archive, '/help')).toContain('/org NAME');
    expect(await answerLine(archive, '/frobnicate')).toBe('Unknown command /frobnicate. Type /help.');
    expect(await answerLine(archive, '/quit')).toBeNull();
  });
});
