import { InteractionContextType, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { formatStats } from '../../answer/discord.js';
import type { BotContext } from '../context.js';
import { NO_MENTIONS } from '../reply.js';

export const data = new SlashCommandBuilder()
  .setName('stats')
  .setDescription('What the index holds: statements, paragraphs, countries, years, model, age')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const embed = formatStats(ctx.archive.stats());
  if (ctx.maintenance.running === 'reindex')
    embed.footer = { text: 'A reindex is running; answers come from the current index until it is done.' };
  await interaction.reply({ embeds: [embed], allowedMentions: NO_MENTIONS });
}
