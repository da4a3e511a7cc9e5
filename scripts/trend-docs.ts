/**
 * `npx tsx scripts/trend-docs.ts --index-dir DIR`: the /trend charts and replies shown in docs/, made by the
 * real bot (discord.js, through the local Discord server of tests/support/discord/) on an index that exists.
 * Writes docs/trend-<topic>.png for "climate change", "CICA" and "apartheid", and docs/trend-and-compare.md with
 * each reply as a member sees it, one quote button's private answer and one /compare exchange, naming the
 * index they came from. Rerun it on another index (the full archive) to replace them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readableModelName } from '../src/answer/discord.js';
import { loadConfig, projectRoot } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { openArchive } from '../src/archive/open-archive.js';
import { on, startHarness, type Harness } from '../tests/support/discord/harness.js';
import { buttonClick, makeUser, slashCommand, str, type CommandOption } from '../tests/support/discord/payloads.js';
import type { RecordedRequest } from '../tests/support/discord/server.js';

const args = process.argv.slice(2);
const indexDir = args.includes('--index-dir') ? args[args.indexOf('--index-dir') + 1] : undefined;
if (!indexDir) {
  process.stderr.write('usage: npx tsx scripts/trend-docs.ts --index-dir DIR\n');
  process.exit(2);
}
const DOCS = path.join(projectRoot, 'docs');
const TOPICS = ['climate change', 'CICA', 'apartheid'];
/** The quote button shown opened: the first topic's peak year. */
const OPENED_BUTTON = /^Peak year/;
const COMPARISON: CommandOption[] = [str('a', 'France'), str('b', 'Germany'), str('topic', 'climate change')];

const member = { user: makeUser('member') };

interface Body {
  content?: string;
  embeds?: { title?: string; description?: string }[];
  components?: { components: { label?: string }[] }[];
}

/** A command as a member types it: "/trend topic:climate change". */
function typed(name: string, options: CommandOption[]): string {
  return [`/${name}`, ...options.map((o) => `${o.name}:${'value' in o ? String(o.value) : ''}`)].join(' ');
}

/** A message as Markdown: Discord's markdown is GitHub's, but for "-#" small text; embeds as title and text. */
function messageMarkdown(body: Body): string {
  const parts: string[] = [];
  if (body.content)
    parts.push(
      body.content
        .split('\n')
        .map((l) => (l.startsWith('-# ') ? `<sub>${l.slice(3)}</sub>` : l))
        .join('  \n'),
    );
  for (const embed of body.embeds ?? []) parts.push([embed.title && `**${embed.title}**`, embed.description].filter(Boolean).join('\n\n'));
  const labels = (body.components ?? []).flatMap((row) => row.components.map((b) => `\`${b.label}\``));
  if (labels.length > 0) parts.push(`Buttons: ${labels.join(' ')}`);
  return parts.join('\n\n');
}

async function command(h: Harness, name: string, options: CommandOption[]): Promise<RecordedRequest> {
  const token = h.server.sendInteraction(slashCommand(h.server, h.guild, member, name, options));
  return h.server.waitForRequest(on.editOriginal(token), 120_000);
}

const archive = await openArchive({ ...loadConfig(), INDEX_DIR: path.resolve(indexDir) }, createLogger('warn'));
const stats = archive.stats();
const h = await startHarness({ archive, logLevel: 'warn' });
const lines: string[] = [
  '# /trend and /compare, as a member sees them',
  '',
  `Made by \`npx tsx scripts/trend-docs.ts --index-dir ${indexDir}\` with the real bot through the local Discord server, on the index in`,
  `\`${indexDir}\`: ${stats.statements.toLocaleString('en-US')} statements, ${stats.paragraphs.toLocaleString('en-US')} paragraphs, ${stats.years.first}–${stats.years.last},`,
  `${stats.bodies.join(' and ')}, model ${readableModelName(stats.model)}. Rerun it on another index to replace these files.`,
];
try {
  fs.mkdirSync(DOCS, { recursive: true });
  for (const [i, topic] of TOPICS.entries()) {
    const options = [str('topic', topic)];
    const reply = await command(h, 'trend', options);
    const png = reply.files.find((f) => f.filename.endsWith('.png'));
    const file = `trend-${topic.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.png`;
    lines.push(
      '',
      `## \`${typed('trend', options)}\``,
      '',
      `Verbatim replies${png ? ` with \`${file}\` attached` : ' (no chart)'}:`,
      '',
      messageMarkdown(reply.body),
    );
    if (png) {
      fs.writeFileSync(path.join(DOCS, file), png.bytes);
      lines.push('', `![${reply.body.attachments?.[0]?.description ?? topic}](${file})`);
    }
    const opened =
      i === 0 ? (reply.body as Body).components?.flatMap((r) => r.components).find((b) => OPENED_BUTTON.test(b.label ?? '')) : undefined;
    if (opened) {
      const customId = (opened as { custom_id?: string }).custom_id!;
      const token = h.server.sendInteraction(buttonClick(h.server, h.guild, member, customId, reply.body));
      const quotes = (await h.server.waitForRequest(on.callback(token))).body.data as Body;
      lines.push('', `The member clicks **${opened.label}**; Verbatim answers privately:`, '', messageMarkdown(quotes));
    }
  }
  const comparison = await command(h, 'compare', COMPARISON);
  lines.push('', `## \`${typed('compare', COMPARISON)}\``, '', 'Verbatim replies:', '', messageMarkdown(comparison.body));
  fs.writeFileSync(path.join(DOCS, 'trend-and-compare.md'), `${lines.join('\n')}\n`);
  process.stdout.write(`wrote ${path.relative(projectRoot, DOCS)}/trend-and-compare.md and the charts of ${TOPICS.length} topics\n`);
} finally {
  await h.stop();
  archive.close();
}
