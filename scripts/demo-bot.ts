/**
 * `npx tsx scripts/demo-bot.ts`: one real exchange of each bot feature, shown as a Discord user sees it, for the
 * release notes. The real archive (real model, real statements read in place from ../shared/corpus) is built
 * in a fresh temporary index folder; the real bot (startBot, discord.js) talks to the local Discord server of
 * tests/support/discord/ through the test harness. Every exchange is a gateway dispatch (INTERACTION_CREATE or
 * MESSAGE_CREATE); what the bot posted is read back from the REST calls it made.
 *
 * Prints the transcript to stdout (indexing progress and warnings go to stderr) and writes a copy to
 * .bench/demo-transcript.txt.
 *
 *   npx tsx scripts/demo-bot.ts                    fresh temporary index (a few minutes to build)
 *   npx tsx scripts/demo-bot.ts --index-dir DIR    build or reuse the index in DIR (kept; for re-runs)
 *   npx tsx scripts/demo-bot.ts --raw              show Discord markdown as sent instead of the text a reader sees
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { safeFileName } from '../src/bot/attachments.js';
import { DEFAULT_TUNING } from '../src/bot/context.js';
import { loadConfig, projectRoot } from '../src/config.js';
import { createLogger } from '../src/log.js';
import type { IndexProgress } from '../src/index/indexer.js';
import { openArchive } from '../src/archive/open-archive.js';
import { startHarness, type Harness } from '../tests/support/discord/harness.js';
import {
  attachmentOption,
  autocomplete,
  buttonClick,
  int,
  makeUser,
  messageCreate,
  PERMISSIONS,
  slashCommand,
  str,
  sub,
  type Actor,
  type AttachmentFixture,
  type CommandOption,
} from '../tests/support/discord/payloads.js';
import type { RecordedRequest } from '../tests/support/discord/server.js';
import { snowflake } from '../tests/support/discord/snowflake.js';

const args = process.argv.slice(2);
const RAW = args.includes('--raw');
const keptIndex = args.includes('--index-dir') ? path.resolve(args[args.indexOf('--index-dir') + 1] ?? '') : null;

const CORPUS = path.resolve(projectRoot, '..', 'shared', 'corpus');
const INDEXED = ['seed/000_129fec8e5b34501d.txt', 'unsc-2020', 'ungdc/2015', 'ungdc/2016'].map((p) => path.join(CORPUS, p));
/** Statements the moderator's /reindex finds in the bot's corpus folder (linked there, read in place). */
const REINDEXED = ['KAZ', 'FJI', 'TUV', 'MHL', 'KGZ', 'RUS', 'USA', 'CHN', 'FRA', 'GBR'].map((c) => `ungdc/2014/${c}_69_2014.txt`);
const UPLOADED = path.join(CORPUS, 'ungdc/2017/KAZ_72_2017.txt');
const TRANSCRIPT_FILE = path.join(projectRoot, '.bench', 'demo-transcript.txt');
const WIDTH = 110;

// --- output ------------------------------------------------------------------------------------------------

const transcript: string[] = [];
function out(line = ''): void {
  transcript.push(line);
  process.stdout.write(`${line}\n`);
}
const note = (text: string) => process.stderr.write(`${text}\n`);
const num = (n: number) => n.toLocaleString('en-US');

