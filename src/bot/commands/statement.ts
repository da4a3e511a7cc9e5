import fs from 'node:fs/promises';
import path from 'node:path';
import {
  InteractionContextType,
  MessageFlags,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { countryByCode, countryCodeForName } from '../../corpus/countries.js';
import type { Body } from '../../corpus/types.js';
import type { StatementOverrides } from '../../search/archive.js';
import { addedFiles, attachmentProblem, download, safeFileName, saveExclusive, textProblem, UploadProblem } from '../attachments.js';
import type { BotContext } from '../context.js';
import { guildOnly, isModerator, moderatorOnly, type Precondition } from '../preconditions/index.js';
import { errorInfo, NO_MENTIONS, replyEphemeral } from '../reply.js';
import { countryChoices, echo, resolveCountry, respondChoices } from './shared.js';

const BODIES: Body[] = ['General Assembly', 'Security Council'];

export const data = new SlashCommandBuilder()
  .setName('statement')
  .setDescription('Moderators: add or remove a statement')
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((s) =>
    s
      .setName('add')
      .setDescription('Add a statement (.txt file) to the index')
      .addAttachmentOption((o) => o.setName('file').setDescription('The statement as a plain-text .txt file').setRequired(true))
      .addStringOption((o) => o.setName('country').setDescription('Country of the speaker').setAutocomplete(true).setMaxLength(100))
      .addStringOption((o) => o.setName('speaker').setDescription('Speaker, e.g. Mrs. Aitimova').setMaxLength(100))
      .addStringOption((o) =>
        o
          .setName('body')
          .setDescription('Where it was said')
          .addChoices(...BODIES.map((b) => ({ name: b, value: b }))),
      )
      .addStringOption((o) => o.setName('date').setDescription('When: YYYY or YYYY-MM-DD').setMaxLength(10)),
  )
  .addSubcommand((s) =>
    s
      .setName('remove')
      .setDescription('Remove a statement that was added with /statement add')
      .addStringOption((o) => o.setName('file').setDescription('Its file name').setRequired(true).setAutocomplete(true).setMaxLength(100)),
  );

export const preconditions: Precondition[] = [guildOnly, moderatorOnly];

const addedDir = (ctx: BotContext): string => path.join(ctx.config.CORPUS_DIR, 'added');

/** A country already in the index, or any UN member named by its code or name (a first statement of a country). */
function resolveAnyCountry(ctx: BotContext, text: string): { code: string; name: string } | null {
  const indexed = resolveCountry(ctx.archive, text);
  if (indexed) return indexed;
  const code = countryByCode(text)?.code ?? countryCodeForName(text);
  const country = code ? countryByCode(code) : null;
  return country ? { code: country.code, name: country.name } : null;
}

/** The year of "2015" or "2015-09-28", within the years the UN has existed; otherwise an explanation. */
export function parseStatementDate(text: string, now = new Date()): number | string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
  if (!m) return 'Give the date as YYYY or YYYY-MM-DD, e.g. 2015-09-28.';
  const year = Number(m[1]);
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return 'That date does not exist.';
  if (year < 1945 || year > now.getUTCFullYear() + 1) return `The year must be between 1945 and ${now.getUTCFullYear()}.`;
  return year;
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  if (ctx.maintenance.running) {
    return replyEphemeral(interaction, 'A reindex is running; please add or remove statements when it is done.');
  }
  if (interaction.options.getSubcommand() === 'remove') return remove(interaction, ctx);
  return add(interaction, ctx);
}

