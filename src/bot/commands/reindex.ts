import path from 'node:path';
import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { escapeDiscord } from '../../answer/escape.js';
import { truncate } from '../../answer/limits.js';
import type { IndexProgress, IndexReport } from '../../index/indexer.js';
import type { BotContext } from '../context.js';
import { guildOnly, moderatorOnly, type Precondition } from '../preconditions/index.js';
import { ThrottledEditor } from '../progress.js';
import { errorInfo, NO_MENTIONS, replyEphemeral } from '../reply.js';
import { withCorpusRelativePaths } from './shared.js';

export const data = new SlashCommandBuilder()
  .setName('reindex')
  .setDescription('Moderators: bring the index up to date with the corpus folder')
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setContexts(InteractionContextType.Guild);

export const preconditions: Precondition[] = [guildOnly, moderatorOnly];

const num = (n: number): string => n.toLocaleString('en-US');

export function progressText(p: IndexProgress): string {
  const pct = p.filesTotal > 0 ? ` (${Math.floor((100 * p.filesDone) / p.filesTotal)}%)` : '';
  const eta =
    p.etaSeconds === null
      ? ''
      : ` · about ${p.etaSeconds < 90 ? `${Math.ceil(p.etaSeconds)} s` : `${Math.ceil(p.etaSeconds / 60)} min`} left`;
  return (
    `Reindexing… ${num(p.filesDone)} of ${num(p.filesTotal)} files${pct} · ${num(p.paragraphsEmbedded)} paragraphs embedded` +
    ` · ${num(Math.round(p.paragraphsPerSecond))}/s${eta}\nQuestions are answered from the current index until the new one is ready.`
  );
}

/** The report of a finished reindex; skipped files by name, and the paths in their reasons relative to the corpus. */
export function reportText(r: IndexReport, corpusDir: string): string {
  const lines = [
    `Reindex done in ${r.seconds.toFixed(1)} s: ${num(r.filesSeen)} files (${num(r.filesAdded)} added, ${num(r.filesChanged)} changed, ` +
      `${num(r.filesRemoved)} removed, ${num(r.filesUnchanged)} unchanged); ${num(r.paragraphsAdded)} paragraphs added, ` +
      `${num(r.paragraphsRemoved)} removed.`,
  ];
  if (r.unreadable.length > 0) {
    lines.push(`${num(r.unreadable.length)} file${r.unreadable.length === 1 ? ' was' : 's were'} skipped:`);
    for (const u of r.unreadable.slice(0, 5)) {
      lines.push(
        `• ${escapeDiscord(path.basename(u.path))}: ${escapeDiscord(truncate(withCorpusRelativePaths(u.reason, corpusDir), 150))}`,
      );
    }
    if (r.unreadable.length > 5) lines.push(`…and ${num(r.unreadable.length - 5)} more (see the log).`);
  }
  return truncate(lines.join('\n'), 2000);
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  if (ctx.maintenance.running) return replyEphemeral(interaction, 'A reindex is already running; its progress is in its own reply.');
  ctx.maintenance.running = 'reindex';
  try {
    await interaction.deferReply();
    const editor = new ThrottledEditor((content) => interaction.editReply({ content, allowedMentions: NO_MENTIONS }), {
      intervalMs: ctx.tuning.progressIntervalMs,
      editableUntil: interaction.createdTimestamp + ctx.tuning.interactionTokenMs,
      onError: (error) => ctx.log.warn({ ...errorInfo(error) }, 'could not edit reindex progress'),
    });
    // After 15 minutes the reply can no longer be edited: the result goes to the channel instead.
    const fallback = async (content: string) => {
      const channel = interaction.channel;
      if (channel?.isSendable()) await channel.send({ content, allowedMentions: NO_MENTIONS });
    };
    editor.update('Reindexing… looking for new, changed and removed statements.');
    const started = Date.now();
    try {
      const report = await ctx.archive.reindex([ctx.config.CORPUS_DIR], (p) => editor.update(progressText(p)));
      ctx.log.info(
        {
          event: 'reindex',
          guild: interaction.guildId,
          ms: Date.now() - started,
          added: report.filesAdded,
          changed: report.filesChanged,
          removed: report.filesRemoved,
          unreadable: report.unreadable.length,
        },
        'reindex done',
      );
      await editor.finish(reportText(report, ctx.config.CORPUS_DIR), fallback);
    } catch (error) {
      ctx.log.error({ ...errorInfo(error), event: 'reindex' }, 'reindex failed');
      await editor.finish('Reindex failed; the current index is still in use. The details are in the log.', fallback);
    }
  } finally {
    ctx.maintenance.running = null;
  }
}
