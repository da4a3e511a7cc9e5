/**
 * /trend and /compare through the real discord.js client and the local Discord server, on the real archive: the
 * real model, SQLite and HNSW over real statements (see tests/support/trend-archive.ts).
 */
import fs from 'node:fs';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TREND_CHART_SIZE } from '../../src/answer/chart.js';
import type { IndexedArchive } from '../../src/archive/open-archive.js';
import { on, rendered, startHarness, type Harness } from '../support/discord/harness.js';
import { buttonClick, int, makeUser, slashCommand, str, type CommandOption } from '../support/discord/payloads.js';
import type { RecordedRequest } from '../support/discord/server.js';
import { openTrendArchive, TREND_FILES, TREND_INDEXING_MS } from '../support/trend-archive.js';
import { button, buttons, expectNoPings, expectVerbatim, quotePieces } from './helpers.js';

const EPHEMERAL = 1 << 6;

let h: Harness;
let archive: IndexedArchive;
beforeAll(async () => {
  archive = await openTrendArchive();
  h = await startHarness({ archive });
}, TREND_INDEXING_MS);
afterAll(async () => {
  await h?.stop();
  archive?.close();
});

const member = makeUser('member');
const other = makeUser('other');

function send(name: string, options: CommandOption[], actor = member): string {
  return h.server.sendInteraction(slashCommand(h.server, h.guild, { user: actor }, name, options));
}

/** The final edit of a deferred reply: the chart is attached to it. */
async function finalReply(token: string): Promise<RecordedRequest> {
  expect((await h.server.waitForRequest(on.callback(token))).body.type).toBe(5);
  return h.server.waitForRequest(on.editOriginal(token), 60_000);
}

