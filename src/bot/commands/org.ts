import { InteractionContextType, SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { truncate } from '../../answer/limits.js';
import { isRefusal, MAX_TEXT_CHARS, readOrganization } from '../../answer/requests.js';
import { renderFirstPage } from '../answering.js';
import type { PageQuery } from '../components/answer-ids.js';
import type { BotContext } from '../context.js';
import { rateLimited, type Precondition } from '../preconditions/index.js';
import { replyEphemeral } from '../reply.js';
import { focusedOption, IN_DISCORD, respondChoices, textOption } from './shared.js';

export const data = new SlashCommandBuilder()
  .setName('org')
  .setDescription('What was said by or about an organization, grouped by country and year')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((o) =>
    o.setName('name').setDescription('Acronym or name, e.g. CICA').setRequired(true).setAutocomplete(true).setMaxLength(100),
  )
  .addStringOption((o) => o.setName('question').setDescription('Rank the paragraphs by this question').setMaxLength(MAX_TEXT_CHARS));

export const preconditions: Precondition[] = [rateLimited];

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const asked = readOrganization(ctx.archive, IN_DISCORD, {
    name: textOption(interaction, 'name') ?? '',
    question: textOption(interaction, 'question'),
  });
  if (isRefusal(asked)) return replyEphemeral(interaction, asked.refusal);
  const { organization, question } = asked;
  await interaction.deferReply();
  const query: PageQuery = { kind: 'org', key: organization.key, k: ctx.tuning.maxResults, ...(question ? { question } : {}) };
  await interaction.editReply(await renderFirstPage(ctx, query, interaction.user.id, { via: 'org', guildId: interaction.guildId }));
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const focused = focusedOption(interaction);
  await respondChoices(interaction, ctx, () =>
    focused.name !== 'name'
      ? []
      : ctx.archive.findOrganizations(focused.value, 25).map((o) => {
          const full = o.names.find((n) => n !== o.key);
          return { name: truncate(`${o.key}${full ? ` · ${full}` : ''} (${o.mentions})`, 100), value: o.key };
        }),
  );
}
