import type { ChatInputCommandInteraction } from 'discord.js';
import type { Refusal } from '../../answer/requests.js';
import type { BotContext } from '../context.js';

/** Who asks, and where: what a check about the asker reads, from a slash command or a message to the bot alike. */
export interface Asker {
  user: { id: string };
  guildId: string | null;
}

/**
 * Why a check refused. `repeated`: the asker was told so a moment ago; a chat then stays quiet rather than answer
 * every message, while an interaction is answered each time (Discord shows an error otherwise).
 */
export type PreconditionRefusal = Refusal & { repeated?: boolean };

/** A check before a command (or a question by message) runs: null lets it run, else the private refusal shown instead. */
export type Precondition<S extends Asker = ChatInputCommandInteraction> = (subject: S, ctx: BotContext) => PreconditionRefusal | null;
