import type { ButtonInteraction } from 'discord.js';
import { DISCORD_LIMITS, truncate } from '../../answer/limits.js';
import type { DiscordSource } from '../../answer/source.js';
import type { BotContext } from '../context.js';
import { NO_MENTIONS, replyEphemeral } from '../reply.js';
import { buttonStates, EXPIRED, type ButtonFamily } from './family.js';

/** A private /source reply its asker may share: the reply as shown to them, and who they are. */
export interface SourceState {
  reply: DiscordSource;
  askerId: string;
}

/** "Share" under a private /source reply: `vs:share:<key>`. */
interface SourceButton {
  key: string;
}

export const sourceStates = buttonStates<SourceState>();

const PREFIX = 'vs';

function encode(button: SourceButton): string {
  return `${PREFIX}:share:${button.key}`;
}

function decode(customId: string): SourceButton | null {
  const match = /^vs:share:([\w-]{1,32})$/.exec(customId);
  return match ? { key: match[1]! } : null;
}

/** Posts the checked quote's reply to the channel, as the interaction's public response, saying who checked it. */
async function execute(interaction: ButtonInteraction, ctx: BotContext, button: SourceButton): Promise<void> {
  const state = sourceStates(ctx).get(button.key);
  if (!state) return replyEphemeral(interaction, EXPIRED);
  if (interaction.user.id !== state.askerId) return replyEphemeral(interaction, 'Only the member who checked this quote can share it.');
  const { content, embeds } = state.reply;
  const signed = `\n-# Checked with /source by <@${state.askerId}>`;
  await interaction.reply({ content: truncate(content, DISCORD_LIMITS.content - signed.length) + signed, embeds, allowedMentions: NO_MENTIONS });
}

export const sourceButtons: ButtonFamily<SourceButton> = { prefix: PREFIX, encode, decode, execute };