/** Wraps one line at WIDTH, continuation lines carrying the same prefix. */
function wrap(prefix: string, text: string): string[] {
  const room = Math.max(30, WIDTH - prefix.length);
  const lines: string[] = [];
  let rest = text;
  while (rest.length > room) {
    let cut = rest.lastIndexOf(' ', room);
    if (cut <= room / 3) cut = room;
    lines.push(prefix + rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  lines.push(prefix + rest);
  return lines;
}

/**
 * Discord markdown as a reader sees it: backslash escapes and zero-width spaces are invisible, ** makes bold
 * (shown without the marks), and "> " block-quote lines get a bar. With --raw, the markdown as sent.
 */
function shown(markdown: string): { text: string; quoted: boolean }[] {
  return markdown.split('\n').map((line) => {
    if (RAW) return { text: line, quoted: false };
    const quoted = line.startsWith('> ') || line === '>';
    const body = quoted ? line.slice(2) : line;
    let text = '';
    for (let i = 0; i < body.length; i++) {
      const c = body[i]!;
      if (c === '\\' && i + 1 < body.length && /[!-/:-@[-`{-~]/.test(body[i + 1]!)) {
        text += body[++i];
        continue;
      }
      if (c === '*' && body[i + 1] === '*') {
        i++;
        continue;
      }
      text += c;
    }
    return { text: text.replace(/\u200b/g, ''), quoted };
  });
}

function markdownLines(prefix: string, markdown: string): string[] {
  return shown(markdown).flatMap(({ text, quoted }) => wrap(quoted ? `${prefix}▌ ` : prefix, text));
}

interface MessageBody {
  content?: string;
  embeds?: {
    title?: string;
    description?: string;
    author?: { name: string };
    fields?: { name: string; value: string; inline?: boolean }[];
    footer?: { text: string };
  }[];
  components?: { components: { label?: string; custom_id?: string; url?: string }[] }[];
  flags?: number;
  message_reference?: { message_id: string };
}

/** A message body as a reader sees it: content, each embed (title, author, quote, fields, footer), buttons. */
function messageLines(body: MessageBody, indent = '    '): string[] {
  const lines: string[] = [];
  if (body.content) lines.push(...markdownLines(indent, body.content));
  for (const embed of body.embeds ?? []) {
    lines.push(
      ...wrap(
        `${indent}┌─ `,
        embed.title
          ? shown(embed.title)
              .map((l) => l.text)
              .join(' ')
          : '(no title)',
      ),
    );
    if (embed.author)
      lines.push(
        ...wrap(
          `${indent}│ `,
          `[author] ${shown(embed.author.name)
            .map((l) => l.text)
            .join(' ')}`,
        ),
      );
    if (embed.description) lines.push(...markdownLines(`${indent}│ `, embed.description));
    for (const f of embed.fields ?? [])
      lines.push(
        ...wrap(
          `${indent}│ `,
          `${shown(f.name)[0]!.text}: ${shown(f.value)
            .map((l) => l.text)
            .join(' / ')}`,
        ),
      );
    lines.push(
      ...wrap(
        `${indent}└─ `,
        embed.footer
          ? shown(embed.footer.text)
              .map((l) => l.text)
              .join(' ')
          : '',
      ),
    );
  }
  for (const row of body.components ?? []) {
    lines.push(`${indent}${row.components.map((b) => `[${b.label ?? '?'}]`).join(' ')}`);
  }
  if (lines.length === 0) lines.push(`${indent}(empty message)`);
  return lines;
}

// --- the local Discord and the bot -------------------------------------------------------------------------

let h!: Harness;
const channelNames = new Map<string, string>();
/** Interaction tokens whose reply is ephemeral (seen in their callback), so later edits are too. */
const ephemeralTokens = new Set<string>();
const timings: { what: string; ms: number; kind: string }[] = [];

const EPHEMERAL = 1 << 6;
const only = (flags: number | undefined) => ((flags ?? 0) & EPHEMERAL ? ' (ephemeral: only you can see this)' : '');

/** What one REST call of the bot shows the user, as transcript lines; null for calls a user does not see. */
function describe(r: RecordedRequest): string[] | null {
  const p = r.path.split('/').filter(Boolean);
  if (r.method === 'POST' && p[0] === 'interactions' && p[3] === 'callback') {
    const token = p[2]!;
    const type = r.body?.type as number;
    const data = (r.body?.data ?? {}) as MessageBody & { choices?: { name: string; value: string }[] };
    if (data.flags && data.flags & EPHEMERAL) ephemeralTokens.add(token);
    switch (type) {
      case 4:
        return [`  Verbatim replies${only(data.flags)}:`, ...messageLines(data)];
      case 5:
        return [`  Verbatim acknowledges: "Verbatim is thinking…"${only(data.flags)}`];
      case 6:
        return ['  Verbatim acknowledges the click (the message will be updated in place)'];
      case 7:
        return ['  Verbatim updates the message:', ...messageLines(data)];
      case 8: {
        const choices = data.choices ?? [];
        return [
          `  Discord shows ${choices.length} suggestion${choices.length === 1 ? '' : 's'} (label → value sent):`,
          ...choices.map((c) => `    • ${c.name}  →  ${c.value}`),
        ];
      }
      default:
        return [`  (interaction callback of type ${type})`];
    }
  }
  if (p[0] === 'webhooks') {
    const token = p[2]!;
    if (r.method === 'POST' && p.length === 3) return [`  Verbatim follows up${only(r.body?.flags)}:`, ...messageLines(r.body ?? {})];
    if (p[3] === 'messages' && p[4] === '@original') {
      if (r.method === 'PATCH')
        return [
          `  Verbatim edits its reply${ephemeralTokens.has(token) ? ' (ephemeral: only you can see this)' : ''}:`,
          ...messageLines(r.body ?? {}),
        ];
      if (r.method === 'DELETE') return ['  Verbatim deletes its reply'];
    }
    return null;
  }
  if (r.method === 'POST' && p[0] === 'channels' && p[2] === 'messages' && p[4] === 'threads') {
    channelNames.set(p[3]!, `thread “${r.body?.name}”`);
    return [`  Verbatim starts a thread on your message, named “${r.body?.name}”`];
  }
  if (r.method === 'POST' && p[0] === 'channels' && p[2] === 'messages' && p.length === 3) {
    const where = channelNames.get(p[1]!) ?? `channel ${p[1]}`;
    const replying = r.body?.message_reference ? ', replying to your message' : '';
    return [`  Verbatim posts in ${where}${replying}${only(r.body?.flags)}:`, ...messageLines(r.body ?? {})];
  }
  return null; // typing indicator, gateway lookups
}

/** Waits until the bot has made no REST call for a moment (follow-ups after the main reply, for instance). */
async function settle(quietMs = 400): Promise<void> {
  let count = -1;
  while (count !== h.server.requests.length) {
    count = h.server.requests.length;
    await new Promise((r) => setTimeout(r, quietMs));
  }
}

function show(from: number): void {
  for (const r of h.server.requests.slice(from)) {
    const lines = describe(r);
    if (lines) for (const l of lines) out(l);
  }
}

function heading(title: string): void {
  out();
  out(`=== ${title} ${'='.repeat(Math.max(3, WIDTH - title.length - 5))}`);
}

function userSays(who: string, action: string, where = '#general'): void {
  out();
  for (const line of wrap(`> `, `${who} in ${where}: ${action}`)) out(line);
}

/** The interaction's final response: a reply, an autocomplete answer, or an edit of the original. */
const finalFor = (token: string) => (r: RecordedRequest) =>
  (r.method === 'POST' && r.path.endsWith(`/${token}/callback`) && [4, 7, 8].includes(r.body?.type)) ||
  (r.method === 'PATCH' && r.path.endsWith(`/${token}/messages/@original`));

interface Sent {
  body: MessageBody & Record<string, unknown>;
  ms: number;
}

/** Sends an interaction, waits for its final response, prints what the user saw and how long it took. */
async function interact(
  what: string,
  payload: { token: string; [field: string]: unknown },
  options: { kind: string; final?: (r: RecordedRequest) => boolean; timeoutMs?: number } = { kind: 'interaction' },
): Promise<Sent> {
  const from = h.server.requests.length;
  const started = performance.now();
  h.server.sendInteraction(payload);
  const last = await h.server.waitForRequest(options.final ?? finalFor(payload.token), options.timeoutMs ?? 120_000);
  const ms = last.at - started;
  await settle();
  show(from);
  const edited = last.method === 'PATCH';
  out(`  [INTERACTION_CREATE → ${edited ? 'final edit' : 'reply'}: ${ms.toFixed(0)} ms]`);
  timings.push({ what: `${what} (${edited ? 'final edit' : 'reply'})`, ms, kind: options.kind });
  const body = (last.path.endsWith('/callback') ? last.body?.data : last.body) ?? {};
  return { body, ms };
}

/** Sends a user's message, waits for the bot's answer to it, prints what the user saw. */
async function chat(what: string, message: ReturnType<typeof messageCreate>, answered: (r: RecordedRequest) => boolean): Promise<Sent> {
  const from = h.server.requests.length;
  const started = performance.now();
  h.server.dispatch('MESSAGE_CREATE', message);
  const last = await h.server.waitForRequest(answered, 120_000);
  const ms = last.at - started;
  await settle();
  show(from);
  out(`  [MESSAGE_CREATE → answer posted: ${ms.toFixed(0)} ms]`);
  timings.push({ what, ms, kind: 'chat' });
  return { body: last.body ?? {}, ms };
}

function buttonsOf(body: MessageBody): { label: string; customId: string }[] {
  return (body.components ?? []).flatMap((row) => row.components.map((b) => ({ label: b.label ?? '', customId: b.custom_id ?? '' })));
}

async function click(who: Actor, answer: Sent, label: string | RegExp, kind: string): Promise<Sent | null> {
  const found = buttonsOf(answer.body).find((b) => (typeof label === 'string' ? b.label === label : label.test(b.label)));
  if (!found) {
    out();
    const name = typeof label === 'string' ? label : label.source.replace(/^\^/, '').replace(/\$$/, '');
    out(
      `  (note: there is no [${name}…] button on that answer; its buttons: ${
        buttonsOf(answer.body)
          .map((b) => `[${b.label}]`)
          .join(' ') || 'none'
      })`,
    );
    return null;
  }
  userSays(who.user.username, `clicks [${found.label}] on that answer`);
  const payload = buttonClick(h.server, h.guild, who, found.customId, answer.body);
  return interact(`button ${found.label}`, payload, { kind });
}

const quoteOption = (o: CommandOption): string => {
  if (o.type === 1) return `${o.name} ${o.options.map(quoteOption).join(' ')}`;
  if (o.type === 11) return `${o.name}:<attachment>`;
  const value =
    typeof o.value === 'string'
      ? `"${o.value.length > 80 ? `${o.value.slice(0, 40)}… (${num(o.value.length)} characters)` : o.value}"`
      : String(o.value);
  return `${o.name}:${value}`;
};

function slash(who: Actor, name: string, options: CommandOption[] = [], extra: { attachments?: AttachmentFixture[] } = {}) {
  userSays(who.user.username, `/${name}${options.length > 0 ? ` ${options.map(quoteOption).join(' ')}` : ''}`);
  return slashCommand(h.server, h.guild, who, name, options, extra);
}

function typing(who: Actor, name: string, options: CommandOption[]) {
  const focused = options.find((o) => 'focused' in o && o.focused) as { name: string; value: string } | undefined;
  userSays(who.user.username, `types /${name} ${focused?.name}:${focused?.value}▏ (autocomplete)`);
  return autocomplete(h.server, h.guild, who, name, options);
}

// --- the demo ----------------------------------------------------------------------------------------------

async function buildArchive() {
  const indexDir = keptIndex ?? fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-demo-index-'));
  const config = { ...loadConfig(), INDEX_DIR: indexDir };
  const archive = await openArchive(config, createLogger('warn'));
  note(`index folder: ${indexDir}${keptIndex ? ' (kept)' : ' (temporary)'}`);
  note(`indexing in place: ${INDEXED.map((p) => path.relative(projectRoot, p)).join(', ')}`);
  let lastNote = 0;
  const progress = (p: IndexProgress) => {
    if (Date.now() - lastNote < 5000 && p.filesDone < p.filesTotal) return;
    lastNote = Date.now();
    const eta = p.etaSeconds === null ? '' : `, about ${Math.ceil(p.etaSeconds / 60)} min left`;
    note(
      `  indexing: ${num(p.filesDone)}/${num(p.filesTotal)} files, ${num(p.paragraphsEmbedded)} paragraphs embedded, ${p.paragraphsPerSecond.toFixed(0)}/s${eta}`,
    );
  };
  const report = await archive.reindex(INDEXED, progress);
  note(
    `indexed in ${report.seconds.toFixed(0)} s: ${num(report.filesSeen)} files (${num(report.filesAdded)} added, ${num(report.filesUnchanged)} unchanged), ` +
      `${num(report.paragraphsAdded)} paragraphs added, ${report.unreadable.length} unreadable`,
  );
  for (const u of report.unreadable) note(`  unreadable: ${u.path}: ${u.reason}`);
  return { archive, indexDir, report };
}

async function main(): Promise<void> {
  const { archive, indexDir, report } = await buildArchive();
  h = await startHarness({ archive, tuning: { progressIntervalMs: DEFAULT_TUNING.progressIntervalMs }, logLevel: 'info' });
  const general = h.guild.channels[0]!.id;
  channelNames.set(general, '#general');
  const amina: Actor = { user: makeUser('amina'), permissions: PERMISSIONS.member };
  const mod: Actor = { user: makeUser('mod_olga'), permissions: PERMISSIONS.member | PERMISSIONS.manageGuild };
  const stats = archive.stats();

  out('Verbatim — demo transcript');
  out(
    `Generated ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by scripts/demo-bot.ts: the real bot (discord.js) against the local`,
  );
  out('Discord-compatible server of tests/support/discord/, answering from a real index built for this run.');
  out(
    `Index: ${num(stats.statements)} statements, ${num(stats.paragraphs)} paragraphs (${path.relative(projectRoot, CORPUS)}/: seed statement, unsc-2020/, ungdc/2015/, ungdc/2016/), model ${stats.model};`,
  );
  out(
    `built in ${report.seconds.toFixed(0)} s on ${os.cpus().length} CPUs. Users: amina (member), mod_olga (Manage Server). Bot messages are shown as a reader`,
  );
  out(
    `sees them${RAW ? ' (--raw: Discord markdown as sent)' : ' (markdown rendered: ▌ marks a block quote, escapes and bold marks hidden)'}; ┌─ title, │ body, └─ footer is an embed; [..] are buttons.`,
  );

  // /ask and its buttons
  heading('/ask and the buttons under an answer');
  const answer = await interact(
    '/ask Kazakhstan',
    slash(amina, 'ask', [str('question', 'what did Kazakhstan ask the General Assembly?')]),
    { kind: '/ask' },
  );
  const full = await click(amina, answer, /^Show full paragraph/, 'button');
  await click(amina, answer, 'Context #1', 'button');
  await click(amina, answer, 'More results', 'button');
  if (!full) {
    // The button only comes with a quote cut to fit (a paragraph longer than its share of the message).
    out('  (every quote of that answer fits whole, so it has none of the [Show full paragraph #N] buttons that come with a quote');
    out('   cut to fit; a question whose best paragraph is long (1,536 characters) shows one:)');
    const long = await interact(
      '/ask Poland atrocity crimes',
      slash(amina, 'ask', [str('question', 'what did Poland say about atrocity crimes?')]),
      {
        kind: '/ask',
      },
    );
    await click(amina, long, /^Show full paragraph/, 'button');
  }

  heading('/ask with a question nothing answers');
  await interact('/ask gibberish', slash(amina, 'ask', [str('question', 'zorblax quindle frumptious wibbly snorkelberry?')]), {
    kind: '/ask',
  });

  // Chat: a mention starts a thread; a follow-up in the thread keeps the country and takes the new year.
  heading('Mentioning the bot, then a follow-up in its thread');
  const mention = messageCreate(h.server, h.guild, amina.user, 'what did Fiji say about climate change in 2015?', { mentionBot: true });
  userSays('amina', `@Verbatim what did Fiji say about climate change in 2015?`);
  await chat(
    'mention Fiji 2015',
    mention,
    (r) =>
      r.method === 'POST' &&
      (r.path === `/channels/${mention.id}/messages` ||
        (r.path === `/channels/${general}/messages` && r.body?.message_reference?.message_id === mention.id)),
  );
  const thread = mention.id;
  const followUp = messageCreate(h.server, h.guild, amina.user, 'and in 2016?', { channelId: thread });
  userSays('amina', 'and in 2016?', channelNames.get(thread) ?? 'the thread');
  await chat(
    'thread follow-up 2016',
    followUp,
    (r) => r.method === 'POST' && r.path === `/channels/${thread}/messages` && r.body?.message_reference?.message_id === followUp.id,
  );

  // Lookups
  heading('/org');
  await interact('/org autocomplete cic', typing(amina, 'org', [str('name', 'cic', true)]), { kind: 'autocomplete' });
  const org = await interact('/org CICA', slash(amina, 'org', [str('name', 'CICA')]), { kind: '/org' });
  if (!(await click(amina, org, 'More results', 'button'))) {
    // Paging needs more paragraphs than one page (5): take the organization the statements name most often.
    const busiest = archive.findOrganizations('', 25).find((o) => o.key !== 'CICA');
    if (busiest && (await archive.aboutOrganization(busiest.key, { k: 6 })).hits.length > 5) {
      out(`  (fewer than 6 paragraphs name CICA, so there is no next page; paging shown with the organization named most often:)`);
      const other = await interact(`/org ${busiest.key}`, slash(amina, 'org', [str('name', busiest.key)]), { kind: '/org' });
      await click(amina, other, 'More results', 'button');
    }
  }

  heading('/country');
  await interact('/country autocomplete kaz', typing(amina, 'country', [str('name', 'kaz', true)]), { kind: 'autocomplete' });
  await interact('/country KAZ nuclear', slash(amina, 'country', [str('name', 'KAZ'), str('topic', 'nuclear')]), { kind: '/country' });

  heading('/stats');
  await interact('/stats', slash(amina, 'stats'), { kind: '/stats' });

  // Moderation. The bot's corpus folder (a temporary folder of the harness) gets three General Debate
  // statements of 2014, linked to their files in ../shared/corpus (read in place), for /reindex to find.
  heading('/reindex');
  await interact('/reindex refused', slash(amina, 'reindex'), { kind: '/reindex' });
  for (const relative of [...REINDEXED, 'ungdc/speakers.csv']) {
    fs.symlinkSync(path.join(CORPUS, relative), path.join(h.corpusDir, path.basename(relative)));
  }
  out(`  (setup: the bot's corpus folder, empty until now, gets ${REINDEXED.length} General Debate statements of 2014 and speakers.csv,`);
  out(
    `   linked from ${path.relative(projectRoot, CORPUS)}/ungdc/ and read in place: ${REINDEXED.map((f) => path.basename(f)).join(', ')})`,
  );
  const reindex = slash(mod, 'reindex');
  const reindexToken = reindex.token;
  await interact('/reindex', reindex, {
    kind: '/reindex',
    final: (r) =>
      (r.method === 'POST' && r.path.endsWith(`/${reindexToken}/callback`) && r.body?.type === 4) ||
      (r.method === 'PATCH' &&
        r.path.endsWith(`/${reindexToken}/messages/@original`) &&
        /^Reindex (done|failed)/.test(r.body?.content ?? '')),
    timeoutMs: 900_000,
  });

  heading('/statement add and remove');
  const bytes = fs.readFileSync(UPLOADED);
  const uploadName = 'Kazakhstan general debate.txt';
  const url = h.server.serveFile(uploadName, bytes);
  const attachment: AttachmentFixture = {
    id: snowflake(),
    filename: uploadName,
    size: bytes.length,
    url,
    proxy_url: url,
    content_type: 'text/plain; charset=utf-8',
  };
  out(
    `  (setup: the attachment is the bytes of ${path.relative(projectRoot, UPLOADED)}, ${num(bytes.length)} bytes, served by the local server as “${uploadName}”)`,
  );
  await interact(
    '/statement add',
    slash(mod, 'statement', [sub('add', [attachmentOption('file', attachment.id), str('country', 'KAZ'), str('date', '2017')])], {
      attachments: [attachment],
    }),
    { kind: '/statement', timeoutMs: 300_000 },
  );
  await interact(
    '/ask added statement',
    slash(amina, 'ask', [str('question', 'nuclear weapons'), str('country', 'KAZ'), int('year', 2017)]),
    { kind: '/ask' },
  );
  await interact('/statement remove', slash(mod, 'statement', [sub('remove', [str('file', safeFileName(uploadName))])]), {
    kind: '/statement',
  });

  heading('Bad input');
  await interact('/ask empty', slash(amina, 'ask', [str('question', '   ')]), { kind: '/ask' });
  const long = `${'peace '.repeat(1000).trim()}?`;
  await interact('/ask 6,000 characters', slash(amina, 'ask', [str('question', long)]), { kind: '/ask' });
  out('  (Discord itself stops a /ask question over 500 characters before sending it; a chat message can be longer:)');
  const longMention = messageCreate(h.server, h.guild, amina.user, long, { mentionBot: true });
  userSays('amina', `@Verbatim ${long.slice(0, 40)}… (${num(long.length)} characters)`);
  await chat(
    'mention 6,000 characters',
    longMention,
    (r) => r.method === 'POST' && r.body?.message_reference?.message_id === longMention.id,
  );
  const marked = '@everyone **what** did __Kazakhstan__ say about ||nuclear|| `weapons`? <@123456789012345678> @here';
  await interact('/ask @everyone and markdown', slash(amina, 'ask', [str('question', marked)]), { kind: '/ask' });
  const markedMention = messageCreate(h.server, h.guild, amina.user, marked, { mentionBot: true });
  userSays('amina', `@Verbatim ${marked}`);
  await chat(
    'mention @everyone and markdown',
    markedMention,
    (r) =>
      r.method === 'POST' &&
      (r.path === `/channels/${markedMention.id}/messages` || r.body?.message_reference?.message_id === markedMention.id),
  );

  heading('Timings (this machine; the search runs on the CPU)');
  const row = (t: { what: string; ms: number }) => out(`    ${t.what.padEnd(52)} ${t.ms.toFixed(0).padStart(6)} ms`);
  out('  /ask: INTERACTION_CREATE → final edit of the answer (or → the private reply, for a refused question)');
  timings.filter((t) => t.kind === '/ask').forEach(row);
  out('  Everything else: INTERACTION_CREATE → final response; chat: MESSAGE_CREATE → answer posted');
  timings.filter((t) => t.kind !== '/ask').forEach(row);

  const problems = h.logs.filter((l) => typeof l.level === 'number' && l.level >= 40);
  for (const l of problems) note(`bot log (${l.level === 40 ? 'warn' : 'error'}): ${JSON.stringify(l)}`);

  fs.mkdirSync(path.dirname(TRANSCRIPT_FILE), { recursive: true });
  fs.writeFileSync(TRANSCRIPT_FILE, `${transcript.join('\n')}\n`);
  note(`transcript written to ${path.relative(projectRoot, TRANSCRIPT_FILE)}`);

  await h.stop();
  archive.close();
  if (!keptIndex) fs.rmSync(indexDir, { recursive: true, force: true });
}

main().catch(async (error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  if (transcript.length > 0) {
    fs.mkdirSync(path.dirname(TRANSCRIPT_FILE), { recursive: true });
    fs.writeFileSync(TRANSCRIPT_FILE, `${transcript.join('\n')}\n(demo failed here)\n`);
  }
  await h?.stop().catch(() => undefined);
  process.exit(1);
});
