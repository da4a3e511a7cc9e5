/**
 * `npm run register`: deploys the bot's slash commands. To the server DISCORD_GUILD_ID names when set
 * (instant, for development), else globally (up to an hour to show everywhere).
 *   npm run register               per DISCORD_GUILD_ID, or global
 *   npm run register -- --global   global even when DISCORD_GUILD_ID is set
 *   npm run register -- --print    print the commands' JSON, register nothing (no token needed)
 */
import { commandPayloads, registerCommands } from '../src/bot/register.js';
import { loadConfig } from '../src/config.js';

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  if (args.has('--help') || args.has('-h')) {
    process.stdout.write('usage: npm run register [-- --global | --print]\n');
    return;
  }
  if (args.has('--print')) {
    process.stdout.write(`${JSON.stringify(commandPayloads(), null, 2)}\n`);
    return;
  }
  const config = loadConfig();
  const guildId = args.has('--global') ? undefined : config.DISCORD_GUILD_ID;
  const result = await registerCommands(config, { guildId });
  const where = result.scope === 'guild' ? `server ${result.guildId}` : 'all servers (global; may take up to an hour to appear)';
  process.stdout.write(`Registered ${result.commands.length} commands for ${where}: /${result.commands.join(', /')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`register: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
