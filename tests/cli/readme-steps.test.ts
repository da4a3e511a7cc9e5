/**
 * "Run it in your server", step by step as the README says, against the local Discord server of the tests: the
 * settings in .env (a copy of .env.example), `npm run invite`, `npm run register`, `npm start`, then a member's
 * /ask answered. Only DISCORD_API_URL differs from what a moderator does: it points at the local server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteUrl } from '../../src/bot/invite.js';
import { CliProcess, runCli } from '../support/cli-process.js';
import { SEED_FILE, temporaryDir } from '../support/corpus.js';
import { on, rendered } from '../support/discord/harness.js';
import { makeUser, slashCommand, str } from '../support/discord/payloads.js';
import { FakeDiscord, type GuildFixture } from '../support/discord/server.js';

const README = fs.readFileSync(path.resolve('README.md'), 'utf8');
const SETTINGS_FROM_FILE = ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'DISCORD_GUILD_ID', 'DISCORD_API_URL', 'INDEX_DIR', 'CORPUS_DIR'];

let server: FakeDiscord;
let guild: GuildFixture;
let envFile: string;
let indexDir: string;

/** Sets a variable in the .env file as a person edits it: the example's line replaced, or one added. */
function setVariable(text: string, name: string, value: string): string {
  const line = new RegExp(`^#?\\s*${name}=.*$`, 'm');
  return line.test(text) ? text.replace(line, `${name}=${value}`) : `${text}\n${name}=${value}\n`;
}

/** A command of the README's steps, reading nothing but the .env file (and none of the test's own settings). */
const command = (script: string, args: string[] = []) => ({
  script,
  args,
  options: { env: { ENV_FILE: envFile }, unset: SETTINGS_FROM_FILE },
});

beforeAll(async () => {
  server = await FakeDiscord.start();
  guild = server.addGuild('Model UN club');
  const corpus = temporaryDir('verbatim-readme-corpus-');
  fs.copyFileSync(SEED_FILE, path.join(corpus, path.basename(SEED_FILE)));
  indexDir = temporaryDir('verbatim-readme-index-');
  // Step 2: `cp .env.example .env`, then the token and the application id from the portal.
  let settings = fs.readFileSync(path.resolve('.env.example'), 'utf8');
  settings = setVariable(settings, 'DISCORD_TOKEN', 'a-token-from-the-portal');
  settings = setVariable(settings, 'DISCORD_APPLICATION_ID', server.applicationId);
  settings = setVariable(settings, 'DISCORD_GUILD_ID', guild.id);
  settings = setVariable(settings, 'DISCORD_API_URL', server.apiUrl);
  settings = setVariable(settings, 'CORPUS_DIR', corpus);
  settings = setVariable(settings, 'INDEX_DIR', indexDir);
  envFile = path.join(temporaryDir('verbatim-readme-'), '.env');
  fs.writeFileSync(envFile, settings);
});
afterAll(async () => {
  await server?.close();
});

describe("the README's steps to run the bot in a server", () => {
  it('are the ones this test follows', () => {
    for (const step of ['cp .env.example .env', 'Message Content Intent', 'npm run invite', 'npm run register', 'npm start'])
      expect(README).toContain(step);
  });

  it('get from a .env file to a member of the server reading an answer', async () => {
    // Step 4: the invite URL, for the application in .env.
    const invite = command('scripts/invite.ts');
    const invited = await runCli(invite.script, invite.args, invite.options);
    expect(invited.code, invited.stderr).toBe(0);
    expect(invited.stdout.trim()).toBe(inviteUrl(server.applicationId));

    // Step 5: the slash commands, to the server DISCORD_GUILD_ID names.
    const register = command('scripts/register-commands.ts');
    const registered = await runCli(register.script, register.args, register.options);
    expect(registered.code, registered.stderr).toBe(0);
    expect(registered.stdout).toMatch(new RegExp(`^Registered \\d+ commands for server ${guild.id}: /ask`));
    expect(
      server.requests.some((r) => r.method === 'PUT' && r.path === `/applications/${server.applicationId}/guilds/${guild.id}/commands`),
    ).toBe(true);

    // Step 3 left out: the bot refuses to start without the Message Content intent, and says where to enable it.
    server.closeOnIdentify = 4014;
    const start = command('src/main.ts');
    const refused = await runCli(start.script, start.args, start.options);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Message Content Intent');
    server.closeOnIdentify = null;

    // Step 6: npm start, then a member asks.
    const bot = new CliProcess(start.script, start.args, start.options);
    try {
      await bot.waitForStderr((stderr) => stderr.includes('Starting the Discord bot'), 120_000);
      expect(bot.stderr).toContain(`Starting the Discord bot over the index in ${indexDir} (1 statement, none dated).`);
      await server.whenIdentified();
      const token = server.sendInteraction(
        slashCommand(server, guild, { user: makeUser('moderator') }, 'ask', [
          str('question', 'what did Kazakhstan ask the General Assembly?'),
        ]),
      );
      const answer = await server.waitForRequest(on.editOriginal(token), 60_000);
      const shown = rendered(JSON.stringify(answer.body));
      expect(shown).toContain('Kazakhstan has requested the General Assembly to grant observer status');
      expect(bot.stderr).not.toContain('a-token-from-the-portal');
    } finally {
      await bot.kill('SIGTERM');
    }
  });
});
