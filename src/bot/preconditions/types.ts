import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.js';

/** A check before a command runs: null lets it run, a string is the (ephemeral) refusal shown instead. */
export type Precondition = (interaction: ChatInputCommandInteraction, ctx: BotContext) => string | null;
