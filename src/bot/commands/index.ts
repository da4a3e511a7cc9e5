import { Collection } from 'discord.js';
import * as ask from './ask.js';
import * as compare from './compare.js';
import * as country from './country.js';
import * as org from './org.js';
import * as reindex from './reindex.js';
import * as statement from './statement.js';
import * as stats from './stats.js';
import * as trend from './trend.js';
import type { SlashCommand } from './types.js';

/** Every slash command of the bot, in the order they are registered. */
export const commandList: SlashCommand[] = [ask, org, country, trend, compare, stats, reindex, statement];

export function commandCollection(): Collection<string, SlashCommand> {
  return new Collection(commandList.map((c) => [c.data.name, c]));
}

export type { SlashCommand } from './types.js';
