/** /trend and /compare in Discord on an index whose statements state no year (the seed), /ask on an empty one: what to do about it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_INDEX_IN_DISCORD, NO_DATED_STATEMENTS_IN_DISCORD } from '../../src/remedies.js';
import type { IndexedArchive } from '../../src/archive/open-archive.js';
import { openTestArchive } from '../support/archive.js';
import { SEED_FILE } from '../support/corpus.js';
import { on, startHarness, type Harness } from '../support/discord/harness.js';
import { makeUser, slashCommand, str } from '../support/discord/payloads.js';

let h: Harness;
let archive: IndexedArchive;
beforeAll(async () => {
  archive = await openTestArchive();
  await archive.reindex([SEED_FILE]);
  h = await startHarness({ archive });
});
afterAll(async () => {
  await h?.stop();
  archive?.close();
});

describe('an index with no dated statements', () => {
  it('answers /trend and /compare privately with who can add dated statements, and how', async () => {
    const member = makeUser('member');
    for (const [name, options] of [
      ['trend', [str('topic', 'CICA')]],
      ['compare', [str('a', 'Kazakhstan'), str('b', 'France'), str('topic', 'peace')]],
    ] as const) {
      const token = h.server.sendInteraction(slashCommand(h.server, h.guild, { user: member }, name, [...options]));
      const reply = await h.server.waitForRequest(on.callback(token));
      expect(reply.body.type, name).toBe(4);
      expect(reply.body.data.flags & (1 << 6)).toBe(1 << 6);
      expect(reply.body.data.content).toBe(NO_DATED_STATEMENTS_IN_DISCORD);
    }
    expect(NO_DATED_STATEMENTS_IN_DISCORD).toContain('`/statement add` with `date`');
  });
});

describe('an empty index', () => {
  it('answers /ask privately that nothing is indexed yet, and how to add statements, without searching', async () => {
    const empty = await openTestArchive();
    const harness = await startHarness({ archive: empty });
    try {
      const token = harness.server.sendInteraction(
        slashCommand(harness.server, harness.guild, { user: makeUser('member') }, 'ask', [str('question', 'what did Kazakhstan ask?')]),
      );
      const reply = await harness.server.waitForRequest(on.callback(token));
      expect(reply.body.type).toBe(4);
      expect(reply.body.data.flags & (1 << 6)).toBe(1 << 6);
      expect(reply.body.data.content).toBe(EMPTY_INDEX_IN_DISCORD);
      expect(harness.archive.callsTo('search')).toHaveLength(0);
    } finally {
      await harness.stop();
      empty.close();
    }
  });
});
