import { InteractionContextType, SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { isRefusal, MAX_TEXT_CHARS, readCompare, YEAR_LIMITS } from '../../answer/requests.js';
import { shortKey } from '../cache.js';
import { renderComparePage } from '../compare-reply.js';
import { compareStates, type CompareState } from '../components/compare-ids.js';
import type { BotContext } from '../context.js';
import { rateLimited, type Precondition } from '../preconditions/index.js';
import { replyEphemeral } from '../reply.js';
import { countryChoices, focusedOption, IN_DISCORD, respondChoices, textOption } from './shared.js';

export const data = new SlashCommandBuilder()
  .setName('compare')
  .setDescription('Two countries on one topic, side by side: their best paragraphs, word for word')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((o) => o.setName('a').setDescription('The first country').setRequired(true).setAutocomplete(true).setMaxLength(100))
  .addStringOption((o) => o.setName('b').setDescription('The second country').setRequired(true).setAutocomplete(true).setMaxLength(100))
  .addStringOption((o) =>
    o.setName('topic').setDescription('What they said about, e.g. nuclear energy').setRequired(true).setMaxLength(MAX_TEXT_CHARS),
  )
  .addIntegerOption((o) =>
    o.setName('year').setDescription("That year's statements first").setMinValue(YEAR_LIMITS.min).setMaxValue(YEAR_LIMITS.max),
  );

export const preconditions: Precondition[] = [rateLimited];

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const query = readCompare(ctx.archive, IN_DISCORD, {
    topic: textOption(interaction, 'topic') ?? '',
    countries: [textOption(interaction, 'a') ?? '', textOption(interaction, 'b') ?? ''],
    year: interaction.options.getInteger('year') ?? undefined,
  });
  if (isRefusal(query)) return replyEphemeral(interaction, query.refusal);

  await interaction.deferReply();
  const state: CompareState = { ...query, k: ctx.tuning.defaultResults, askerId: interaction.user.id };
  const key = shortKey();
  compareStates(ctx).set(key, state);
  await interaction.editReply(await renderComparePage(ctx, key, state, 0, { via: 'compare', guildId: interaction.guildId }));
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const focused = focusedOption(interaction);
  await respondChoices(interaction, ctx, () =>
    focused.name === 'a' || focused.name === 'b' ? countryChoices(ctx.archive, focused.value) : [],
  );
}
