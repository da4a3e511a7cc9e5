import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { isUnreadableFile, readStatement } from '../../src/corpus/read-statement.js';
import { splitSentences } from '../../src/corpus/sentences.js';
import { on, rendered, startHarness, type Harness } from '../support/discord/harness.js';
import { buttonClick, makeUser, messageCommand, slashCommand, str } from '../support/discord/payloads.js';
import { SHARED_CORPUS } from '../support/corpus.js';
import { button, expectNoPings } from './helpers.js';
import { openTestArchive } from './test-archive.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ archive: await openTestArchive() });
});
afterAll(async () => {
  await h?.stop();
});

const checker = makeUser('checker');
const other = makeUser('bystander');

/** Sentences of the Russian Federation's 2015 General Debate statement (one of the bot tests' statements), as its file gives them. */
function russianSentences(): string[] {
  const statement = readStatement(path.join(SHARED_CORPUS, 'ungdc', '2015', 'RUS_70_2015.txt'));
  if (isUnreadableFile(statement)) throw new Error(statement.reason);
  return statement.paragraphs.flatMap((p) => splitSentences(p.text)).filter((s) => s.split(/\s+/).length >= 15 && !/["“”]/.test(s));
}

/** The sentence with two of its longer words swapped for words of another sentence: a misquote, made at test time. */
function misquoted(sentence: string, donor: string): { text: string; changed: [string, string][] } {
  const words = sentence.match(/\b[a-z]{6,}\b/g)!.slice(0, 2);
  const replacements = donor
    .match(/\b[a-z]{6,}\b/g)!
    .filter((w) => !sentence.includes(w))
    .slice(0, 2);
  let text = sentence;
  words.forEach((w, i) => (text = text.replace(new RegExp(`\\b${w}\\b`), replacements[i]!)));
  return { text, changed: words.map((w, i) => [replacements[i]!, w]) };
}

/** A sentence written for the source check that no statement holds (scripts/source-check/invented.txt). */
function inventedSentence(): string {
  return fs
    .readFileSync(path.join(projectRoot, 'scripts', 'source-check', 'invented.txt'), 'utf8')
    .split('\n')
    .find((l) => l.trim() && !l.startsWith('#'))!;
}

async function checkSource(quote: string, actor = checker) {
  const token = h.server.sendInteraction(slashCommand(h.server, h.guild, { user: actor }, 'source', [str('quote', quote)]));
  const callback = (await h.server.waitForRequest(on.callback(token))).body;
  const reply = (await h.server.waitForRequest(on.editOriginal(token))).body;
  return { callback, reply };
}

describe('/source', () => {
  it('finds a sentence word for word, privately, with its citation and the quoted words marked', async () => {
    const sentence = russianSentences()[3]!;
    const { callback, reply } = await checkSource(`“${sentence}”`);
    expect(callback).toEqual({ type: 5, data: { flags: 64 } });
    expect(reply.content.split('\n')[0]).toMatch(/^\*\*Found word for word\*\* in one paragraph: Russian Federation \(2015\)\.$/);
    const [embed] = reply.embeds;
    expect(embed.title).toMatch(/^Russian Federation · .*General Assembly · 2015 · ¶\d+$/);
    // The marked span runs from the quote's first word to its last: the full stop after it stays outside.
    expect(rendered(embed.description)).toContain(`**${sentence.replace(/\.$/, '')}**.`);
    expect(button(reply, 'Share')).toMatch(/^vs:share:/);
    expectNoPings(h);
  });

  it('shows a misquote as close, naming each word that differs from the statement', async () => {
    const [sentence, donor] = russianSentences().slice(5, 7);
    const { text, changed } = misquoted(sentence!, donor!);
    const { reply } = await checkSource(text);
    expect(reply.content.split('\n')[0]).toMatch(
      /^\*\*Close, not exact\*\*: the nearest statement is Russian Federation \(2015\), and it says it differently: /,
    );
    for (const [quoted, said] of changed) expect(reply.embeds[0].footer.text).toContain(`“${quoted}” for “${said}”`);
  });

  it('says whose words they are when a message puts them in another mouth', async () => {
    const sentence = russianSentences()[8]!;
    const { reply } = await checkSource(`As Kazakhstan said: “${sentence}”`);
    expect(reply.content.split('\n')).toContain("Not Kazakhstan's words: Russian Federation (2015) said them.");
  });

  it('says "not found" for words no statement holds, and how much it searched, rather than offer a weak paragraph', async () => {
    const { reply } = await checkSource(inventedSentence());
    expect(reply.content).toMatch(
      /^\*\*Not found\*\* in the \d+ statements indexed, from \d{4} to \d{4}: no paragraph holds these words or words close to them\./,
    );
    for (const embed of reply.embeds) expect(embed.footer.text).toMatch(/^Not the source; related in meaning/);
  });

  it('refuses a quote too short to tell one statement from another, privately', async () => {
    const token = h.server.sendInteraction(
      slashCommand(h.server, h.guild, { user: checker }, 'source', [str('quote', 'peace and security')]),
    );
    const reply = (await h.server.waitForRequest(on.callback(token))).body;
    expect(reply.type).toBe(4);
    expect(reply.data.flags).toBe(64);
    expect(reply.data.content).toBe('Please give at least 4 words of the quote: fewer cannot tell one statement from another.');
  });
});

describe('Find the source (right-click a message → Apps)', () => {
  it('checks the message it is used on: the quoted words for the verdict, the words around them for who said it', async () => {
    const sentence = russianSentences()[10]!;
    const target = { author: other, content: `Kazakhstan told the Assembly: "${sentence}" Can that be right?` };
    const token = h.server.sendInteraction(messageCommand(h.server, h.guild, { user: checker }, 'Find the source', target));
    expect((await h.server.waitForRequest(on.callback(token))).body).toEqual({ type: 5, data: { flags: 64 } });
    const reply = (await h.server.waitForRequest(on.editOriginal(token))).body;
    expect(reply.content.split('\n')[0]).toMatch(/^\*\*Found word for word\*\*/);
    expect(reply.content.split('\n')).toContain("Not Kazakhstan's words: Russian Federation (2015) said them.");
  });

  it('says so when the message has no text', async () => {
    const token = h.server.sendInteraction(
      messageCommand(h.server, h.guild, { user: checker }, 'Find the source', { author: other, content: '' }),
    );
    const reply = (await h.server.waitForRequest(on.callback(token))).body;
    expect(reply.data.flags).toBe(64);
    expect(reply.data.content).toMatch(/^That message has no text to check/);
  });
});

describe('Share', () => {
  it("posts the checker's private reply to the channel for everyone, saying who checked it, without pinging", async () => {
    const sentence = russianSentences()[3]!;
    const { reply } = await checkSource(sentence);
    const click = h.server.sendInteraction(
      buttonClick(h.server, h.guild, { user: checker }, button(reply, 'Share'), { ...reply, flags: 64 }),
    );
    const shared = (await h.server.waitForRequest(on.callback(click))).body;
    expect(shared.type).toBe(4);
    expect(shared.data.flags ?? 0).toBe(0);
    expect(shared.data.content.split('\n')[0]).toBe(reply.content.split('\n')[0]);
    expect(shared.data.content).toContain(`Checked with /source by <@${checker.id}>`);
    expect(shared.data.embeds).toEqual(reply.embeds);
    expect(shared.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('is only for the member who checked the quote', async () => {
    const { reply } = await checkSource(russianSentences()[4]!);
    const click = h.server.sendInteraction(
      buttonClick(h.server, h.guild, { user: other }, button(reply, 'Share'), { ...reply, flags: 64 }),
    );
    const refused = (await h.server.waitForRequest(on.callback(click))).body;
    expect(refused.data.flags).toBe(64);
    expect(refused.data.content).toBe('Only the member who checked this quote can share it.');
  });
});
