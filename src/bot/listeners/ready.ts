import { Events, type Client } from 'discord.js';
import type { BotContext } from '../context.js';

export const event = Events.ClientReady;
export const once = true;

export function execute(ctx: BotContext, client: Client<true>): void {
  ctx.log.info({ event: 'ready', user: client.user.tag, guilds: client.guilds.cache.size }, 'connected to Discord');
}