async function add(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const file = interaction.options.getAttachment('file', true);
  const problem = attachmentProblem(
    { name: file.name, size: file.size, url: file.url, contentType: file.contentType },
    ctx.tuning.maxStatementBytes,
  );
  if (problem) return replyEphemeral(interaction, problem);

  const overrides: StatementOverrides = {};
  const countryText = interaction.options.getString('country');
  if (countryText) {
    const country = resolveAnyCountry(ctx, countryText);
    if (!country) return replyEphemeral(interaction, `Unknown country “${echo(countryText)}”. Pick one from the list, or give its ISO code (e.g. KAZ).`);
    overrides.country = country.code;
  }
  const speaker = interaction.options.getString('speaker')?.replace(/\s+/g, ' ').trim();
  if (speaker) overrides.speaker = speaker;
  const body = interaction.options.getString('body');
  if (body) {
    if (!BODIES.includes(body as Body)) return replyEphemeral(interaction, 'The body must be the General Assembly or the Security Council.');
    overrides.body = body as Body;
  }
  const date = interaction.options.getString('date');
  if (date) {
    const year = parseStatementDate(date);
    if (typeof year === 'string') return replyEphemeral(interaction, year);
    overrides.year = year;
  }

  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const name = safeFileName(file.name);
  const say = (content: string) => interaction.editReply({ content, allowedMentions: NO_MENTIONS });
  let saved: string;
  try {
    const bytes = await download(file.url, ctx.tuning.maxStatementBytes, ctx.tuning.downloadTimeoutMs);
    const notText = textProblem(bytes);
    if (notText) {
      await say(`Not added: ${notText}`);
      return;
    }
    saved = await saveExclusive(addedDir(ctx), name, bytes);
  } catch (error) {
    if (error instanceof UploadProblem) {
      await say(`Not added: ${error.message}`);
      return;
    }
    ctx.log.warn({ ...errorInfo(error), event: 'statement-add' }, 'could not fetch or save an uploaded statement');
    await say('Not added: the file could not be downloaded or saved. Please try again.');
    return;
  }

  let paragraphs: number;
  try {
    ({ paragraphs } = await ctx.archive.addStatement(saved, overrides));
  } catch (error) {
    await fs.rm(saved, { force: true });
    ctx.log.info({ ...errorInfo(error), event: 'statement-add', guild: interaction.guildId }, 'the archive rejected an uploaded statement');
    const reason = error instanceof Error ? error.message : String(error);
    await say(`Not added: ${echo(reason.replace(saved, name), 300)}`);
    return;
  }
  if (paragraphs === 0) {
    await ctx.archive.removeStatement(saved).catch(() => undefined);
    await fs.rm(saved, { force: true });
    await say('Not added: no paragraphs were found in the file.');
    return;
  }
  ctx.log.info({ event: 'statement-add', guild: interaction.guildId, paragraphs }, 'statement added');
  await say(`Added ${echo(name, 100)}: ${paragraphs.toLocaleString('en-US')} paragraph${paragraphs === 1 ? '' : 's'} indexed.`);
}

async function remove(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const name = interaction.options.getString('file', true).trim();
  const dir = addedDir(ctx);
  const known = await addedFiles(dir, '');
  if (!known.includes(name)) {
    return replyEphemeral(interaction, `No statement called “${echo(name)}” was added with /statement add.`);
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const file = path.join(dir, name);
  const { paragraphs } = await ctx.archive.removeStatement(file);
  await fs.rm(file, { force: true });
  ctx.log.info({ event: 'statement-remove', guild: interaction.guildId, paragraphs }, 'statement removed');
  await interaction.editReply({
    content: `Removed ${echo(name, 100)}: ${paragraphs.toLocaleString('en-US')} paragraph${paragraphs === 1 ? '' : 's'} taken out of the index.`,
    allowedMentions: NO_MENTIONS,
  });
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  // Autocomplete runs no preconditions: only moderators get to see what was added.
  if (!isModerator(interaction, ctx.config)) return respondChoices(interaction, ctx, () => []);
  if (focused.name === 'file') {
    const names = await addedFiles(addedDir(ctx), focused.value);
    await respondChoices(interaction, ctx, () => names.map((n) => ({ name: n, value: n })));
    return;
  }
  await respondChoices(interaction, ctx, () => {
    if (focused.name !== 'country') return [];
    const choices = countryChoices(ctx.archive, focused.value);
    const other = focused.value.trim() ? resolveAnyCountry(ctx, focused.value) : null;
    if (other && !choices.some((c) => c.value === other.code)) choices.unshift({ name: `${other.name} (${other.code}) · not indexed yet`, value: other.code });
    return choices;
  });
}
