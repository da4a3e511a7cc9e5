/**
 * `npm run bench:bot -- --index-dir DIR --soak SECONDS --index-while PATH[,PATH...] [--soak-rate N] [--index-at S] [--remove-first]`:
 * /ask at a steady rate (N a second, default 2, from ten members in turn) through the local Discord server for
 * SECONDS, while another process (`npm run index -- PATH --index-dir DIR`, one run per PATH, one after another)
 * indexes into the bot's own folder, starting S seconds in (default a sixth of the soak). The bot opened the index
 * before: it follows that indexing as it goes (src/index/paragraph-index.ts). Prints numbers, never assertions:
 *
 *  - every answer that failed (no final edit within 60 s, or the bot's error reply): the soak wants none;
 *  - /ask → final edit p50/p95 before the indexing, during each run, after the runs while the bot's graph still
 *    lacks paragraphs (searched exactly beside it), and once the bot loaded the final saved graph (nothing aside);
 *  - the bot's graph over time: newer saved graphs loaded, the most paragraphs held aside, the /stats counts;
 *  - the new statements answered: after each run, a paragraph of its first statement asked about word for word
 *    until the bot's answer quotes it;
 *  - RSS of this process in the first and in the last minute (mean and max).
 *
 * The runs write into DIR: point it at a copy (`cp -r embeddings/eval-index /tmp/soak-index`). `--remove-first`
 * takes the statements under the PATHs out of that copy first, in one write (a copy of the whole archive holds
 * them all already). The soak goes on past SECONDS until the last run ended and the bot's graph caught up, and says so.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { IndexedArchive } from '../src/archive/open-archive.js';
import { removeStatements } from '../src/index/indexer.js';
import type { StoredStatement } from '../src/index/statements-table.js';
import type { Store } from '../src/index/store.js';
import { projectRoot } from '../src/config.js';
import { on, type Harness } from '../tests/support/discord/harness.js';
import { makeUser, slashCommand, str } from '../tests/support/discord/payloads.js';
import { latencyStats, printer } from './bench-common.js';

export interface SoakOptions {
  indexDir: string;
  seconds: number;
  /** Folders or files indexed one run after another. */
  indexWhile: string[];
  /** Questions a second. */
  rate: number;
  /** Seconds into the soak the first run starts. */
  indexAt: number;
  questions: string[];
  /** Take the statements under `indexWhile` out of DIR before the soak. */
  removeFirst: boolean;
}

interface Asked {
  sentAt: number;
  phase: string;
  ms: number | null;
  failed: boolean;
}

const line = printer(60);
const mib = (bytes: number) => bytes / 2 ** 20;

/** Five words in a row, letters only, from the middle of a paragraph: what an answer quoting it must hold. */
function wordsOf(text: string): string | null {
  const words = text.split(/\s+/);
  for (let start = Math.floor(words.length / 3); start + 5 <= words.length; start++) {
    const run = words.slice(start, start + 5);
    if (run.every((w) => /^[A-Za-z]{3,}$/.test(w))) return run.join(' ');
  }
  return null;
}

function statementFiles(root: string): string[] {
  return fs.statSync(root).isDirectory()
    ? fs
        .readdirSync(root)
        .filter((name) => name.endsWith('.txt'))
        .sort()
        .map((name) => path.join(root, name))
    : [root];
}

function storedStatement(store: Store, file: string): StoredStatement | null {
  return store.statements.byPath(path.resolve(file)) ?? store.statements.byPath(fs.realpathSync(file));
}

/** Takes the statements under the roots out of the index, in one write: what the soak's runs then index again. */
async function removeStatementsUnder(archive: IndexedArchive, roots: string[]): Promise<{ statements: number; paragraphs: number }> {
  return archive.index.write(async (writer) => {
    const statements = roots.flatMap(statementFiles).flatMap((file) => storedStatement(writer.store, file) ?? []);
    return { statements: statements.length, paragraphs: removeStatements(writer, statements).length };
  });
}

/** A paragraph of the first statement a run indexed (by the path it was stored under), with words to look for. */
function probeOf(archive: IndexedArchive, root: string): { question: string; words: string; label: string } | null {
  const { store } = archive.index;
  for (const file of statementFiles(root)) {
    const statement = storedStatement(store, file);
    if (!statement) continue;
    for (const id of store.paragraphs.idsOf(statement.id)) {
      const paragraph = store.paragraphs.byId(id);
      const words = paragraph && paragraph.text.length >= 200 ? wordsOf(paragraph.text) : null;
      if (paragraph && words)
        return { question: paragraph.text.slice(0, 400), words, label: `${path.basename(file)} ¶${paragraph.number}` };
    }
  }
  return null;
}

