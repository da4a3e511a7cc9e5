import type { ClientEvents } from 'discord.js';
import type { BotContext } from '../context.js';

/** One gateway event handler. */
export interface Listener<E extends keyof ClientEvents = keyof ClientEvents> {
  event: E;
  once?: boolean;
  execute(ctx: BotContext, ...args: ClientEvents[E]): Promise<void> | void;
}
