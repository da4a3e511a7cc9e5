import { spawnSync } from 'node:child_process';
import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { BOT_PERMISSIONS, invitePermissions, inviteUrl } from '../../src/bot/invite.js';

const APPLICATION_ID = '123456789012345678';

describe('the invite URL', () => {
  it('asks for exactly the scopes bot and applications.commands and the permissions of the one list', () => {
    const url = new URL(inviteUrl(APPLICATION_ID));
    expect(`${url.origin}${url.pathname}`).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe(APPLICATION_ID);
    expect(url.searchParams.get('scope')!.split(' ')).toEqual(['bot', 'applications.commands']);
    const granted = new PermissionsBitField(BigInt(url.searchParams.get('permissions')!));
    expect(granted.toArray().sort()).toEqual(BOT_PERMISSIONS.map((p) => p.flag).sort());
  });

  it('is the permissions the bot uses in channels: reading them, answering in threads, embeds, the chart', () => {
    const bits = invitePermissions();
    const expected =
      PermissionFlagsBits.ViewChannel |
      PermissionFlagsBits.SendMessages |
      PermissionFlagsBits.CreatePublicThreads |
      PermissionFlagsBits.SendMessagesInThreads |
      PermissionFlagsBits.EmbedLinks |
      PermissionFlagsBits.AttachFiles |
      PermissionFlagsBits.ReadMessageHistory;
    expect(bits).toBe(expected);
    expect(bits).toBe(309237763072n);
    // Nothing that moderates, manages or mentions.
    for (const never of ['Administrator', 'ManageGuild', 'ManageMessages', 'MentionEveryone', 'ManageThreads'] as const) {
      expect(bits & PermissionFlagsBits[never]).toBe(0n);
    }
  });

  it('refuses what is not an application id, saying where to find one', () => {
    expect(() => inviteUrl('my-bot')).toThrow(/Application ID/);
  });

  it('`npm run invite` prints the URL from DISCORD_APPLICATION_ID, and says where to find the id without one', () => {
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/invite.ts'], {
        encoding: 'utf8',
        env: { ...process.env, ENV_FILE: '/dev/null', ...env },
      });
    const printed = run({ DISCORD_APPLICATION_ID: APPLICATION_ID });
    expect(printed.status).toBe(0);
    expect(printed.stdout).toBe(`${inviteUrl(APPLICATION_ID)}\n`);
    expect(printed.stderr).toContain('Create Public Threads');
    const without = run({ DISCORD_APPLICATION_ID: '' });
    expect(without.status).toBe(1);
    expect(without.stdout).toBe('');
    expect(without.stderr).toMatch(/set DISCORD_APPLICATION_ID in \.env/);
  });
});
