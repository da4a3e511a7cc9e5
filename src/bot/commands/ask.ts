import {
  InteractionContextType,
  SlashCommandBuilder,
  type ApplicationCommandOptionChoiceData,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { yearSpans } from '../../answer/filters.js';
import { isRefusal, MAX_TEXT_CHARS, readAsk, YEAR_LIMITS } from '../../answer/requests.js';
import { countryNamer } from '../../archive/country-lookup.js';
import { renderFirstPage } from '../answering.js';
import type { ChosenSpeaker, PageQuery } from '../components/answer-ids.js';
import type { BotContext } from '../context.js';
import { rateLimited, type Precondition } from '../preconditions/index.js';
import { replyEphemeral } from '../reply.js';
import { CHOICES, countryChoices, echo, focusedOption, IN_DISCORD, respondChoices, textOption } from './shared.js';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Quote, word for word, the UN statement paragraphs that answer a question')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((o) =>
    o
      .setName('question')
      .setDescription('Your question, e.g. what did Kazakhstan say about CICA?')
      .setRequired(true)
      .setMaxLength(MAX_TEXT_CHARS),
  )
  .addStringOption((o) => o.setName('country').setDescription('Only statements by this country').setAutocomplete(true).setMaxLength(100))
  .addStringOption((o) =>
    o
      .setName('speaker')
      .setDescription('Only statements by this person (type a name, pick from the list)')
      .setAutocomplete(true)
      .setMaxLength(100),
  )
  .addIntegerOption((o) =>
    o.setName('year').setDescription('Only statements from this year').setMinValue(YEAR_LIMITS.min).setMaxValue(YEAR_LIMITS.max),
  )
  .addIntegerOption((o) =>
    o.setName('results').setDescription('How many paragraphs to show (1-5, default 3)').setMinValue(1).setMaxValue(5),
  );

export const preconditions: Precondition[] = [rateLimited];

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const asked = readAsk(ctx.archive, IN_DISCORD, {
    question: textOption(interaction, 'question') ?? '',
    country: textOption(interaction, 'country'),
    year: interaction.options.getInteger('year') ?? undefined,
  });
  if (isRefusal(asked)) return replyEphemeral(interaction, asked.refusal);
  const { question, filters } = asked;
  const speakerText = textOption(interaction, 'speaker');
  const speaker = speakerText ? chosenSpeaker(ctx, speakerText) : undefined;
  if (speakerText && !speaker)
    return replyEphemeral(interaction, `No speaker called “${echo(speakerText)}” is indexed. Pick a name from the list.`);
  const requested = interaction.options.getInteger('results') ?? ctx.tuning.defaultResults;
  const k = Math.max(1, Math.min(ctx.tuning.maxResults, requested));

  await interaction.deferReply();
  const query: PageQuery = {
    kind: 'ask',
    question,
    k,
    ...(Object.keys(filters).length > 0 ? { filters } : {}),
    ...(speaker ? { speaker } : {}),
  };
  await interaction.editReply(await renderFirstPage(ctx, query, interaction.user.id, { via: 'ask', guildId: interaction.guildId }));
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const focused = focusedOption(interaction);
  await respondChoices(interaction, ctx, () => {
    if (focused.name === 'country') return countryChoices(ctx.archive, focused.value);
    if (focused.name === 'speaker') return speakerChoices(ctx, focused.value);
    return [];
  });
}

/** "Barack Obama (United States, 2009–2016)" → "USA|Barack Obama": the choice carries the country that tells namesakes apart. */
function speakerChoices(ctx: BotContext, typed: string): ApplicationCommandOptionChoiceData<string>[] {
  if (!typed) return [];
  const countryName = countryNamer(ctx.archive);
  return ctx.archive.suggestSpeakers(typed, CHOICES).map((s) => ({
    name: `${s.name} (${countryName(s.country)}, ${yearSpans(s.years)})`,
    value: `${s.country}|${s.name}`,
  }));
}

/** The speaker a choice names, or the best suggestion for a name typed without choosing. */
function chosenSpeaker(ctx: BotContext, value: string): ChosenSpeaker | undefined {
  const [country, name] = value.split('|');
  if (name && country && /^[A-Z]{2,3}$/.test(country)) return { country, name };
  const best = ctx.archive.suggestSpeakers(value, 1)[0];
  return best ? { country: best.country, name: best.name } : undefined;
}
