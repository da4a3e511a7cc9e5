import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandPayloads, registerCommands } from '../../src/bot/register.js';
import { loadConfig } from '../../src/config.js';
import { FakeDiscord } from '../support/discord/server.js';

let server: FakeDiscord;
beforeAll(async () => {
  server = await FakeDiscord.start();
});
afterAll(async () => {
  await server?.close();
});

const config = (env: Record<string, string> = {}) =>
  loadConfig({ DISCORD_TOKEN: 'reg-token', DISCORD_APPLICATION_ID: server.applicationId, DISCORD_API_URL: server.apiUrl, ...env });

describe('npm run register', () => {
  it('deploys every command to one server when DISCORD_GUILD_ID is given', async () => {
    const result = await registerCommands(config(), { guildId: '123456789012345678' });
    expect(result).toEqual({
      scope: 'guild',
      guildId: '123456789012345678',
      commands: ['ask', 'source', 'org', 'country', 'trend', 'compare', 'stats', 'reindex', 'statement', 'Find the source'],
    });
    const put = await server.waitForRequest((r) => r.method === 'PUT');
    expect(put.path).toBe(`/applications/${server.applicationId}/guilds/123456789012345678/commands`);
    expect(put.headers.authorization).toBe('Bot reg-token');
  });

  it('deploys globally otherwise', async () => {
    const result = await registerCommands(config());
    expect(result.scope).toBe('global');
    await server.waitForRequest((r) => r.method === 'PUT' && r.path === `/applications/${server.applicationId}/commands`);
  });

  it('needs a token and an application id', async () => {
    await expect(registerCommands(loadConfig({ DISCORD_API_URL: server.apiUrl }))).rejects.toThrow(/DISCORD_TOKEN/);
  });

  it('describes commands within Discord limits, with autocomplete where names are picked', () => {
    const commands = commandPayloads().filter(
      (c) => c.type === undefined || c.type === 1,
    ) as RESTPostAPIChatInputApplicationCommandsJSONBody[];
    for (const c of commands) {
      expect(c.name).toMatch(/^[a-z]{1,32}$/);
      expect(c.description!.length).toBeLessThanOrEqual(100);
      expect((c.options ?? []).length).toBeLessThanOrEqual(25);
    }
    const byName = Object.fromEntries(commands.map((c) => [c.name, c]));
    const option = (cmd: string, name: string) => (byName[cmd]!.options as any[]).find((o) => o.name === name);
    expect(option('ask', 'country').autocomplete).toBe(true);
    expect(option('org', 'name').autocomplete).toBe(true);
    expect(option('country', 'name').autocomplete).toBe(true);
    expect(option('ask', 'question').max_length).toBe(500);
    const add = (byName.statement!.options as any[]).find((o) => o.name === 'add');
    expect(add.options.map((o: any) => o.name)).toEqual(['file', 'country', 'speaker', 'body', 'date']);
    // Moderator commands run only in servers, where the precondition can check the member.
    expect(byName.reindex!.contexts).toEqual([0]);
    expect(byName.statement!.contexts).toEqual([0]);
  });

  it('lets members install /source and "Find the source" for themselves, and keeps moderator commands to servers', () => {
    const byName = Object.fromEntries(commandPayloads().map((c) => [c.name, c]));
    const findSource = byName['Find the source']!;
    expect(findSource.type).toBe(3);
    for (const c of [byName.source!, findSource]) {
      // 0: installed in a server, 1: installed by a user; contexts 0: server, 1: the bot's DMs, 2: private chats.
      expect(c.integration_types).toEqual([0, 1]);
      expect(c.contexts).toEqual([0, 1, 2]);
    }
    expect(byName.reindex!.integration_types).toEqual([0]);
    expect(byName.statement!.integration_types).toEqual([0]);
  });
});
