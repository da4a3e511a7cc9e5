/**
 * `npm run bench:bot -- --index-dir DIR`: the bot's latency through the local Discord server
 * (tests/support/discord) and the real discord.js client, on an index that already exists, opened read-only
 * (nothing is built or written; the bench refuses the archive's write methods). Prints numbers, never assertions:
 *
 *  - /ask INTERACTION_CREATE → final edit, one question at a time, over the dev questions
 *    (../shared/eval/dev.jsonl and dev2.jsonl), after one untimed pass; the archive's own search time on the same
 *    questions beside it, so the bot's share shows;
 *  - 50 members sending /ask at the same moment (each its own question): how many got their answer, the
 *    acknowledgement (deferReply, Discord allows 3 s) and the final edit, p50/p95/max from the moment all were sent;
 *  - peak RSS of this process (the bot, its archive and model, and the local Discord server).
 *
 * `--shards N` runs the gateway as N shards in this process (SHARDS=N) and `--guilds G` spreads the members over G
 * guilds, guild i on shard i % N as Discord places them; `--rounds 0` skips the one-at-a-time part (the untimed
 * pass over `--questions` still warms the archive). The issue's comparison, 1 against 2 shards:
 *
 *   npm run bench:bot -- --index-dir embeddings/eval-index --shards 2 --guilds 10 --burst 100 --rounds 0 --questions 100
 *
 *   npm run bench:bot -- --index-dir embeddings/eval-e5
 *   npm run bench:bot -- --index-dir DIR --rounds 3 --burst 50 --burst-rounds 2
 *   npm run bench:bot -- --fake            the word-overlap test archive (checks the harness, not the search)
 *   npm run bench:bot -- --index-dir COPY --soak 600 --index-while ../shared/corpus/ungdc/2009   (scripts/bench-bot-soak.ts)
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import type { Archive } from '../src/archive/archive.js';
import type { IndexedArchive } from '../src/archive/open-archive.js';
import { FakeArchive } from '../tests/support/discord/fake-archive.js';
import { on, startHarness } from '../tests/support/discord/harness.js';
import { makeUser, slashCommand, str } from '../tests/support/discord/payloads.js';
import { devQuestions, latencyStats, machineLine, option, peakRssMiB, percentile, printer } from './bench-common.js';

const args = process.argv.slice(2);
const rounds = Number(option(args, 'rounds') ?? 2);
const burst = Number(option(args, 'burst') ?? 50);
const burstRounds = Number(option(args, 'burst-rounds') ?? 2);
const limit = Number(option(args, 'questions') ?? 1000);
const indexDir = option(args, 'index-dir') ?? option(args, 'index');
const fake = args.includes('--fake');
const shards = Number(option(args, 'shards') ?? 1);
const guildCount = Number(option(args, 'guilds') ?? 1);
if (!(Number.isInteger(shards) && shards >= 1 && Number.isInteger(guildCount) && guildCount >= 1)) {
  process.stderr.write('--shards and --guilds take a whole number, 1 or more\n');
  process.exit(2);
}
if (!indexDir && !fake) {
  process.stderr.write(
    'usage: npm run bench:bot -- --index-dir DIR [--rounds N] [--burst N] [--burst-rounds N] [--questions N] [--shards N] [--guilds N] | --fake\n',
  );
  process.exit(2);
}
const line = printer(56);

/** How long each archive.search the bot made took, in the order made (see readOnly). */
const searchesInBot: number[] = [];

