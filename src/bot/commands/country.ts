import { InteractionContextType, SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { isRefusal, MAX_TEXT_CHARS, readCountry } from '../../answer/requests.js';
import { renderFirstPage } from '../answering.js';
import type { PageQuery } from '../components/answer-ids.js';
import type { BotContext } from '../context.js';
import { rateLimited, type Precondition } from '../preconditions/index.js';
import { replyEphemeral } from '../reply.js';
import { countryChoices, focusedOption, IN_DISCORD, respondChoices, textOption } from './shared.js';

export const data = new SlashCommandBuilder()
  .setName('country')
  .setDescription("A country's statements, by year, optionally ranked by a topic")
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((o) => o.setName('name').setDescription('The country').setRequired(true).setAutocomplete(true).setMaxLength(100))
  .addStringOption((o) => o.setName('topic').setDescription('Rank the paragraphs by this topic').setMaxLength(MAX_TEXT_CHARS));

export const preconditions: Precondition[] = [rateLimited];

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const asked = readCountry(ctx.archive, IN_DISCORD, {
    name: textOption(interaction, 'name') ?? '',
    topic: textOption(interaction, 'topic'),
  });
  if (isRefusal(asked)) return replyEphemeral(interaction, asked.refusal);
  const { country, topic } = asked;
  await interaction.deferReply();
  const query: PageQuery = { kind: 'country', code: country.code, k: ctx.tuning.maxResults, ...(topic ? { topic } : {}) };
  await interaction.editReply(await renderFirstPage(ctx, query, interaction.user.id, { via: 'country', guildId: interaction.guildId }));
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const focused = focusedOption(interaction);
  await respondChoices(interaction, ctx, () => (focused.name === 'name' ? countryChoices(ctx.archive, focused.value) : []));
}