export async function runSoak(h: Harness, archive: IndexedArchive, options: SoakOptions): Promise<void> {
  const members = Array.from({ length: 10 }, (_, i) => ({ user: makeUser(`soak${i + 1}`) }));
  let turn = 0;
  const ask = async (question: string): Promise<{ ms: number; body: string } | null> => {
    const started = performance.now();
    const member = members[turn++ % members.length]!;
    const token = h.server.sendInteraction(slashCommand(h.server, h.guild, member, 'ask', [str('question', question)]));
    try {
      const edit = await h.server.waitForRequest(on.editOriginal(token), 60_000);
      return { ms: edit.at - started, body: JSON.stringify(edit.body ?? '') };
    } catch {
      return null;
    }
  };
  if (options.removeFirst) {
    const removed = await removeStatementsUnder(archive, options.indexWhile);
    line('removed first', `${removed.statements} statements, ${removed.paragraphs} paragraphs (indexed again below)`);
  }
  for (const q of options.questions) await ask(q); // untimed: every scope's vectors read, term counts known

  const start = performance.now();
  const elapsed = () => (performance.now() - start) / 1000;
  let phase = 'before indexing';
  const asked: Asked[] = [];
  const pending: Promise<void>[] = [];
  const rss: { at: number; bytes: number }[] = [];
  let graph = archive.index.vectors;
  let loads = 0;
  let mostAside = graph.asideCount;
  const watch = setInterval(() => {
    rss.push({ at: elapsed(), bytes: process.memoryUsage.rss() });
    const now = archive.index.vectors;
    if (now !== graph) loads += 1;
    graph = now;
    mostAside = Math.max(mostAside, now.asideCount);
  }, 1_000);
  let q = 0;
  const asking = setInterval(() => {
    const sentAt = elapsed();
    const at = phase;
    pending.push(
      ask(options.questions[q++ % options.questions.length]!).then((answer) => {
        const failed = answer === null || answer.body.includes('something went wrong');
        asked.push({ sentAt, phase: at, ms: answer?.ms ?? null, failed });
      }),
    );
  }, 1_000 / options.rate);

  const statsBefore = archive.stats();
  const probes: string[] = [];
  const runs: { root: string; seconds: number; code: number | null }[] = [];
  await new Promise((resolve) => setTimeout(resolve, options.indexAt * 1_000));
  for (const root of options.indexWhile) {
    phase = `while indexing ${root}`;
    const runStart = elapsed();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(projectRoot, 'src/cli/index-statements.ts'), root, '--index-dir', options.indexDir],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2_000)));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    runs.push({ root, seconds: elapsed() - runStart, code });
    if (code !== 0) process.stderr.write(`the run indexing ${root} exited ${code}:\n${stderr}\n`);
    phase = `after indexing ${root}, graph lagging`;
    const probe = probeOf(archive, root);
    const ended = elapsed();
    let answered: number | null = null;
    while (probe && answered === null && elapsed() - ended < 60) {
      const answer = await ask(probe.question);
      if (answer?.body.includes(probe.words)) answered = elapsed() - ended;
      else await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    probes.push(
      probe === null
        ? `${root}: no statement of it found in the index`
        : `${root} (${probe.label}): ${answered === null ? 'not quoted within 60 s' : `quoted ${answered.toFixed(1)} s after the run ended`}`,
    );
  }
  const lastRunEnded = elapsed();
  while (archive.index.vectors.asideCount > 0 && elapsed() - lastRunEnded < 300) await new Promise((r) => setTimeout(r, 250));
  const caughtUp = elapsed();
  const level = archive.index.vectors.asideCount === 0;
  phase = level ? 'after the reload (nothing aside)' : 'graph still lagging 300 s after the last run';
  const minimumAfter = 30;
  const end = Math.max(options.seconds, caughtUp + minimumAfter);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, end - elapsed()) * 1_000));
  clearInterval(asking);
  await Promise.all(pending);
  clearInterval(watch);

  const statsAfter = archive.stats();
  line(
    'soak',
    `${elapsed().toFixed(0)} s of /ask at ${options.rate}/s (asked for ${options.seconds} s${end > options.seconds ? '; went on until the graph caught up' : ''})`,
  );
  line('  answers', `${asked.length} sent, ${asked.filter((a) => a.failed).length} failed`);
  const phases = [...new Set(asked.map((a) => a.phase))];
  for (const p of phases) {
    const times = asked.filter((a) => a.phase === p && !a.failed).map((a) => a.ms!);
    if (times.length > 0) line(`  ${p}`, latencyStats(times));
  }
  for (const run of runs) line(`  run: npm run index -- ${run.root}`, `${run.seconds.toFixed(0)} s, exit ${run.code}`);
  line(
    '  graph caught up (nothing aside)',
    level ? `${(caughtUp - lastRunEnded).toFixed(1)} s after the last run ended` : `not within ${(caughtUp - lastRunEnded).toFixed(0)} s`,
  );
  line('  newer saved graphs loaded, most paragraphs held aside', `${loads}, ${mostAside}`);
  line(
    '  /stats before → after',
    `${statsBefore.statements} → ${statsAfter.statements} statements, ${statsBefore.paragraphs} → ${statsAfter.paragraphs} paragraphs`,
  );
  for (const probe of probes) line('  new statement asked word for word', probe);
  const minute = Math.min(60, elapsed() / 4);
  const window = (from: number, to: number) => {
    const xs = rss.filter((r) => r.at >= from && r.at < to).map((r) => mib(r.bytes));
    return xs.length === 0
      ? 'none'
      : `mean ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(0)} MiB, max ${Math.max(...xs).toFixed(0)} MiB`;
  };
  line(`  RSS, first ${minute.toFixed(0)} s`, window(0, minute));
  line(`  RSS, last ${minute.toFixed(0)} s`, window(elapsed() - minute, Infinity));
}
