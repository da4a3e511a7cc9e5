import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { on, startHarness, type Harness } from '../support/discord/harness.js';
import { buttonClick, int, makeUser, slashCommand, str } from '../support/discord/payloads.js';
import { button, buttons, expectNoPings, expectVerbatim, quotePieces } from './helpers.js';
import { openTestArchive, usesRealArchive } from './test-archive.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ archive: await openTestArchive() });
});
afterAll(async () => {
  await h?.stop();
});

function ask(question: string, extra: ReturnType<typeof str>[] = [], user = makeUser('asker')) {
  return h.server.sendInteraction(slashCommand(h.server, h.guild, { user }, 'ask', [str('question', question), ...extra]));
}

describe('/ask', () => {
  it('defers at once, then edits in verbatim quotes with their citations', async () => {
    const token = ask('What did Kazakhstan say about CICA?');
    const callback = await h.server.waitForRequest(on.callback(token));
    expect(callback.body).toEqual({ type: 5, data: { flags: 0 } });
    const edit = await h.server.waitForRequest(on.editOriginal(token));
    expect(edit.at).toBeGreaterThan(callback.at);
    const body = edit.body;
    expect(body.content).toMatch(/^\*\*Paragraphs 1–3\*\*, quoted word for word · Kazakhstan$/);
    expect(body.embeds).toHaveLength(3);
    expect(body.embeds[0].title).toMatch(/^#1 · Kazakhstan · (.+ · )?¶\d+$/);
    expect(body.embeds.every((e: any) => quotePieces(e).join(' ').includes('CICA'))).toBe(true);
    expectVerbatim(h, body);
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(buttons(body).map((b) => b.label)).toEqual(['Context #1', 'Context #2', 'Context #3', 'More results']);
  });

  it('pages with "More results" and "Previous", editing the same message', async () => {
    const token = ask('Kazakhstan regional organizations');
    const first = (await h.server.waitForRequest(on.editOriginal(token))).body;
    const click = h.server.sendInteraction(buttonClick(h.server, h.guild, { user: makeUser('reader') }, button(first, 'More results'), first));
    expect((await h.server.waitForRequest(on.callback(click))).body).toEqual({ type: 6 });
    const second = (await h.server.waitForRequest(on.editOriginal(click))).body;
    expect(second.content).toMatch(/^\*\*Paragraphs 4–6\*\*/);
    expect(second.embeds[0].title).toMatch(/^#4 · /);
    expectVerbatim(h, second);
    const back = h.server.sendInteraction(buttonClick(h.server, h.guild, { user: makeUser('reader') }, button(second, 'Previous'), second));
    expect((await h.server.waitForRequest(on.editOriginal(back))).body.content).toMatch(/^\*\*Paragraphs 1–3\*\*/);
  });

  // Needs the fake's paragraphing: the Security Council speech as one 6,800-character paragraph.
  it.skipIf(usesRealArchive)('shows a long paragraph around its best sentences, with "Show full paragraph" replying privately in full', async () => {
    const token = ask('Joint Comprehensive Plan of Action Iranian nuclear programme', [int('year', 2020), int('results', 1)]);
    const body = (await h.server.waitForRequest(on.editOriginal(token))).body;
    expect(body.embeds[0].title).toContain('S/PV.8699');
    expect(quotePieces(body.embeds[0]).join(' ')).toContain('Iranian nuclear programme');
    const id = button(body, 'Show full paragraph #1');
    const passage = h.archive.inner.passage(Number(id.split(':')[2]))!;
    expect(passage.text.length).toBeGreaterThan(4096);

    const click = h.server.sendInteraction(buttonClick(h.server, h.guild, { user: makeUser('reader') }, id, body));
    const reply = await h.server.waitForRequest(on.callback(click));
    expect(reply.body.type).toBe(4);
    expect(reply.body.data.flags).toBe(64);
    const rest = await h.server.waitForRequest(on.followUp(click));
    expect(rest.body.flags).toBe(64);
    const shown = [reply.body.data.embeds[0], rest.body.embeds[0]].map((e: any) => quotePieces(e).join(' ')).join(' ');
    expect(shown).toBe(passage.text);
  });

  it('"Context" shows the paragraphs before and after, privately', async () => {
    const token = ask('Kazakhstan peacekeeping operations', [int('results', 1)]);
    const body = (await h.server.waitForRequest(on.editOriginal(token))).body;
    const click = h.server.sendInteraction(buttonClick(h.server, h.guild, { user: makeUser('reader') }, button(body, 'Context #1'), body));
    const reply = await h.server.waitForRequest(on.callback(click));
    expect(reply.body.data.flags).toBe(64);
    const titles = reply.body.data.embeds.map((e: any) => e.title);
    expect(titles).toHaveLength(3);
    expect(titles[1]).toMatch(/\(the quoted paragraph\)$/);
  });

  it('answers an expired button politely and privately', async () => {
    const click = h.server.sendInteraction(buttonClick(h.server, h.guild, { user: makeUser('late') }, 'vb:page:gone0000:1', {}));
    const reply = await h.server.waitForRequest(on.callback(click));
    expect(reply.body).toMatchObject({ type: 4, data: { flags: 64, content: 'This answer has expired. Please ask again.' } });
  });

  it('passes the country and year options as explicit filters', async () => {
    const token = ask('terrorism', [str('country', 'KAZ'), int('year', 2015)]);
    const body = (await h.server.waitForRequest(on.editOriginal(token))).body;
    const call = h.archive.callsTo('search').find((c) => c.args[0] === 'terrorism')!;
    expect(call.args[1]).toMatchObject({ filters: { countries: ['KAZ'], years: [2015] } });
    expect(body.embeds.length).toBeGreaterThan(0);
    for (const e of body.embeds) expect(e.title).toMatch(/^#\d+ · Kazakhstan · (.+ · )?General Assembly · 2015 · ¶\d+$/);
  });

  it('says plainly when nothing matches well', async () => {
    const token = ask('banana bread recipe');
    const body = (await h.server.waitForRequest(on.editOriginal(token))).body;
    expect(body.content).toMatch(/^Nothing in the indexed statements answers this well/);
    expect(body.embeds).toEqual([]);
    expect(body.components).toEqual([]);
  });
});

describe('/ask with bad input', () => {
  it('refuses an empty question privately without searching', async () => {
    const before = h.archive.callsTo('search').length;
    const token = ask('    ');
    const reply = await h.server.waitForRequest(on.callback(token));
    expect(reply.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(reply.body.data.content).toMatch(/^Please type a question/);
    expect(h.archive.callsTo('search').length).toBe(before);
  });

  it('refuses 6,000 characters privately without searching', async () => {
    const before = h.archive.callsTo('search').length;
    const token = ask('peace '.repeat(1000));
    const reply = await h.server.waitForRequest(on.callback(token));
    expect(reply.body.data.content).toBe('Please keep questions under 500 characters (yours has 5,999).');
    expect(reply.body.data.flags).toBe(64);
    expect(h.archive.callsTo('search').length).toBe(before);
  });

  it('refuses an unknown country, echoing it escaped', async () => {
    const token = ask('peace', [str('country', '**Atlantis** @everyone')]);
    const reply = await h.server.waitForRequest(on.callback(token));
    expect(reply.body.data.content).toBe('No statements by “\\*\\*Atlantis\\*\\* @\u200beveryone” are indexed. Pick a country from the list.');
  });

  it('answers a question full of markdown and mentions without pinging anyone', async () => {
    const token = ask('@everyone **CICA** <@123456789012345678> __Kazakhstan__ ||@here||');
    const body = (await h.server.waitForRequest(on.editOriginal(token))).body;
    expect(body.embeds.length).toBeGreaterThan(0);
    expectNoPings(h);
  });
});

describe('/ask safety and logs', () => {
  it('reports a failure briefly and privately, with the details only in the log', async () => {
    h.archive.failNextSearch = new Error('index exploded');
    const token = ask('What did Kazakhstan say about CICA? secret-question-text');
    await h.server.waitForRequest(on.callback(token));
    await h.server.waitForRequest(on.deleteOriginal(token));
    const followUp = await h.server.waitForRequest(on.followUp(token));
    expect(followUp.body.flags).toBe(64);
    expect(followUp.body.content).toMatch(/^Sorry, something went wrong/);
    const record = h.logs.find((l) => l.msg === 'interaction failed');
    expect(record).toMatchObject({ message: 'index exploded', what: '/ask' });
  });

  it('logs latency, result count and top score of every answer, never the question or the token', async () => {
    const token = ask('What did Kazakhstan say about peacekeeping? secret-question-text');
    await h.server.waitForRequest(on.editOriginal(token));
    const answers = h.logs.filter((l) => l.event === 'answer');
    expect(answers.length).toBeGreaterThan(0);
    for (const a of answers) {
      expect(a).toEqual(expect.objectContaining({ ms: expect.any(Number), results: expect.any(Number) }));
      expect(typeof a.topScore === 'number' || (a.results === 0 && a.topScore === null)).toBe(true);
    }
    expect(h.logText()).not.toContain('secret-question-text');
    expect(h.logText()).not.toContain('secret-part');
    expect(h.logText()).not.toContain(token);
  });

  it('sent the token only in the Authorization header of bot calls, and IDENTIFY', () => {
    const authorized = h.server.requests.filter((r) => r.headers.authorization);
    expect(authorized.length).toBeGreaterThan(0);
    for (const r of authorized) expect(r.headers.authorization).toBe(`Bot ${h.config.DISCORD_TOKEN}`);
    expect(h.server.identify.token).toBe(h.config.DISCORD_TOKEN);
  });
});

describe('rate limit', () => {
  it('refuses a user over the limit with a friendly private message, others unaffected', async () => {
    const limited = await startHarness({ archive: await openTestArchive(), env: { RATE_LIMIT_QUESTIONS: '2' } });
    try {
      const alice = makeUser('alice');
      const send = (user = alice) => limited.server.sendInteraction(slashCommand(limited.server, limited.guild, { user }, 'ask', [str('question', 'CICA')]));
      for (let i = 0; i < 2; i++) await limited.server.waitForRequest(on.editOriginal(send()));
      const third = await limited.server.waitForRequest(on.callback(send()));
      expect(third.body).toMatchObject({ type: 4, data: { flags: 64 } });
      expect(third.body.data.content).toMatch(/^You're asking faster than I can keep up with\. Please wait \d+ s and ask again\.$/);
      expect(limited.archive.callsTo('search')).toHaveLength(2);
      await limited.server.waitForRequest(on.editOriginal(send(makeUser('bob'))));
    } finally {
      await limited.stop();
    }
  });
});
