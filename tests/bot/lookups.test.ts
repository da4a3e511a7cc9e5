import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { on, startHarness, type Harness } from '../support/discord/harness.js';
import { autocomplete, buttonClick, makeUser, slashCommand, str } from '../support/discord/payloads.js';
import { button, buttons, quotePieces } from './helpers.js';
import { openTestArchive } from './test-archive.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ archive: await openTestArchive(), guilds: 1 });
});
afterAll(async () => {
  await h?.stop();
});

const looker = makeUser('looker');
const user = () => ({ user: looker });

describe('/org', () => {
  it('autocompletes organizations by acronym or name, CICA among them', async () => {
    const token = h.server.sendInteraction(autocomplete(h.server, h.guild, user(), 'org', [str('name', 'ci', true)]));
    const reply = await h.server.waitForRequest(on.callback(token));
    expect(reply.body.type).toBe(8);
    const cica = reply.body.data.choices.find((c: any) => c.value === 'CICA');
    expect(cica.name).toMatch(/^CICA · Conference on Interaction and Confidence-Building (Measures )?in Asia \(\d+\)$/);
  });

  it('never offers more than 25 choices or names over 100 characters', async () => {
    const many = Array.from({ length: 40 }, (_, i) => ({
      key: `ORG${i}`,
      names: [`Organization number ${i} ${'with a very long name '.repeat(8)}`],
      mentions: 40 - i,
    }));
    h.archive.findOrganizations = () => many;
    try {
      const token = h.server.sendInteraction(autocomplete(h.server, h.guild, user(), 'org', [str('name', '', true)]));
      const choices = (await h.server.waitForRequest(on.callback(token))).body.data.choices;
      expect(choices).toHaveLength(25);
      for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
    } finally {
      delete (h.archive as { findOrganizations?: unknown }).findOrganizations;
    }
  });

  it('quotes what was said about an organization, grouped by country and year', async () => {
    const token = h.server.sendInteraction(slashCommand(h.server, h.guild, user(), 'org', [str('name', 'CICA')]));
    expect((await h.server.waitForRequest(on.callback(token))).body.type).toBe(5);
    const body = (await h.server.waitForRequest(on.editOriginal(token))).body;
    expect(body.content.split('\n')[0]).toMatch(/^\*\*CICA · Conference on Interaction and Confidence-Building (Measures )?in Asia\*\*$/);
    expect(body.content.split('\n')[1]).toBe('Results 1–5, in order of year');
    expect(body.embeds.length).toBeGreaterThan(1);
    const titles = body.embeds.map((e: any) => e.title);
    expect(new Set(titles).size).toBe(titles.length);
    for (const t of titles) expect(t).toMatch(/^Kazakhstan · (\d{4}|date not stated)$/);
    for (const e of body.embeds) {
      const quoted = e.description
        .split('\n\n')
        .map((entry: string) => quotePieces({ description: entry.split('\n').slice(1).join('\n') }).join(' '));
      for (const q of quoted) expect(q).toMatch(/CICA|Conference on Interaction/);
    }
  });

  it('heads a statement that gives no year "date not stated", as a reader would say it', async () => {
    const token = h.server.sendInteraction(slashCommand(h.server, h.guild, user(), 'org', [str('name', 'CICA')]));
    const body = (await h.server.waitForRequest(on.editOriginal(token))).body;
    // The seed statement (Mrs. Aitimova in the Security Council) names no year.
    expect(body.embeds.map((e: any) => e.title)).toContain('Kazakhstan · date not stated');
    expect(JSON.stringify(body)).not.toMatch(/year unknown/i);
  });

  it('ranks by a question when one is given', async () => {
    const token = h.server.sendInteraction(
      slashCommand(h.server, h.guild, user(), 'org', [str('name', 'cica'), str('question', 'observer status')]),
    );
    const body = (await h.server.waitForRequest(on.editOriginal(token))).body;
    expect(body.content.split('\n')[1]).toBe('Results 1–5, best match to your question first');
    // Twice the page and one more, from the first result: repeated texts are dropped before the page is cut.
    expect(h.archive.callsTo('aboutOrganization').at(-1)!.args).toEqual(['CICA', { k: 11, question: 'observer status' }]);
  });

  it('refuses an organization the statements never name', async () => {
    const token = h.server.sendInteraction(slashCommand(h.server, h.guild, user(), 'org', [str('name', 'Galactic Federation')]));
    const reply = await h.server.waitForRequest(on.callback(token));
    expect(reply.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(reply.body.data.content).toMatch(/^No organization called “Galactic Federation” appears in the statements/);
  });
});

describe('/country', () => {
  it('autocompletes countries with their code as the value', async () => {
    const token = h.server.sendInteraction(autocomplete(h.server, h.guild, user(), 'country', [str('name', 'kaz', true)]));
    const choices = (await h.server.waitForRequest(on.callback(token))).body.data.choices;
    expect(choices).toEqual([{ name: 'Kazakhstan (KAZ) · 4 statements', value: 'KAZ' }]);
  });

  it("quotes a country's statements by year and pages through them with buttons", async () => {
    const token = h.server.sendInteraction(
      slashCommand(h.server, h.guild, user(), 'country', [str('name', 'KAZ'), str('topic', 'nuclear weapons')]),
    );
    const first = (await h.server.waitForRequest(on.editOriginal(token))).body;
    expect(first.content.split('\n')[0]).toBe('**Kazakhstan (KAZ)**');
    expect(first.content.split('\n')[1]).toBe('Results 1–5, best match to the topic first');
    for (const e of first.embeds) expect(e.title).toMatch(/^(\d{4}|date not stated) · (General Assembly|Security Council)$/);
    expect(buttons(first).map((b) => b.label)).toContain('More results');

    const click = h.server.sendInteraction(buttonClick(h.server, h.guild, user(), button(first, 'More results'), first));
    expect((await h.server.waitForRequest(on.callback(click))).body).toEqual({ type: 6 });
    const second = (await h.server.waitForRequest(on.editOriginal(click))).body;
    expect(second.content.split('\n')[1]).toBe('Results 6–10, best match to the topic first');
    expect(buttons(second).map((b) => b.label)).toEqual(expect.arrayContaining(['Previous', 'More results']));
    expect(h.archive.callsTo('byCountry').at(-1)!.args).toEqual(['KAZ', { k: 21, topic: 'nuclear weapons' }]);
  });

  it('links a Security Council speech to its meeting record, and a General Assembly one to nothing', async () => {
    const token = h.server.sendInteraction(slashCommand(h.server, h.guild, user(), 'country', [str('name', 'RUS')]));
    const body = (await h.server.waitForRequest(on.editOriginal(token))).body;
    const council = body.embeds.find((e: any) => e.title === '2020 · Security Council');
    expect(council.description).toContain('[S/PV.8699](https://docs.un.org/en/S/PV.8699)');
    const assembly = body.embeds.find((e: any) => e.title === '2015 · General Assembly');
    expect(assembly.description).not.toContain('https://');
    expect(assembly.url).toBeUndefined();
  });

  it('accepts a typed name that was not picked from the list', async () => {
    const token = h.server.sendInteraction(slashCommand(h.server, h.guild, user(), 'country', [str('name', 'Russian Federation')]));
    await h.server.waitForRequest(on.editOriginal(token));
    expect(h.archive.callsTo('byCountry').at(-1)!.args[0]).toBe('RUS');
  });
});

describe('/stats and several servers', () => {
  it('/stats shows statements, paragraphs, countries, years, model, index age and integrity', async () => {
    const token = h.server.sendInteraction(slashCommand(h.server, h.guild, user(), 'stats'));
    const reply = await h.server.waitForRequest(on.callback(token));
    expect(reply.body.type).toBe(4);
    const fields = reply.body.data.embeds[0].fields.map((f: any) => f.name);
    expect(fields).toEqual(['Statements', 'Paragraphs', 'Countries', 'Years', 'Bodies', 'Model', 'Index age', 'Integrity']);
    const stats = h.archive.stats();
    expect(reply.body.data.embeds[0].fields[1].value).toBe(stats.paragraphs.toLocaleString('en-US'));
  });

  it("/stats names the model as a reader knows it, not by the index's internal record", async () => {
    // What the real archive reports for the default model: catalog name and embedding revision.
    h.archive.stats = () => ({ ...h.archive.inner.stats(), model: 'e5-small-v2-q@2' });
    try {
      const token = h.server.sendInteraction(slashCommand(h.server, h.guild, user(), 'stats'));
      const fields = (await h.server.waitForRequest(on.callback(token))).body.data.embeds[0].fields;
      expect(fields.find((f: any) => f.name === 'Model').value).toBe('e5-small-v2 (int8)');
    } finally {
      delete (h.archive as { stats?: unknown }).stats;
    }
  });

  it('answers in two servers at once', async () => {
    const [a, b] = [...h.server.guilds.values()];
    expect(h.bot.client.guilds.cache.size).toBe(2);
    const ta = h.server.sendInteraction(slashCommand(h.server, a!, user(), 'ask', [str('question', 'CICA')]));
    const tb = h.server.sendInteraction(slashCommand(h.server, b!, user(), 'ask', [str('question', 'CICA')]));
    const [ea, eb] = await Promise.all([h.server.waitForRequest(on.editOriginal(ta)), h.server.waitForRequest(on.editOriginal(tb))]);
    expect(ea.body.embeds.length).toBeGreaterThan(0);
    expect(eb.body.embeds.length).toBeGreaterThan(0);
  });
});
