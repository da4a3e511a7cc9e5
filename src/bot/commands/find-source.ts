import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  MessageFlags,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import { isRefusal, readQuote } from '../../answer/requests.js';
import type { BotContext } from '../context.js';
import { rateLimited, type Precondition } from '../preconditions/index.js';
import { replyEphemeral } from '../reply.js';
import { renderSource } from '../source-reply.js';
import { IN_DISCORD } from './shared.js';

/**
 * Right-click a message → Apps → Find the source. Discord hands the command the message it was used on, so the bot
 * reads the quote without the Message Content intent; installable like /source.
 */
export const data = new ContextMenuCommandBuilder()
  .setName('Find the source')
  .setType(ApplicationCommandType.Message)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall)
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel);

export const preconditions: Precondition<MessageContextMenuCommandInteraction>[] = [rateLimited];

export async function execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void> {
  const text = interaction.targetMessage.content;
  if (!text.trim()) return replyEphemeral(interaction, 'That message has no text to check: use it on a message that quotes someone.');
  const quote = readQuote(ctx.archive, IN_DISCORD, text);
  if (isRefusal(quote)) return replyEphemeral(interaction, quote.refusal);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await interaction.editReply(await renderSource(ctx, quote, interaction.user.id, { via: 'source', guildId: interaction.guildId }));
}
