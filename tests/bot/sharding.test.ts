/**
 * SHARDS: the gateway sharded inside the one process that holds the archive (discord.js internal sharding),
 * against the local Discord server, which places guilds on shards as Discord does and resumes dropped sessions.
 */
import fs from 'node:fs';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, shardOptions } from '../../src/bot/client.js';
import { startBot } from '../../src/bot/start.js';
import { loadConfig } from '../../src/config.js';
import { sharedFile } from '../support/corpus.js';
import { on, startHarness, type Harness } from '../support/discord/harness.js';
import {
  attachmentOption,
  buttonClick,
  int,
  makeUser,
  PERMISSIONS,
  slashCommand,
  str,
  sub,
  type Actor,
  type AttachmentFixture,
} from '../support/discord/payloads.js';
import { FakeDiscord, shardOf, type GuildFixture } from '../support/discord/server.js';
import { snowflake } from '../support/discord/snowflake.js';
import { button, expectVerbatim } from './helpers.js';
import { openTestArchive } from './test-archive.js';

describe('SHARDS in the configuration', () => {
  it("reads 'auto' or a count; unset or empty is one shard; anything else stops start-up naming it", () => {
    expect(loadConfig({}).SHARDS).toBeUndefined();
    expect(loadConfig({ SHARDS: '' }).SHARDS).toBeUndefined();
    expect(loadConfig({ SHARDS: 'auto' }).SHARDS).toBe('auto');
    expect(loadConfig({ SHARDS: ' Auto ' }).SHARDS).toBe('auto');
    expect(loadConfig({ SHARDS: '4' }).SHARDS).toBe(4);
    for (const bad of ['0', '-1', '1.5', 'two', '[0,1]']) expect(() => loadConfig({ SHARDS: bad })).toThrow(/SHARDS/);
  });

  it('always tells discord.js which shards, so it never parses SHARDS=auto as its ShardingManager JSON', () => {
    expect(shardOptions(undefined)).toEqual({ shards: [0], shardCount: 1 });
    expect(shardOptions(3)).toEqual({ shards: [0, 1, 2], shardCount: 3 });
    expect(shardOptions('auto')).toEqual({ shards: 'auto', shardCount: 1 });
    const before = process.env.SHARDS;
    process.env.SHARDS = 'auto';
    try {
      const client = createClient(loadConfig({ SHARDS: 'auto' }));
      expect(client.options.shards).toBe('auto');
      void client.destroy();
    } finally {
      if (before === undefined) delete process.env.SHARDS;
      else process.env.SHARDS = before;
    }
  });
});

describe('connecting', () => {
  let server: FakeDiscord | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(env: Record<string, string>) {
    server = await FakeDiscord.start();
    server.recommendedShards = 3;
    server.maxConcurrency = 3;
    for (let i = 0; i < 6; i++) server.addGuild(`Server ${i}`, [i % 3, 3]);
    const config = loadConfig({ DISCORD_TOKEN: 'token', DISCORD_API_URL: server.apiUrl, ...env });
    return startBot({ config, archive: await openTestArchive(), log: pino({ level: 'silent' }) });
  }

  it('unset keeps one shard: IDENTIFY says [0, 1] and gets every guild', async () => {
    const bot = await start({});
    try {
      expect(server!.identifies.map((d) => d.shard)).toEqual([[0, 1]]);
      expect(bot.client.ws.shards.size).toBe(1);
      expect(bot.client.guilds.cache.size).toBe(6);
    } finally {
      await bot.stop();
    }
  });

  it("SHARDS=auto runs Discord's recommended count from /gateway/bot, each shard with its own guilds", async () => {
    const bot = await start({ SHARDS: 'auto' });
    try {
      expect(server!.requests.some((r) => r.path === '/gateway/bot')).toBe(true);
      expect(server!.identifies.map((d) => d.shard).sort()).toEqual([
        [0, 3],
        [1, 3],
        [2, 3],
      ]);
      expect(bot.client.ws.shards.size).toBe(3);
      expect(bot.client.guilds.cache.size).toBe(6);
      for (const guild of bot.client.guilds.cache.values()) expect(guild.shardId).toBe(shardOf(guild.id, 3));
    } finally {
      await bot.stop();
    }
  });

  it('says to set SHARDS=auto when Discord requires sharding', async () => {
    server = await FakeDiscord.start();
    server.requiredShards = 2;
    const config = loadConfig({ DISCORD_TOKEN: 'token', DISCORD_API_URL: server.apiUrl });
    await expect(startBot({ config, archive: await openTestArchive(), log: pino({ level: 'silent' }) })).rejects.toThrow(
      /requires this bot to shard .*set SHARDS=auto \(now unset, one shard\)/,
    );
  });
});

