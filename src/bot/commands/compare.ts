import { InteractionContextType, SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { shortKey } from '../cache.js';
import { renderComparePage } from '../compare-reply.js';
import { compareStates, type CompareState } from '../components/compare.js';
import { NO_DATED_STATEMENTS_IN_DISCORD } from '../../remedies.js';
import { topicProblem, yearsProblem } from '../../archive/topic-input.js';
import type { BotContext } from '../context.js';
import { rateLimited, type Precondition } from '../preconditions/index.js';
import { replyEphemeral } from '../reply.js';
import { countryChoices, echo, focusedOption, resolveCountry, respondChoices, textOption } from './shared.js';

export const data = new SlashCommandBuilder()
  .setName('compare')
  .setDescription('Two countries on one topic, side by side: their best paragraphs, word for word')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((o) => o.setName('a').setDescription('The first country').setRequired(true).setAutocomplete(true).setMaxLength(100))
  .addStringOption((o) => o.setName('b').setDescription('The second country').setRequired(true).setAutocomplete(true).setMaxLength(100))
  .addStringOption((o) => o.setName('topic').setDescription('What they said about, e.g. nuclear energy').setRequired(true).setMaxLength(500))
  .addIntegerOption((o) => o.setName('year').setDescription("That year's statements first").setMinValue(1945).setMaxValue(2100));

export const preconditions: Precondition[] = [rateLimited];

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const topic = textOption(interaction, 'topic') ?? '';
  const problem = topicProblem(topic, ctx.tuning.maxQuestionChars);
  if (problem) return replyEphemeral(interaction, problem);
  if (ctx.archive.stats().years.first === null) return replyEphemeral(interaction, NO_DATED_STATEMENTS_IN_DISCORD);
  const codes: string[] = [];
  for (const option of ['a', 'b']) {
    const typed = textOption(interaction, option) ?? '';
    const country = resolveCountry(ctx.archive, typed);
    if (!country) return replyEphemeral(interaction, `No statements by “${echo(typed)}” are indexed. Pick a country from the list.`);
    codes.push(country.code);
  }
  if (codes[0] === codes[1]) return replyEphemeral(interaction, 'Please pick two different countries.');
  const year = interaction.options.getInteger('year');
  const yearProblem = yearsProblem(ctx.archive, { year });
  if (yearProblem) return replyEphemeral(interaction, yearProblem);

  await interaction.deferReply();
  const state: CompareState = { topic, countries: [codes[0]!, codes[1]!], k: ctx.tuning.defaultResults, askerId: interaction.user.id, ...(year !== null ? { year } : {}) };
  const key = shortKey();
  compareStates(ctx).set(key, state);
  await interaction.editReply(await renderComparePage(ctx, key, state, 0, { via: 'compare', guildId: interaction.guildId }));
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const focused = focusedOption(interaction);
  await respondChoices(interaction, ctx, () => (focused.name === 'a' || focused.name === 'b' ? countryChoices(ctx.archive, focused.value) : []));
}