/** The archive with its write methods refused (a benchmark must leave the index as it found it), searches timed. */
function readOnly(archive: Archive): Archive {
  const refused = new Set(['reindex', 'addStatement', 'removeStatement']);
  return new Proxy(archive, {
    get(target, property, receiver) {
      if (typeof property === 'string' && refused.has(property)) {
        return () => Promise.reject(new Error(`bench:bot opens the index read-only: ${property} refused`));
      }
      if (property === 'search') {
        return async (...a: Parameters<Archive['search']>) => {
          const started = performance.now();
          try {
            return await target.search(...a);
          } finally {
            searchesInBot.push(performance.now() - started);
          }
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function openBenchArchive(): Promise<{ archive: Archive; close: () => void; label: string }> {
  if (fake) return { archive: FakeArchive.load(), close: () => undefined, label: 'test archive (word overlap over fixture statements)' };
  // Imported here so --fake works whatever state the real archive's modules are in.
  const { openArchive } = await import('../src/archive/open-archive.js');
  const { createLogger } = await import('../src/log.js');
  const archive = await openArchive({ ...loadConfig(), INDEX_DIR: path.resolve(indexDir!) }, createLogger('warn'));
  const { statements, paragraphs, model } = archive.stats();
  return {
    archive: readOnly(archive),
    close: () => archive.close(),
    label: `${indexDir}: ${statements} statements, ${paragraphs} paragraphs, ${model}`,
  };
}

const questions = devQuestions()
  .filter((q) => q.length <= 500)
  .slice(0, limit);

process.stdout.write(`${machineLine()}\n`);
const { archive, close, label } = await openBenchArchive();
line('index', label);
// Members may ask this often: the one-at-a-time part asks every question from one member.
const h = await startHarness({ archive, env: { RATE_LIMIT_QUESTIONS: '1000000' }, logLevel: 'warn', shards, guilds: guildCount - 1 });
line(
  'gateway',
  `${h.bot.client.ws.shards.size} shard${h.bot.client.ws.shards.size === 1 ? '' : 's'} in this process, ${h.guilds.length} guild${h.guilds.length === 1 ? '' : 's'}`,
);
// --soak: /ask at a steady rate while another process indexes into the folder, and nothing else (bench-bot-soak.ts).
const soak = option(args, 'soak');
if (soak !== undefined && !fake) {
  const { runSoak } = await import('./bench-bot-soak.js');
  const indexWhile = (option(args, 'index-while') ?? '').split(',').filter(Boolean);
  const seconds = Number(soak);
  const indexAt = Number(option(args, 'index-at') ?? Math.max(10, Math.round(seconds / 6)));
  const rate = Number(option(args, 'soak-rate') ?? 2);
  try {
    const removeFirst = args.includes('--remove-first');
    await runSoak(h, archive as IndexedArchive, {
      indexDir: path.resolve(indexDir!),
      seconds,
      indexWhile,
      rate,
      indexAt,
      questions,
      removeFirst,
    });
  } finally {
    await h.stop();
    close();
  }
  process.exit(0);
}
// discord.js holds REST calls back itself once 50 were made in a second (its globalRequestsPerSecond): counted
// here, since in a burst that wait, not the search, can be most of the latency.
const rateLimitWaits: { global: boolean; route: string; ms: number }[] = [];
h.bot.client.rest.on('rateLimited', (info) => rateLimitWaits.push({ global: info.global, route: info.route, ms: info.timeToReset }));
const waitsSince = (from: number) => {
  const waits = rateLimitWaits.slice(from);
  if (waits.length === 0) return 'none';
  const global = waits.filter((w) => w.global).length;
  return `${waits.length} (${global} global), longest ${Math.max(...waits.map((w) => w.ms)).toFixed(0)} ms`;
};
try {
  const user = { user: makeUser('bench') };
  const send = (who: { user: ReturnType<typeof makeUser> }, question: string, guild = h.guild): string =>
    h.server.sendInteraction(slashCommand(h.server, guild, who, 'ask', [str('question', question)]));
  const ask = async (question: string): Promise<number> => {
    const started = performance.now();
    const token = send(user, question);
    const edit = await h.server.waitForRequest(on.editOriginal(token), 120_000);
    return edit.at - started;
  };
  for (const q of questions) await ask(q); // untimed: every scope's vectors read, term counts known

  const endToEnd: number[] = [];
  const searchOnly: number[] = [];
  const inBot: number[] = [];
  const sequentialWaitsFrom = rateLimitWaits.length;
  for (let round = 0; round < rounds; round++) {
    const from = searchesInBot.length;
    for (const q of questions) endToEnd.push(await ask(q));
    inBot.push(...searchesInBot.slice(from));
    for (const q of questions) {
      const started = performance.now();
      await h.archive.inner.search(q, { k: 3, offset: 0 });
      searchOnly.push(performance.now() - started);
    }
  }
  if (rounds > 0) {
    line(`/ask INTERACTION_CREATE → final edit, one at a time`, latencyStats(endToEnd));
    line('  archive.search as the bot called it', latencyStats(inBot));
    line('  archive.search alone, same questions', latencyStats(searchOnly));
    line('  bot + gateway + REST share (p50 difference)', `${(percentile(endToEnd, 50) - percentile(searchOnly, 50)).toFixed(1)} ms`);
    line('  discord.js rate-limit waits meanwhile', waitsSince(sequentialWaitsFrom));
  }

  // Many members at once: each sends one /ask, all in the same moment.
  const members = Array.from({ length: burst }, (_, i) => ({ user: makeUser(`member${i + 1}`) }));
  for (let round = 0; round < burstRounds; round++) {
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // a fresh second of discord.js's global limit
    const waitsFrom = rateLimitWaits.length;
    const started = performance.now();
    // Member i asks in guild i % guilds, so with --shards every shard serves its share of the burst.
    const tokens = members.map((m, i) => send(m, questions[(round * burst + i) % questions.length]!, h.guilds[i % h.guilds.length]));
    const outcomes = await Promise.all(
      tokens.map(async (token) => {
        try {
          const [ack, edit] = await Promise.all([
            h.server.waitForRequest(on.callback(token), 60_000),
            h.server.waitForRequest(on.editOriginal(token), 60_000),
          ]);
          const text = JSON.stringify(edit.body ?? '');
          const answered = !text.includes('something went wrong');
          return { ack: ack.at - started, edit: edit.at - started, answered };
        } catch {
          return null;
        }
      }),
    );
    const done = outcomes.filter((o) => o !== null);
    const answered = done.filter((o) => o.answered).length;
    line(
      `${burst} members' /ask at once (round ${round + 1}): answered`,
      `${answered} of ${burst}${done.length < burst ? ` (${burst - done.length} got no final edit within 60 s)` : ''}`,
    );
    if (done.length > 0) {
      line('  acknowledged (deferReply), from the send', latencyStats(done.map((o) => o.ack)));
      line('  final edit, from the send', latencyStats(done.map((o) => o.edit)));
    }
    line('  discord.js rate-limit waits meanwhile', waitsSince(waitsFrom));
    if (shards > 1) {
      const served = new Map<number, number>();
      for (const token of tokens) served.set(h.server.shardFor(token) ?? -1, (served.get(h.server.shardFor(token) ?? -1) ?? 0) + 1);
      line(
        '  delivered by shard',
        [...served]
          .sort(([a], [b]) => a - b)
          .map(([shard, n]) => `${shard}: ${n}`)
          .join(', '),
      );
    }
  }
  line('peak RSS of this process (bot + archive + model + server)', `${peakRssMiB().toFixed(0)} MiB`);
} finally {
  await h.stop();
  close();
}
process.exit(0);
