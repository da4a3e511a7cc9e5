import { InteractionContextType, SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { truncate } from '../../answer/limits.js';
import { isRefusal, MAX_TEXT_CHARS, readTrend, YEAR_LIMITS } from '../../answer/requests.js';
import type { BotContext } from '../context.js';
import { rateLimited, type Precondition } from '../preconditions/index.js';
import { replyEphemeral } from '../reply.js';
import { timed } from '../timing.js';
import { TREND_COUNTED, trendReply } from '../trend-reply.js';
import { countryChoices, focusedOption, IN_DISCORD, respondChoices, textOption } from './shared.js';

export const data = new SlashCommandBuilder()
  .setName('trend')
  .setDescription('Year by year, the share of General Debate statements that address a topic, as a chart')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((o) =>
    o
      .setName('topic')
      .setDescription('Words, a name or an organization, e.g. climate change, CICA')
      .setRequired(true)
      .setAutocomplete(true)
      .setMaxLength(MAX_TEXT_CHARS),
  )
  .addIntegerOption((o) =>
    o
      .setName('from')
      .setDescription('First year charted (default: the first indexed)')
      .setMinValue(YEAR_LIMITS.min)
      .setMaxValue(YEAR_LIMITS.max),
  )
  .addIntegerOption((o) =>
    o
      .setName('to')
      .setDescription('Last year charted (default: the latest indexed)')
      .setMinValue(YEAR_LIMITS.min)
      .setMaxValue(YEAR_LIMITS.max),
  )
  .addStringOption((o) => o.setName('country').setDescription("Only this country's statements").setAutocomplete(true).setMaxLength(100));

export const preconditions: Precondition[] = [rateLimited];

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const query = readTrend(ctx.archive, IN_DISCORD, {
    topic: textOption(interaction, 'topic') ?? '',
    from: interaction.options.getInteger('from') ?? undefined,
    to: interaction.options.getInteger('to') ?? undefined,
    country: textOption(interaction, 'country'),
  });
  if (isRefusal(query)) return replyEphemeral(interaction, query.refusal);
  await interaction.deferReply();
  const trend = await timed(ctx, TREND_COUNTED, { via: 'trend', guildId: interaction.guildId }, () => ctx.archive.trend(query));
  await interaction.editReply(trendReply(ctx, trend));
}

/** The topic suggests the organizations the statements name (matched by their names); any other text works too. */
export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const focused = focusedOption(interaction);
  await respondChoices(interaction, ctx, () => {
    if (focused.name === 'country') return countryChoices(ctx.archive, focused.value);
    if (focused.name !== 'topic' || !focused.value) return [];
    const organizations = ctx.archive.findOrganizations(focused.value, 24).map((o) => {
      const full = o.names.find((n) => n !== o.key);
      return { name: truncate(`${o.key}${full ? ` · ${full}` : ''} (organization)`, 100), value: o.key };
    });
    return [{ name: focused.value, value: focused.value }, ...organizations.filter((o) => o.value !== focused.value)];
  });
}
