/**
 * Starts the local Discord server and the real bot (discord.js client) against it, with a captured logger.
 * Tests drive it with gateway dispatches and assert on the REST calls the bot makes.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { startBot, type RunningBot } from '../../../src/bot/start.js';
import type { BotTuning } from '../../../src/bot/context.js';
import { loadConfig, type Config } from '../../../src/config.js';
import type { Archive } from '../../../src/archive/archive.js';
import { InstrumentedArchive } from './instrumented-archive.js';
import { FakeDiscord, type GuildFixture, type RecordedRequest } from './server.js';

const TEST_TOKEN = 'MTA1.test-token.secret-part';

export interface Harness {
  server: FakeDiscord;
  bot: RunningBot;
  archive: InstrumentedArchive;
  guild: GuildFixture;
  /** Every guild, the first one included, in the order made (with `shards`, guild i is on shard i % shards). */
  guilds: GuildFixture[];
  config: Config;
  /** Every log record the bot wrote, parsed. */
  logs: Record<string, unknown>[];
  /** Raw log text, for "never logs X" assertions. */
  logText(): string;
  corpusDir: string;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  archive: Archive;
  env?: Record<string, string>;
  tuning?: Partial<BotTuning>;
  /** Extra guilds (besides the first) to create before connecting. */
  guilds?: number;
  /**
   * Run the bot with SHARDS=N: the guilds are spread over the shards in turn (guild i on shard i % N), and the
   * server lets the shards identify together (max_concurrency N, as Discord allows large bots up to 16).
   */
  shards?: number;
  logLevel?: string;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const server = await FakeDiscord.start();
  const shards = options.shards;
  if (shards) server.maxConcurrency = shards;
  const place = (i: number): [number, number] | undefined => (shards ? [i % shards, shards] : undefined);
  const guilds = [server.addGuild('Test server', place(0))];
  for (let i = 0; i < (options.guilds ?? 0); i++) guilds.push(server.addGuild(`Other server ${i + 1}`, place(i + 1)));
  const guild = guilds[0]!;
  const corpusDir = await fs.mkdtemp(path.join(os.tmpdir(), 'verbatim-bot-'));
  const config = loadConfig({
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_APPLICATION_ID: server.applicationId,
    DISCORD_API_URL: server.apiUrl,
    CORPUS_DIR: corpusDir,
    INDEX_DIR: path.join(corpusDir, '.index'),
    RATE_LIMIT_QUESTIONS: '1000',
    RATE_LIMIT_WINDOW_SECONDS: '60',
    LOG_LEVEL: 'debug',
    ...(shards ? { SHARDS: String(shards) } : {}),
    ...options.env,
  });
  let raw = '';
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      const text = String(chunk);
      raw += text;
      for (const line of text.split('\n')) if (line.trim()) logs.push(JSON.parse(line));
      done();
    },
  });
  const log = pino(
    {
      level: options.logLevel ?? 'debug',
      base: undefined,
      redact: {
        paths: ['token', '*.token', 'DISCORD_TOKEN', '*.DISCORD_TOKEN', 'headers.authorization', '*.headers.authorization'],
        censor: '[redacted]',
      },
    },
    sink,
  );
  const archive = options.archive instanceof InstrumentedArchive ? options.archive : new InstrumentedArchive(options.archive);
  const bot = await startBot({ config, archive, log, tuning: { progressIntervalMs: 50, ...options.tuning } });
  return {
    server,
    bot,
    archive,
    guild,
    guilds,
    config,
    logs,
    logText: () => raw,
    corpusDir,
    stop: async () => {
      await bot.stop();
      await server.close();
      await fs.rm(corpusDir, { recursive: true, force: true });
    },
  };
}

/** Predicates for the REST calls tests wait for. */
export const on = {
  callback: (token: string) => (r: RecordedRequest) => r.method === 'POST' && r.path.endsWith(`/${token}/callback`),
  editOriginal: (token: string) => (r: RecordedRequest) => r.method === 'PATCH' && r.path.endsWith(`/${token}/messages/@original`),
  deleteOriginal: (token: string) => (r: RecordedRequest) => r.method === 'DELETE' && r.path.endsWith(`/${token}/messages/@original`),
  followUp: (token: string) => (r: RecordedRequest) =>
    r.method === 'POST' && r.path.startsWith('/webhooks/') && r.path.endsWith(`/${token}`),
  channelMessage: (channelId: string) => (r: RecordedRequest) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`,
  startThread: (channelId: string, messageId: string) => (r: RecordedRequest) =>
    r.method === 'POST' && r.path === `/channels/${channelId}/messages/${messageId}/threads`,
};

/** Undoes Discord escaping and block quotes: the text a reader sees. */
export function rendered(markdown: string): string {
  return markdown
    .split('\n')
    .map((l) => l.replace(/^> /, ''))
    .join('\n')
    .replace(/\\(.)/g, '$1')
    .replace(/\u200b/g, '');
}

/** Resolves after the given time. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
