import { REST, Routes, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { Config } from '../config.js';
import { commandList, messageCommandList } from './commands/index.js';

/** The JSON of every slash and message command, as Discord's bulk-overwrite endpoint takes it. */
export function commandPayloads(): RESTPostAPIApplicationCommandsJSONBody[] {
  return [...commandList.map((c) => c.data.toJSON()), ...messageCommandList.map((c) => c.data.toJSON())];
}

export interface RegisterResult {
  scope: 'guild' | 'global';
  guildId?: string;
  commands: string[];
}

/**
 * Deploys the slash commands, replacing the application's previous set: to one server (instant; for
 * development) when a guild id is given, else globally (may take up to an hour to appear everywhere).
 */
export async function registerCommands(config: Config, options: { guildId?: string | undefined } = {}): Promise<RegisterResult> {
  if (!config.DISCORD_TOKEN) throw new Error('DISCORD_TOKEN is not set');
  if (!config.DISCORD_APPLICATION_ID) throw new Error('DISCORD_APPLICATION_ID is not set');
  const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
  const body = commandPayloads();
  const appId = config.DISCORD_APPLICATION_ID;
  const guildId = options.guildId;
  const route = guildId ? Routes.applicationGuildCommands(appId, guildId) : Routes.applicationCommands(appId);
  const saved = (await rest.put(route, { body })) as { name: string }[];
  return { scope: guildId ? 'guild' : 'global', ...(guildId ? { guildId } : {}), commands: saved.map((c) => c.name) };
}
