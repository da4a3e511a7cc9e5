import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchOptions } from '../../src/search/types.js';
import { scratchCorpus } from '../support/corpus.js';
import { defaultFixtureFiles, FakeArchive } from '../support/discord/fake-archive.js';
import { on, startHarness, type Harness } from '../support/discord/harness.js';
import { autocomplete, buttonClick, int, makeUser, slashCommand, str } from '../support/discord/payloads.js';
import { button, buttons, expectNoPings, expectVerbatim, quotePieces } from './helpers.js';
import { openTestArchive, usesRealArchive } from './test-archive.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ archive: await openTestArchive() });
});
afterAll(async () => {
  await h?.stop();
});

const asker = makeUser('asker');

function ask(question: string, extra: ReturnType<typeof str>[] = [], user = asker) {
  return h.server.sendInteraction(slashCommand(h.server, h.guild, { user }, 'ask', [str('question', question), ...extra]));
}

/** The texts of the paragraphs an answer quotes, found through its "Context" buttons. */
function quotedTexts(harness: Harness, body: any): string[] {
  return buttons(body)
    .filter((b) => b.customId.startsWith('vb:ctx:'))
    .map((b) => harness.archive.inner.passage(Number(b.customId.split(':')[2]))!.text);
}

describe('/ask', () => {
  it('defers at once, then edits in verbatim quotes with their citations', async () => {
    const token = ask('What did Kazakhstan say about CICA?');
    const callback = await h.server.waitForRequest(on.callback(token));
    expect(callback.body).toEqual({ type: 5, data: { flags: 0 } });
    const edit = await h.server.waitForRequest(on.editOriginal(token));
    expect(edit.at).toBeGreaterThan(callback.at);
    const body = edit.body;
    expect(body.content).toMatch(/^\*\*Results 1–3\*\* of the best matches, quoted word for word · Filters: Kazakhstan$/);
    expect(body.embeds).toHaveLength(3);
    expect(body.embeds[0].title).toMatch(/^#1 · Kazakhstan · (.+ · )?¶\d+$/);
    expect(body.embeds.every((e: any) => quotePieces(e).join(' ').includes('CICA'))).toBe(true);
    expectVerbatim(h, body);
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(buttons(body).map((b) => b.label)).toEqual([
      'Context #1',
      'Context #2',
      'Context #3',
      'More results',
      'Ask without these limits',
    ]);
  });

  it("asks again without the limits the question's words stated, in one click", async () => {
    const token = ask('What did Kazakhstan say about CICA?');
    const first = (await h.server.waitForRequest(on.editOriginal(token))).body;
    const click = h.server.sendInteraction(
      buttonClick(h.server, h.guild, { user: asker }, button(first, 'Ask without these limits'), first),
    );
    expect((await h.server.waitForRequest(on.callback(click))).body).toEqual({ type: 6 });
    const freed = (await h.server.waitForRequest(on.editOriginal(click))).body;
    const call = h.archive.callsTo('search').at(-1)!;
    expect(call.args[1]).toMatchObject({ readLimits: false });
    expect(freed.content).not.toMatch(/Filters:/);
    expect(buttons(freed).map((b) => b.label)).not.toContain('Ask without these limits');
    expectVerbatim(h, freed);
  });

  it('offers speakers by name as the member types, and limits the answer to the one picked', async () => {
    const typed = h.server.sendInteraction(
      autocomplete(h.server, h.guild, { user: asker }, 'ask', [str('question', 'CICA'), str('speaker', 'nazar', true)]),
    );
    const choices = (await h.server.waitForRequest(on.callback(typed))).body.data.choices;
    expect(choices[0]).toEqual({ name: 'Nursultan Nazarbayev (Kazakhstan, 2007, 2015)', value: 'KAZ|Nursultan Nazarbayev' });
    const token = ask('regional organizations', [str('speaker', choices[0].value)]);
    const body = (await h.server.waitForRequest(on.editOriginal(token))).body;
    expect(h.archive.callsTo('search').at(-1)!.args[1]).toMatchObject({ speaker: { country: 'KAZ', name: 'Nursultan Nazarbayev' } });
    expect(body.content).toMatch(/Speaker: Nursultan Nazarbayev \(Kazakhstan\), 2007, 2015$/);
    for (const e of body.embeds) expect(e.title).toMatch(/^#\d+ · Kazakhstan · /);
  });

  it('refuses a speaker nobody indexed by that name, privately', async () => {
    const token = ask('regional organizations', [str('speaker', 'Nobody Atall')]);
    const reply = (await h.server.waitForRequest(on.callback(token))).body;
    expect(reply.data.content).toMatch(/^No speaker called “Nobody Atall” is indexed/);
    expect(reply.data.flags).toBe(64);
  });

  it('pages with "More results" and "Previous", editing the asker\'s message for the asker', async () => {
    const token = ask('Kazakhstan regional organizations');
    const first = (await h.server.waitForRequest(on.editOriginal(token))).body;
    const click = h.server.sendInteraction(buttonClick(h.server, h.guild, { user: asker }, button(first, 'More results'), first));
    expect((await h.server.waitForRequest(on.callback(click))).body).toEqual({ type: 6 });
    const second = (await h.server.waitForRequest(on.editOriginal(click))).body;
    expect(second.content).toMatch(/^\*\*Results 4–6\*\*/);
    expect(second.embeds[0].title).toMatch(/^#4 · /);
    expectVerbatim(h, second);
    const back = h.server.sendInteraction(buttonClick(h.server, h.guild, { user: asker }, button(second, 'Previous'), second));
    expect((await h.server.waitForRequest(on.editOriginal(back))).body.content).toMatch(/^\*\*Results 1–3\*\*/);
  });

  it('gives another member who presses "More results" a private page, leaving the asker\'s answer as it is', async () => {
    const token = ask('Kazakhstan regional organizations');
    const first = (await h.server.waitForRequest(on.editOriginal(token))).body;
    const reader = makeUser('reader');
    const click = h.server.sendInteraction(buttonClick(h.server, h.guild, { user: reader }, button(first, 'More results'), first));
    // A new private reply (deferred, ephemeral), not an update of the message the button is on (type 6).
    expect((await h.server.waitForRequest(on.callback(click))).body).toEqual({ type: 5, data: { flags: 64 } });
    const page = (await h.server.waitForRequest(on.editOriginal(click))).body;
    expect(page.content).toMatch(/^\*\*Results 4–6\*\*/);
    expectVerbatim(h, page);

    // Their private copy is theirs alone: it pages in place.
    const next = h.server.sendInteraction(
      buttonClick(h.server, h.guild, { user: reader }, button(page, 'More results'), { ...page, flags: 64 }),
    );
    expect((await h.server.waitForRequest(on.callback(next))).body).toEqual({ type: 6 });
    expect((await h.server.waitForRequest(on.editOriginal(next))).body.content).toMatch(/^\*\*Results 7–9\*\*/);
  });

  it('says what the order is, and shows similarity figures only where they follow it', async () => {
    const token = ask('What did Kazakhstan say about CICA?');
    const body = (await h.server.waitForRequest(on.editOriginal(token))).body;
    expect(body.content).toMatch(/^\*\*Results 1–3\*\* of the best matches/);
    const figures = body.embeds.map((e: any) => Number(/similarity (\d\.\d\d)/.exec(e.footer.text)![1]));
    expect(figures).toEqual([...figures].sort((a, b) => b - a));

    // The product ranks by meaning and shared words together, so cosine can rise down the page (0.83, 0.83, 0.84).
    const search = h.archive.search.bind(h.archive);
    h.archive.search = async (question: string, options: SearchOptions) => {
      const result = await search(question, options);
      return { ...result, hits: result.hits.map((hit, i) => ({ ...hit, similarity: [0.83, 0.83, 0.84][i] ?? 0.8 })) };
    };
    try {
      const again = (await h.server.waitForRequest(on.editOriginal(ask('What did Kazakhstan say about CICA?')))).body;
      expect(again.embeds).toHaveLength(3);
      for (const e of again.embeds) expect(e.footer?.text ?? '').not.toMatch(/similarity/);
    } finally {
      delete (h.archive as { search?: unknown }).search;
    }
  });

  it('links a Security Council citation to its meeting record, and nothing else', async () => {
    const token = ask('Joint Comprehensive Plan of Action Iranian nuclear programme', [int('year', 2020), int('results', 1)]);
    const body = (await h.server.waitForRequest(on.editOriginal(token))).body;
    expect(body.embeds[0].title).toContain('S/PV.8699');
    expect(body.embeds[0].url).toBe('https://docs.un.org/en/S/PV.8699');
    const full = h.server.sendInteraction(
      buttonClick(h.server, h.guild, { user: asker }, button(body, /^Show full paragraph|^Context/), body),
    );
    const reply = (await h.server.waitForRequest(on.callback(full))).body;
    expect(
      reply.data.embeds.some(
        (e: any) => e.url === 'https://docs.un.org/en/S/PV.8699' || e.author?.url === 'https://docs.un.org/en/S/PV.8699',
      ),
    ).toBe(true);

    // General Assembly statements: their record's symbol is not in the files, and no link is guessed.
    const ga = (await h.server.waitForRequest(on.editOriginal(ask('terrorism', [str('country', 'KAZ'), int('year', 2015)])))).body;
    expect(ga.embeds.length).toBeGreaterThan(0);
    for (const e of ga.embeds) expect(e.url).toBeUndefined();
  });

  // Needs the fake's paragraphing: the Security Council speech as one 6,800-character paragraph.
  it.skipIf(usesRealArchive)(
    'shows a long paragraph around its best sentences, with "Show full paragraph" replying privately in full',
    async () => {
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
    },
  );

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

  it('refuses a question of nothing but zero-width characters, as an empty one', async () => {
    const before = h.archive.callsTo('search').length;
    const reply = await h.server.waitForRequest(on.callback(ask('\u200b \u200b\u2060')));
    expect(reply.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(reply.body.data.content).toMatch(/^Please type a question/);
    expect(h.archive.callsTo('search').length).toBe(before);
  });

  it('finds a country option with a zero-width space pasted into it', async () => {
    const token = ask('terrorism', [str('country', 'Kaza\u200bkhstan')]);
    await h.server.waitForRequest(on.editOriginal(token));
    expect(h.archive.callsTo('search').at(-1)!.args[1]).toMatchObject({ filters: { countries: ['KAZ'] } });
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
    expect(reply.body.data.content).toBe(
      'No statements by “\\*\\*Atlantis\\*\\* @\u200beveryone” are indexed. Name a country by its name or code, e.g. France or FRA.',
    );
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
      const send = (user = alice) =>
        limited.server.sendInteraction(slashCommand(limited.server, limited.guild, { user }, 'ask', [str('question', 'CICA')]));
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

describe('a statement stored twice', () => {
  it('is quoted once in an answer, on every page', async () => {
    // The seed statement under a second path, as an upload of an indexed file or a corpus reached twice stores it.
    const copy = path.join(scratchCorpus(['seed/000_129fec8e5b34501d.txt']), '000_129fec8e5b34501d.txt');
    const doubled = await startHarness({ archive: FakeArchive.load([...defaultFixtureFiles(), copy]) });
    try {
      const question = 'regional and subregional organizations in the maintenance of international peace and security';
      const token = doubled.server.sendInteraction(
        slashCommand(doubled.server, doubled.guild, { user: asker }, 'ask', [str('question', question)]),
      );
      const first = (await doubled.server.waitForRequest(on.editOriginal(token))).body;
      const click = doubled.server.sendInteraction(
        buttonClick(doubled.server, doubled.guild, { user: asker }, button(first, 'More results'), first),
      );
      const second = (await doubled.server.waitForRequest(on.editOriginal(click))).body;
      expect(second.content).toMatch(/^\*\*Results 4–6\*\*/);
      const quoted = [...quotedTexts(doubled, first), ...quotedTexts(doubled, second)].map((t) => t.replace(/\s+/g, ' '));
      expect(quoted).toHaveLength(6);
      expect(new Set(quoted).size).toBe(6);
    } finally {
      await doubled.stop();
    }
  });
});
