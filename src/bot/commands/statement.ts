import fs from 'node:fs/promises';
import path from 'node:path';
import {
  ApplicationIntegrationType,
  InteractionContextType,
  MessageFlags,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { DISCORD_LIMITS, truncate } from '../../answer/limits.js';
import { countryByCode, countryCodeForName } from '../../corpus/countries.js';
import { metadataFileOf, statementReader } from '../../corpus/reader.js';
import type { Body } from '../../corpus/types.js';
import type { StatementOverrides } from '../../archive/archive.js';
import { resolveCountry } from '../../archive/country-lookup.js';
import { addedFiles, attachmentProblem, download, safeFileName, saveExclusive, textProblem, UploadProblem } from '../attachments.js';
import type { BotContext } from '../context.js';
import { guildOnly, isModerator, moderatorOnly, type Precondition } from '../preconditions/index.js';
import { errorInfo, NO_MENTIONS, replyEphemeral } from '../reply.js';
import { describeReading, readUpload } from '../upload-reading.js';
import { countryChoices, echo, focusedOption, respondChoices, textOption, withCorpusRelativePaths } from './shared.js';

const BODIES: Body[] = ['General Assembly', 'Security Council'];

export const data = new SlashCommandBuilder()
  .setName('statement')
  .setDescription('Moderators: add or remove a statement')
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
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
  const stated = statedMetadata(interaction, ctx);
  if (typeof stated === 'string') return replyEphemeral(interaction, stated);

  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const name = safeFileName(file.name);
  const say = async (content: string) => {
    await interaction.editReply({ content: truncate(content, DISCORD_LIMITS.content), allowedMentions: NO_MENTIONS });
  };
  const saved = await fetchAndSave(ctx, file.url, name);
  if ('problem' in saved) return say(`Not added: ${saved.problem}`);

  const reading = readUpload(statementReader({ speakersCsv: ctx.config.SPEAKERS_CSV }), saved.path, file.name, stated);
  if ('reason' in reading) {
    await discard(saved.path);
    return say(`Not added: ${echo(reading.reason, 300)}.`);
  }
  const indexed = await indexUpload(interaction, ctx, saved.path, reading.overrides);
  if ('problem' in indexed)
    return say(`Not added: ${echo(withCorpusRelativePaths(indexed.problem.replace(saved.path, name), ctx.config.CORPUS_DIR), 300)}`);
  const added = `Added ${echo(name, 100)}: ${indexed.paragraphs.toLocaleString('en-US')} paragraph${indexed.paragraphs === 1 ? '' : 's'} indexed.`;
  await say([added, ...describeReading(reading)].join('\n'));
}

/** The metadata the moderator gave as options, or why an option cannot be used. */
function statedMetadata(interaction: ChatInputCommandInteraction, ctx: BotContext): StatementOverrides | string {
  const stated: StatementOverrides = {};
  const countryText = textOption(interaction, 'country');
  if (countryText) {
    const country = resolveAnyCountry(ctx, countryText);
    if (!country) return `Unknown country “${echo(countryText)}”. Pick one from the list, or give its ISO code (e.g. KAZ).`;
    stated.country = country.code;
  }
  const speaker = textOption(interaction, 'speaker')?.replace(/\s+/g, ' ');
  if (speaker) stated.speaker = speaker;
  const body = interaction.options.getString('body');
  if (body) {
    if (!BODIES.includes(body as Body)) return 'The body must be the General Assembly or the Security Council.';
    stated.body = body as Body;
  }
  const date = textOption(interaction, 'date');
  if (date) {
    const year = parseStatementDate(date);
    if (typeof year === 'string') return year;
    stated.year = year;
  }
  return stated;
}

/** Downloads the attachment and saves it under `added/` by its safe name; or says why not, in the user's terms. */
async function fetchAndSave(ctx: BotContext, url: string, name: string): Promise<{ path: string } | { problem: string }> {
  try {
    const bytes = await download(url, ctx.tuning.maxStatementBytes, ctx.tuning.downloadTimeoutMs);
    const notText = textProblem(bytes);
    if (notText) return { problem: notText };
    return { path: await saveExclusive(addedDir(ctx), name, bytes) };
  } catch (error) {
    if (error instanceof UploadProblem) return { problem: error.message };
    ctx.log.warn({ ...errorInfo(error), event: 'statement-add' }, 'could not fetch or save an uploaded statement');
    return { problem: 'the file could not be downloaded or saved. Please try again.' };
  }
}

/** Indexes a saved upload; a file the archive refuses (or finds no paragraphs in) is taken back out of the corpus. */
async function indexUpload(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
  saved: string,
  overrides: StatementOverrides,
): Promise<{ paragraphs: number } | { problem: string }> {
  try {
    const { paragraphs } = await ctx.archive.addStatement(saved, overrides);
    if (paragraphs === 0) {
      await ctx.archive.removeStatement(saved).catch(() => undefined);
      await discard(saved);
      return { problem: 'no paragraphs were found in the file.' };
    }
    ctx.log.info({ event: 'statement-add', guild: interaction.guildId, paragraphs }, 'statement added');
    return { paragraphs };
  } catch (error) {
    await discard(saved);
    ctx.log.info({ ...errorInfo(error), event: 'statement-add', guild: interaction.guildId }, 'the archive rejected an uploaded statement');
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/** Takes back a saved upload the index did not accept, with the metadata file the archive may have written beside it. */
async function discard(saved: string): Promise<void> {
  await fs.rm(saved, { force: true });
  await fs.rm(metadataFileOf(saved), { force: true });
}

async function remove(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const name = textOption(interaction, 'file') ?? '';
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
  const focused = focusedOption(interaction);
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
    const other = focused.value ? resolveAnyCountry(ctx, focused.value) : null;
    if (other && !choices.some((c) => c.value === other.code))
      choices.unshift({ name: `${other.name} (${other.code}) · not indexed yet`, value: other.code });
    return choices;
  });
}