/** The private refusal a bad input gets at once, instead of a deferred reply. */
async function refusal(token: string): Promise<string> {
  const reply = await h.server.waitForRequest(on.callback(token));
  expect(reply.body.type).toBe(4);
  expect(reply.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  return reply.body.data.content;
}

function click(customId: string, message: RequestBody, actor = member): string {
  return h.server.sendInteraction(buttonClick(h.server, h.guild, { user: actor }, customId, message));
}
type RequestBody = Record<string, unknown>;

/** What a member reads: escapes, block quotes and bold or italic marks gone. */
const plain = (markdown: string) => rendered(markdown).replace(/\*+/g, '');

/** Every quote of an embed's entries ("**1.** citation" then "> quote") is made of pieces of one of the paragraphs. */
function expectQuotesFrom(description: string, paragraphs: string[]): number {
  const entries = description.split('\n\n').filter((entry) => /^\*\*\d+\.\*\* /.test(entry));
  for (const entry of entries) {
    const pieces = quotePieces({ description: entry.split('\n').slice(1).join('\n') });
    expect(pieces.length).toBeGreaterThan(0);
    expect(paragraphs.some((text) => pieces.every((piece) => text.includes(piece)))).toBe(true);
  }
  return entries.length;
}

async function paragraphsOf(country: string): Promise<string[]> {
  return (await archive.byCountry(country, { k: 10_000 })).hits.map((hit) => hit.text);
}

describe('/trend', () => {
  it('attaches a PNG chart of the stated size, says the first, peak and latest years, and quotes them verbatim', async () => {
    const reply = await finalReply(send('trend', [str('topic', 'climate change')]));
    const [chart] = reply.files;
    expect(chart?.filename).toBe('trend.png');
    expect(chart?.contentType).toBe('image/png');
    const png = PNG.sync.read(chart!.bytes);
    expect({ width: png.width, height: png.height }).toEqual(TREND_CHART_SIZE);
    expect(reply.body.attachments[0].description).toMatch(
      /^Bar chart: share of General Debate statements, 1995–2016 that name “climate change”; peak \d+% in \d{4}\.$/,
    );

    const [summary, councilLine] = rendered(reply.body.content).split('\n');
    expect(summary).toMatch(
      /^“climate change” in General Debate statements, 1995–2016: first named (\d{4}) \(\d+%\), peak (\d{4}) \(\d+%\), latest 2016 \(\d+%\); \d+ of 16 statements name it\.$/,
    );
    // The Security Council speech is of 2020, outside the years charted.
    expect(councilLine).toBe('-# Security Council speeches: none indexed for 1995–2016, so none counted.');

    const labels = buttons(reply.body).map((b) => b.label);
    expect(labels).toEqual([
      expect.stringMatching(/^First mention, \d{4}$/),
      expect.stringMatching(/^Peak year, \d{4} \(\d+% of statements\)$/),
      'Recount a year',
    ]);
    expect(labels[0]).toBe(`First mention, ${/first named (\d{4})/.exec(summary!)![1]}`);

    for (const label of labels.slice(0, 2)) {
      const token = click(button(reply.body, label), reply.body);
      const quotes = (await h.server.waitForRequest(on.callback(token))).body;
      expect(quotes.type).toBe(4);
      expect(quotes.data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(plain(quotes.data.content)).toMatch(
        new RegExp(`^${label.replace(/[()]/g, '\\$&')}: the best-matching paragraphs of that year's General Debate statements`),
      );
      expect(quotes.data.embeds.length).toBeGreaterThan(0);
      const year = /, (\d{4})/.exec(label)![1];
      for (const embed of quotes.data.embeds) expect(embed.title).toMatch(new RegExp(`· General Assembly · ${year} · ¶\\d+$`));
      for (const embed of quotes.data.embeds) expect(rendered(embed.description)).toMatch(/climat\w* chang/i);
      expectVerbatim(h, quotes.data);
    }
    expectNoPings(h);
  });

  it('counts exactly the statements that name the topic, never fewer than contain its words', async () => {
    const trend = await archive.trend({ topic: 'climate change' });
    for (const year of trend.years) {
      const files = TREND_FILES.filter((f) => f.includes(`_${year.year}.txt`));
      const literal = files.filter((f) => /\bclimate\s+change\b/i.test(fs.readFileSync(f, 'utf8').replace(/^\uFEFF/, ''))).length;
      expect(year.addressing, String(year.year)).toBeGreaterThanOrEqual(literal);
      expect(year.addressing, String(year.year)).toBeLessThanOrEqual(files.length);
    }
  });

  it('lets a member recount a year privately: each statement counted, with the sentence that names the topic', async () => {
    const reply = await finalReply(send('trend', [str('topic', 'climate change')]));
    const picker = click(button(reply.body, 'Recount a year'), reply.body, other);
    const years = (await h.server.waitForRequest(on.callback(picker))).body;
    expect(years.type).toBe(4);
    expect(years.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const labels = buttons(years.data).map((b) => b.label);
    expect(labels).toEqual(expect.arrayContaining([expect.stringMatching(/^2015 · \d\/5$/)]));
    const label2015 = labels.find((l) => l.startsWith('2015'))!;
    const ephemeralMessage = { ...years.data, flags: EPHEMERAL };
    const count = click(button(years.data, label2015), ephemeralMessage, other);
    const listed = (await h.server.waitForRequest(on.callback(count))).body;
    expect(listed.type).toBe(7);
    const named = Number(/ · (\d)\/5$/.exec(label2015)![1]);
    expect(plain(listed.data.content)).toMatch(
      new RegExp(`^2015: ${named} of 5 General Debate statements name “climate change” · 1–${named}, by country$`),
    );
    const entries = listed.data.embeds[0].description.split('\n> ').slice(1);
    expect(entries).toHaveLength(named);
    for (const entry of entries) expect(rendered(entry.split('\n')[0]!)).toMatch(/climat\w* chang/i);
    expectNoPings(h);
  });

  it('counts a statement once it has a paragraph naming the organization, and counts Security Council speeches apart', async () => {
    const reply = await finalReply(send('trend', [str('topic', 'CICA'), int('to', 2020)]));
    const content = rendered(reply.body.content);
    expect(content).toMatch(
      /^“CICA” in General Debate statements, 1995–2020: first named (\d{4}) \(\d+%\), peak \d{4} \(\d+%\), latest 2016 \(100%\);/,
    );
    expect(content.split('\n')[1]).toMatch(/^-# Security Council speeches are counted apart, not charted: [01] of 1 name it\.$/);
    expect(reply.files).toHaveLength(1);

    const token = click(button(reply.body, /^First mention/), reply.body, other);
    const quotes = (await h.server.waitForRequest(on.callback(token))).body.data;
    for (const embed of quotes.embeds) expect(rendered(embed.description)).toMatch(/CICA|Conference on Interaction/i);
    expectVerbatim(h, quotes);
  });

  it("charts one country's statements when asked", async () => {
    const reply = await finalReply(send('trend', [str('topic', 'CICA'), str('country', 'Kazakhstan')]));
    expect(rendered(reply.body.content).split('\n')[0]).toMatch(
      /^“CICA” in Kazakhstan’s General Debate statements, 1995–2016: first named \d{4} \(100%\), peak \d{4} \(100%\), latest 2016 \(100%\); \d of 5 statements name it\.$/,
    );
  });

  it('says so, with no chart, when no statement names the topic', async () => {
    const reply = await finalReply(send('trend', [str('topic', 'recipe for banana bread')]));
    expect(reply.files).toEqual([]);
    expect(rendered(reply.body.content).split('\n')[0]).toBe(
      'No General Debate statements, 1995–2016 name “recipe for banana bread” (none has a paragraph naming “recipe for banana bread” (plural and adjective forms too; or its words in one sentence, in any order)).',
    );
    expect(buttons(reply.body)).toEqual([]);
  });

  it('refuses bad input privately, saying what to change, and runs nothing', async () => {
    const before = h.archive.callsTo('trend').length;
    expect(await refusal(send('trend', [str('topic', ' \u200b ')]))).toBe(
      'Please type a topic, for example: climate change, CICA or apartheid.',
    );
    expect(await refusal(send('trend', [str('topic', 'x'.repeat(501))]))).toBe(
      'Please keep the topic under 500 characters (yours has 501).',
    );
    expect(await refusal(send('trend', [str('topic', 'climate change'), int('from', 2015), int('to', 2005)]))).toBe(
      '“from” (2015) is after “to” (2005): swap them, or leave one out.',
    );
    expect(await refusal(send('trend', [str('topic', 'climate change'), int('from', 1950)]))).toBe(
      'The index holds statements from 1995 to 2020: pick years in that range (not 1950).',
    );
    expect(await refusal(send('trend', [str('topic', 'climate change'), str('country', 'Atlantis')]))).toBe(
      'No statements by “Atlantis” are indexed. Name a country by its name or code, e.g. France or FRA.',
    );
    expect(h.archive.callsTo('trend').length).toBe(before);
  });
});

describe('/compare', () => {
  it("quotes both countries' best paragraphs side by side, the year asked for first, and pages both together", async () => {
    const reply = await finalReply(
      send('compare', [str('a', 'France'), str('b', 'DEU'), str('topic', 'climate change'), int('year', 2015)]),
    );
    expect(plain(reply.body.content)).toBe(
      "“climate change”: France and Germany side by side, each country's best-matching paragraphs quoted word for word, 2015 first",
    );
    const [france, germany] = reply.body.embeds;
    expect([france.title, germany.title]).toEqual(['France (FRA)', 'Germany (DEU)']);
    expect(expectQuotesFrom(france.description, await paragraphsOf('FRA'))).toBe(3);
    expect(expectQuotesFrom(germany.description, await paragraphsOf('DEU'))).toBe(3);
    expect(plain(france.description)).toMatch(
      /^2 of its 3 indexed statements name “climate change”\.\n\n1\. France · .* · General Assembly · 2015 · ¶\d+\n/,
    );

    const more = click(button(reply.body, 'More'), reply.body);
    expect((await h.server.waitForRequest(on.callback(more))).body.type).toBe(6);
    const next = (await h.server.waitForRequest(on.editOriginal(more))).body;
    expect(rendered(next.content)).toMatch(/ · results from 4$/);
    expect(expectQuotesFrom(next.embeds[0].description, await paragraphsOf('FRA'))).toBeGreaterThan(0);
    expect(expectQuotesFrom(next.embeds[1].description, await paragraphsOf('DEU'))).toBeGreaterThan(0);
    expect(plain(next.embeds[0].description)).toMatch(/^2 of its 3 indexed statements name “climate change”\.\n\n4\. France/);
    expect(buttons(next).map((b) => b.label)).toContain('Previous');
    expectNoPings(h);
  });

  it("says how many of a country's statements name the topic, and none rather than its nearest paragraphs", async () => {
    const reply = await finalReply(send('compare', [str('a', 'KAZ'), str('b', 'FRA'), str('topic', 'CICA')]));
    const [kazakhstan, france] = reply.body.embeds;
    expect(expectQuotesFrom(kazakhstan.description, await paragraphsOf('KAZ'))).toBeGreaterThan(0);
    expect(rendered(kazakhstan.description)).toMatch(/CICA|Conference on Interaction/);
    expect(plain(kazakhstan.description)).toMatch(/^\d of its 5 indexed statements name “CICA”\./);
    expect(plain(france.description)).toBe('None of its 3 indexed statements names “CICA”, and none of its paragraphs matches it well.');
  });

  it('refuses bad input privately, saying what to change', async () => {
    const topic = str('topic', 'climate change');
    expect(await refusal(send('compare', [str('a', 'France'), str('b', 'Atlantis'), topic]))).toBe(
      'No statements by “Atlantis” are indexed. Name a country by its name or code, e.g. France or FRA.',
    );
    expect(await refusal(send('compare', [str('a', 'France'), str('b', 'FRA'), topic]))).toBe('Please name two different countries.');
    expect(await refusal(send('compare', [str('a', 'France'), str('b', 'Germany'), str('topic', '')]))).toBe(
      'Please type a topic, for example: climate change, CICA or apartheid.',
    );
    expect(await refusal(send('compare', [str('a', 'France'), str('b', 'Germany'), topic, int('year', 2030)]))).toBe(
      'The index holds statements from 1995 to 2020: pick years in that range (not 2030).',
    );
  });
});
