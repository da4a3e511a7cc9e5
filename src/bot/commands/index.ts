import { Collection } from 'discord.js';
import * as ask from './ask.js';
import * as compare from './compare.js';
import * as country from './country.js';
import * as findSource from './find-source.js';
import * as org from './org.js';
import * as reindex from './reindex.js';
import * as source from './source.js';
import * as statement from './statement.js';
import * as stats from './stats.js';
import * as trend from './trend.js';
import type { MessageCommand, SlashCommand } from './types.js';

/** Every slash command of the bot, in the order they are registered. */
export const commandList: SlashCommand[] = [ask, source, org, country, trend, compare, stats, reindex, statement];

/** Every message command (right-click a message → Apps). */
export const messageCommandList: MessageCommand[] = [findSource];

export function commandCollection(): Collection<string, SlashCommand> {
  return new Collection(commandList.map((c) => [c.data.name, c]));
}

export function messageCommandCollection(): Collection<string, MessageCommand> {
  return new Collection(messageCommandList.map((c) => [c.data.name, c]));
}
