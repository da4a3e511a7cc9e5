import {
  ApplicationIntegrationType,
  InteractionContextType,
  MessageFlags,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { isRefusal, MAX_QUOTE_CHARS, readQuote } from '../../answer/requests.js';
import type { BotContext } from '../context.js';
import { rateLimited, type Precondition } from '../preconditions/index.js';
import { replyEphemeral } from '../reply.js';
import { renderSource } from '../source-reply.js';
import { IN_DISCORD } from './shared.js';

/** Installed in a server or by a member for themselves, /source works in servers, in the bot's DMs and in private chats. */
export const data = new SlashCommandBuilder()
  .setName('source')
  .setDescription('Who really said a quote, where, and whether the words are right')
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall)
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel)
  .addStringOption((o) =>
    o
      .setName('quote')
      .setDescription('The quote as you found it, e.g. As Nigeria said: “...”')
      .setRequired(true)
      .setMaxLength(MAX_QUOTE_CHARS),
  );

export const preconditions: Precondition[] = [rateLimited];

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const quote = readQuote(ctx.archive, IN_DISCORD, interaction.options.getString('quote') ?? '');
  if (isRefusal(quote)) return replyEphemeral(interaction, quote.refusal);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await interaction.editReply(await renderSource(ctx, quote, interaction.user.id, { via: 'source', guildId: interaction.guildId }));
}
