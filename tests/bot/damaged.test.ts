import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAMAGED_INDEX_IN_DISCORD } from '../../src/remedies.js';
import { on, startHarness, type Harness } from '../support/discord/harness.js';
import { makeUser, slashCommand, str } from '../support/discord/payloads.js';
import { openTestArchive } from './test-archive.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ archive: await openTestArchive() });
});
afterAll(async () => {
  await h?.stop();
});

const member = { user: makeUser('member') };
/** What the reader's background check says of a damaged database: the file on the bot's machine and the repair. */
const REFUSAL = 'The index database /srv/verbatim/embeddings/paragraphs.sqlite is damaged (SQLite: malformed page).';

describe('a damaged database, as a member in Discord meets it', () => {
  it('refuses every question privately, with no path of the server and no command a member cannot run', async () => {
    h.archive.damaged = REFUSAL;
    try {
      const token = h.server.sendInteraction(
        slashCommand(h.server, h.guild, member, 'ask', [str('question', 'what did Kazakhstan ask the General Assembly?')]),
      );
      const reply = (await h.server.waitForRequest(on.callback(token))).body;
      expect(reply.data).toMatchObject({ content: DAMAGED_INDEX_IN_DISCORD, flags: 64 });
      expect(JSON.stringify(reply)).not.toContain('/srv/verbatim');
    } finally {
      h.archive.damaged = null;
    }
  });

  it('says the index is damaged, not "something went wrong", when a read meets the damage during an answer', async () => {
    h.archive.failNextSearch = new Error('database disk image is malformed');
    h.archive.damagedByFailure = REFUSAL;
    try {
      const token = h.server.sendInteraction(
        slashCommand(h.server, h.guild, member, 'ask', [str('question', 'what did Kazakhstan ask the General Assembly?')]),
      );
      expect((await h.server.waitForRequest(on.callback(token))).body.type).toBe(5);
      const told = await h.server.waitForRequest((r) => on.followUp(token)(r) || on.editOriginal(token)(r));
      expect(told.body.content).toBe(DAMAGED_INDEX_IN_DISCORD);
    } finally {
      h.archive.damaged = null;
    }
  });
});