describe('two shards in one process', () => {
  let h: Harness;
  /** Guilds by shard: [shard 0's, shard 1's]. */
  let onShard: [GuildFixture[], GuildFixture[]];
  beforeAll(async () => {
    h = await startHarness({ archive: await openTestArchive(), shards: 2, guilds: 3, env: { RATE_LIMIT_QUESTIONS: '3' } });
    onShard = [h.guilds.filter((g) => shardOf(g.id, 2) === 0), h.guilds.filter((g) => shardOf(g.id, 2) === 1)];
  });
  afterAll(async () => {
    await h?.stop();
  });

  const ask = (guild: GuildFixture, user: ReturnType<typeof makeUser>, question: string, extra: ReturnType<typeof int>[] = []) =>
    h.server.sendInteraction(slashCommand(h.server, guild, { user }, 'ask', [str('question', question), ...extra]));

  it('identifies two shards, each getting only the guilds Discord places on it', () => {
    expect(onShard[0]).toHaveLength(2);
    expect(onShard[1]).toHaveLength(2);
    expect(h.server.identifies.map((d) => d.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(h.bot.client.ws.shards.size).toBe(2);
    for (const shard of [0, 1] as const) {
      const ready = h.server.session(shard)!.sent.find((e) => e.t === 'READY')!;
      expect(ready.d.guilds.map((g: { id: string }) => g.id).sort()).toEqual(onShard[shard].map((g) => g.id).sort());
      for (const g of onShard[shard]) expect(h.bot.client.guilds.cache.get(g.id)?.shardId).toBe(shard);
    }
    expect(h.logs.filter((l) => l.event === 'shard ready').map((l) => l.shard)).toEqual(expect.arrayContaining([0, 1]));
    expect(h.logs.find((l) => l.event === 'gateway')).toMatchObject({ shards: 2, shardCount: 2 });
  });

  it('answers /ask in guilds of both shards, each delivered by its own shard', async () => {
    const asker = makeUser('asker');
    const tokens = [
      ask(onShard[0][0]!, asker, 'What did Kazakhstan say about CICA?'),
      ask(onShard[1][0]!, asker, 'What did Kazakhstan say about CICA?'),
    ];
    expect(tokens.map((t) => h.server.shardFor(t))).toEqual([0, 1]);
    for (const token of tokens) {
      const edit = await h.server.waitForRequest(on.editOriginal(token));
      expect(edit.body.embeds.length).toBeGreaterThan(0);
      expectVerbatim(h, edit.body);
    }
  });

  it("counts a member's questions together whichever shard serves them", async () => {
    const member = makeUser('busy');
    // Three allowed in the window: one per guild, across both shards.
    for (const guild of [onShard[0][0]!, onShard[1][0]!, onShard[0][1]!])
      await h.server.waitForRequest(on.editOriginal(ask(guild, member, 'CICA')));
    const fourth = await h.server.waitForRequest(on.callback(ask(onShard[1][1]!, member, 'CICA')));
    expect(fourth.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(fourth.body.data.content).toMatch(/^You're asking faster than I can keep up with/);
  });

  it('pages "More results" of an answer given on the second shard, for the asker and privately for another', async () => {
    const asker = makeUser('pager');
    const guild = onShard[1][0]!;
    const first = (await h.server.waitForRequest(on.editOriginal(ask(guild, asker, 'Kazakhstan regional organizations')))).body;
    const mine = h.server.sendInteraction(buttonClick(h.server, guild, { user: asker }, button(first, 'More results'), first));
    expect((await h.server.waitForRequest(on.editOriginal(mine))).body.content).toMatch(/^\*\*Results 4–6\*\*/);
    const other = h.server.sendInteraction(
      buttonClick(h.server, guild, { user: makeUser('reader') }, button(first, 'More results'), first),
    );
    expect((await h.server.waitForRequest(on.callback(other))).body).toEqual({ type: 5, data: { flags: 64 } });
    expect((await h.server.waitForRequest(on.editOriginal(other))).body.content).toMatch(/^\*\*Results 4–6\*\*/);
  });

  it("shows the same /stats on both shards, and answers in one a moderator's upload made in the other", async () => {
    const stats = async (guild: GuildFixture) =>
      (
        await h.server.waitForRequest(
          on.callback(h.server.sendInteraction(slashCommand(h.server, guild, { user: makeUser('s') }, 'stats'))),
        )
      ).body.data.embeds[0].fields;
    expect(await stats(onShard[0][0]!)).toEqual(await stats(onShard[1][0]!));

    const admin: Actor = { user: makeUser('admin'), permissions: PERMISSIONS.member | PERMISSIONS.manageGuild };
    const bytes = fs.readFileSync(sharedFile('ungdc/1992/KAZ_47_1992.txt'));
    const url = h.server.serveFile('Kazakhstan 1992 General Debate.txt', bytes);
    const file: AttachmentFixture = {
      id: snowflake(),
      filename: 'Kazakhstan 1992 General Debate.txt',
      size: bytes.length,
      url,
      proxy_url: url,
      content_type: 'text/plain; charset=utf-8',
    };
    const add = h.server.sendInteraction(
      slashCommand(h.server, onShard[0][0]!, admin, 'statement', [sub('add', [attachmentOption('file', file.id)])], {
        attachments: [file],
      }),
    );
    expect(h.server.shardFor(add)).toBe(0);
    expect((await h.server.waitForRequest(on.editOriginal(add))).body.content).toMatch(
      /^Added Kazakhstan\\_1992\\_General\\_Debate\.txt: \d+ paragraphs indexed\./,
    );

    const token = ask(onShard[1][0]!, makeUser('reader'), 'What did Kazakhstan say in its first General Debate?', [int('year', 1992)]);
    expect(h.server.shardFor(token)).toBe(1);
    const answer = (await h.server.waitForRequest(on.editOriginal(token))).body;
    expect(answer.embeds.length).toBeGreaterThan(0);
    expect(answer.embeds.every((e: any) => /Kazakhstan · .*1992/.test(e.title))).toBe(true);
    expect((await stats(onShard[1][1]!)).find((f: any) => f.name === 'Years').value).toMatch(/^1992–/);
  });

  it("drops one shard's connection and resumes it with nothing lost, the other shard answering meanwhile", async () => {
    const asker = makeUser('resumer');
    const [g0, g1] = [onShard[0][0]!, onShard[1][0]!];
    const before = (await h.server.waitForRequest(on.editOriginal(ask(g1, asker, 'Kazakhstan regional organizations')))).body;
    const identifies = h.server.identifies.length;

    h.server.dropShard(1);
    // Sent while shard 1 has no connection: they wait in its session, as at Discord.
    const whileDown = ask(g1, asker, 'What did Kazakhstan say about CICA?');
    const click = h.server.sendInteraction(buttonClick(h.server, g1, { user: asker }, button(before, 'More results'), before));
    const otherShard = ask(g0, makeUser('elsewhere'), 'What did Kazakhstan say about CICA?');

    const answered = await h.server.waitForRequest(on.editOriginal(whileDown));
    expect(answered.body.embeds.length).toBeGreaterThan(0);
    expect((await h.server.waitForRequest(on.editOriginal(click))).body.content).toMatch(/^\*\*Results 4–6\*\*/);
    expect((await h.server.waitForRequest(on.editOriginal(otherShard))).body.embeds.length).toBeGreaterThan(0);

    await h.server.waitForResume(1);
    expect(h.server.identifies).toHaveLength(identifies); // resumed, not identified again
    expect(h.server.resumes).toEqual([expect.objectContaining({ shard: 1, replayed: 2 })]);
    expect(h.bot.client.ws.shards.get(1)?.status).toBe(0); // Ready
    expect(h.logs.find((l) => l.event === 'shard resumed')).toMatchObject({ shard: 1, replayed: 3 }); // the two, and RESUMED
  });
});
