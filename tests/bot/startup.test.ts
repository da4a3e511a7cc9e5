import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot } from '../../src/bot/start.js';
import { loadConfig } from '../../src/config.js';
import { FakeDiscord } from '../support/discord/server.js';
import { openTestArchive } from './test-archive.js';

let server: FakeDiscord | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(closeOnIdentify: number | null, token: string | null = 'token') {
  server = await FakeDiscord.start();
  server.addGuild();
  server.closeOnIdentify = closeOnIdentify;
  const config = loadConfig({ DISCORD_API_URL: server.apiUrl, ...(token ? { DISCORD_TOKEN: token } : {}) });
  return startBot({ config, archive: await openTestArchive(), log: pino({ level: 'silent' }) });
}

describe('start-up', () => {
  it('connects with the gateway URL from GET /gateway/bot and the intents it needs', async () => {
    const bot = await start(null);
    const gateway = server!.requests.find((r) => r.path === '/gateway/bot');
    expect(gateway?.method).toBe('GET');
    // Guilds, GuildMessages, DirectMessages, MessageContent.
    expect(server!.identify.intents).toBe(1 | 512 | 4096 | 32768);
    await bot.stop();
  });

  it('explains a refused Message Content intent', async () => {
    await expect(start(4014)).rejects.toThrow(/enable it for the bot .*Message Content Intent/);
  });

  it('fails on a bad token', async () => {
    await expect(start(4004)).rejects.toThrow(/Authentication failed/);
  });

  it('needs a token', async () => {
    await expect(start(null, null)).rejects.toThrow(/DISCORD_TOKEN is not set/);
  });
});
