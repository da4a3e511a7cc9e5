/**
 * `npm run invite`: prints the OAuth2 URL that adds the bot to a server, with exactly the scopes and the
 * permissions the code uses (src/bot/invite.ts). The application id comes from DISCORD_APPLICATION_ID (the
 * environment or .env), or `--application-id ID`.
 */
import { Command } from 'commander';
import { BOT_PERMISSIONS, INVITE_SCOPES, invitePermissions, inviteUrl } from '../src/bot/invite.js';
import { loadConfig } from '../src/config.js';

const program = new Command('invite')
  .description('Print the URL that adds the bot to a server, with the scopes and permissions it uses')
  .option('--application-id <id>', 'the application id (default: DISCORD_APPLICATION_ID)')
  .action((options: { applicationId?: string }) => {
    try {
      const id = options.applicationId ?? loadConfig().DISCORD_APPLICATION_ID;
      if (!id) {
        throw new Error(
          'no application id: set DISCORD_APPLICATION_ID in .env (Developer Portal > your application > General Information > Application ID), or pass --application-id ID',
        );
      }
      process.stdout.write(`${inviteUrl(id)}\n`);
      process.stderr.write(
        `Open it, pick your server and authorize. Scopes: ${INVITE_SCOPES.join(', ')}. Permissions (${invitePermissions()}):\n` +
          BOT_PERMISSIONS.map((p) => `  ${p.name.padEnd(26)}${p.why}\n`).join(''),
      );
    } catch (error) {
      process.stderr.write(`invite: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  });

await program.parseAsync(process.argv.slice(2), { from: 'user' });
