import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { on, sleep, startHarness, type Harness } from '../support/discord/harness.js';
import { makeUser, messageCreate } from '../support/discord/payloads.js';
import { snowflake } from '../support/discord/snowflake.js';
import { expectNoPings, quotePieces } from './helpers.js';
import { openTestArchive } from './test-archive.js';

let h: Harness;
let channelId: string;
beforeAll(async () => {
  h = await startHarness({ archive: await openTestArchive() });
  channelId = h.guild.channels[0]!.id;
});
afterAll(async () => {
  await h?.stop();
});

function say(content: string, options: Parameters<typeof messageCreate>[4] = {}, author = makeUser('chatter')) {
  const message = messageCreate(h.server, h.guild, author, content, options);
  h.server.dispatch('MESSAGE_CREATE', message);
  return message;
}

const lastSearch = () => h.archive.callsTo('search').at(-1)!;

/** A public thread another member starts in the channel; returns its id. */
function threadStartedBySomeoneElse(name: string): string {
  const id = snowflake();
  h.server.dispatch('THREAD_CREATE', {
    id,
    type: 11,
    guild_id: h.guild.id,
    parent_id: channelId,
    owner_id: snowflake(),
    name,
    thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
    newly_created: true,
  });
  return id;
}

describe('chat', () => {
  it('answers a mention in a thread it starts on the question, and follow-ups keep country and year', async () => {
    const question = say('What did Kazakhstan say about nuclear weapons in 2007?', { mentionBot: true });
    const thread = await h.server.waitForRequest(on.startThread(channelId, question.id));
    expect(thread.body.name).toBe('What did Kazakhstan say about nuclear weapons in 2007?');
    const answer = await h.server.waitForRequest(on.channelMessage(question.id));
    expect(answer.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(answer.body.embeds.length).toBeGreaterThan(0);
    for (const e of answer.body.embeds) expect(e.title).toMatch(/^#\d+ · Kazakhstan · (.+ · )?General Assembly · 2007 · ¶\d+$/);
    expect(answer.body.embeds.some((e: any) => quotePieces(e).join(' ').includes('nuclear'))).toBe(true);

    // A follow-up in the bot's thread, no mention: same country, new year, same topic.
    const followUp = say('and in 2015?', { channelId: question.id });
    const second = await h.server.waitForRequest(
      (r) => on.channelMessage(question.id)(r) && r.body.message_reference?.message_id === followUp.id,
    );
    // Twice the 3 quotes shown and one more: repeated texts are dropped before the page is cut.
    expect(lastSearch().args).toEqual([
      'What did Kazakhstan say about nuclear weapons in 2007?',
      { k: 7, filters: { countries: ['KAZ'], years: [2015] } },
    ]);
    for (const e of second.body.embeds) expect(e.title).toMatch(/^#\d+ · Kazakhstan · (.+ · )?2015 · ¶\d+$/);

    // Naming another country changes the country only.
    const third = say('what about Russia?', { channelId: question.id });
    await h.server.waitForRequest((r) => on.channelMessage(question.id)(r) && r.body.message_reference?.message_id === third.id);
    expect(lastSearch().args[1]).toEqual({ k: 7, filters: { countries: ['RUS'], years: [2015] } });

    // A new topic keeps the filters but is searched on its own words.
    const fourth = say('terrorism', { channelId: question.id });
    await h.server.waitForRequest((r) => on.channelMessage(question.id)(r) && r.body.message_reference?.message_id === fourth.id);
    expect(lastSearch().args).toEqual(['terrorism', { k: 7, filters: { countries: ['RUS'], years: [2015] } }]);
  });

  it('ignores bots, unmentioned channel messages and threads it did not start', async () => {
    const otherThread = threadStartedBySomeoneElse('someone else');
    const before = h.server.requests.length;
    const ignored = [
      say('CICA', { mentionBot: true, bot: true }),
      say('What did Kazakhstan say about CICA?'),
      say('What did Kazakhstan say about CICA?', { channelId: otherThread }),
    ];
    const answered = say('CICA', { mentionBot: true });
    await h.server.waitForRequest(on.channelMessage(answered.id));
    await sleep(20);
    const paths = h.server.requests.slice(before).map((r) => r.path);
    for (const m of ignored) expect(paths.some((p) => p.includes(m.id))).toBe(false);
    expect(paths.some((p) => p.startsWith(`/channels/${otherThread}`))).toBe(false);
  });

  it('answers a mention inside a thread it did not start in place', async () => {
    const otherThread = threadStartedBySomeoneElse('discussion');
    const m = say('CICA', { mentionBot: true, channelId: otherThread });
    const reply = await h.server.waitForRequest(on.channelMessage(otherThread));
    expect(reply.body.message_reference.message_id).toBe(m.id);
  });

  it('replies in the channel when it cannot start a thread', async () => {
    const undo = h.server.respond((r) =>
      r.path.endsWith('/threads') ? { status: 403, body: { message: 'Missing Permissions', code: 50013 } } : undefined,
    );
    try {
      const m = say('What did Kazakhstan say about CICA?', { mentionBot: true });
      const reply = await h.server.waitForRequest((r) => on.channelMessage(channelId)(r) && r.body.message_reference?.message_id === m.id);
      expect(reply.body.embeds.length).toBeGreaterThan(0);
    } finally {
      undo();
    }
  });

  it('answers a direct message', async () => {
    const dm = snowflake();
    const user = makeUser('private');
    const message = {
      ...messageCreate(h.server, h.guild, user, 'What did Kazakhstan say about CICA?', { channelId: dm }),
      guild_id: undefined,
      member: undefined,
      channel_type: 1,
    };
    h.server.dispatch('MESSAGE_CREATE', message);
    const reply = await h.server.waitForRequest(on.channelMessage(dm));
    expect(reply.body.embeds.length).toBeGreaterThan(0);
  });
});

describe('chat with bad input', () => {
  it('explains itself when mentioned with no question', async () => {
    const m = say('', { mentionBot: true });
    const reply = await h.server.waitForRequest((r) => on.channelMessage(channelId)(r) && r.body.message_reference?.message_id === m.id);
    expect(reply.body.content).toMatch(/^Ask me a question about UN statements/);
  });

  it('refuses 6,000 characters briefly', async () => {
    const m = say('peace '.repeat(1000).trim(), { mentionBot: true });
    const reply = await h.server.waitForRequest((r) => on.channelMessage(channelId)(r) && r.body.message_reference?.message_id === m.id);
    expect(reply.body.content).toMatch(/^Please keep questions under 500 characters/);
  });

  it('never pings, whatever the question contains', async () => {
    const m = say('@everyone <@123456789012345678> what did **Kazakhstan** say about ||CICA||? @here', { mentionBot: true });
    const thread = await h.server.waitForRequest(on.startThread(channelId, m.id));
    expect(thread.body.name).toBe('everyone what did Kazakhstan say about CICA? here');
    await h.server.waitForRequest(on.channelMessage(m.id));
    expectNoPings(h);
  });

  it('rate-limits chat too, warning once', async () => {
    const limited = await startHarness({ archive: await openTestArchive(), env: { RATE_LIMIT_QUESTIONS: '1' } });
    try {
      const user = makeUser('fast');
      const send = () => {
        const m = messageCreate(limited.server, limited.guild, user, 'CICA', {
          mentionBot: true,
          channelId: limited.guild.channels[0]!.id,
        });
        limited.server.dispatch('MESSAGE_CREATE', m);
        return m;
      };
      await limited.server.waitForRequest(on.channelMessage(send().id));
      const second = send();
      const warning = await limited.server.waitForRequest((r) => r.body?.message_reference?.message_id === second.id);
      expect(warning.body.content).toMatch(/^You're asking faster than I can keep up with/);
      const third = send();
      const fourth = messageCreate(limited.server, limited.guild, makeUser('other'), 'CICA', { mentionBot: true });
      limited.server.dispatch('MESSAGE_CREATE', fourth);
      await limited.server.waitForRequest(on.channelMessage(fourth.id));
      expect(limited.server.requests.some((r) => r.body?.message_reference?.message_id === third.id)).toBe(false);
    } finally {
      await limited.stop();
    }
  });
});
