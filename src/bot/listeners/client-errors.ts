import { Events } from 'discord.js';
import type { BotContext } from '../context.js';
import { errorInfo } from '../reply.js';

export const event = Events.Error;

/** Without a listener, an 'error' event would end the process. */
export function execute(ctx: BotContext, error: Error): void {
  ctx.log.error({ ...errorInfo(error) }, 'Discord client error');
}
