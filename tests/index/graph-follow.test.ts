import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { IndexedArchive } from '../../src/archive/open-archive.js';
import { indexedCorpus } from '../support/archive.js';
import { CliProcess } from '../support/cli-process.js';
import { copySharedInto, sharedFolderFiles } from '../support/corpus.js';
import { noise, overwrite, peek } from '../support/damage.js';
import { capturingLogger, openLoggedArchive, type LogLine } from '../support/logged-archive.js';

const GENERAL_DEBATE_2015 = sharedFolderFiles('ungdc/2015');

/** Asks `until` every 200 ms (each ask reads the reader's graph, so it follows the database) until it holds. */
async function waitFor(until: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!until()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The paragraphs of statements indexed from `corpus` whose file names are among `files`. */
function paragraphsOf(dir: string, files: string[]): number[] {
  const names = files.map((file) => path.basename(file));
  const rows = peek(
    path.join(dir, 'paragraphs.sqlite'),
    'SELECT json_group_array(p.id) FROM paragraphs p JOIN statements s ON s.id = p.statement_id WHERE ' +
      names.map(() => 's.path LIKE ?').join(' OR '),
    ...names.map((name) => `%/${name}`),
  );
  return JSON.parse(rows as string) as number[];
}

/** Whether the reader's graph (its walk or what it holds aside) finds each paragraph by its own vector. */
function denselyFound(reader: IndexedArchive, ids: number[]): boolean {
  const stored = reader.index.store.vectors.of(ids);
  return ids.every((id) => reader.index.vectors.search(stored.get(id)!, 3).some((n) => n.id === id));
}

/** The folder's saved graph as files: the manifest's text and the graph file it names. */
function savedGraph(dir: string): { manifest: string; file: string; bytes: Buffer } {
  const manifest = fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8');
  const file = (JSON.parse(manifest) as { graphFile: string }).graphFile;
  return { manifest, file, bytes: fs.readFileSync(path.join(dir, file)) };
}

/** Puts a saved graph back as a writer saves one: the graph file first, then the manifest naming it. */
function putGraph(dir: string, graph: { manifest: string; file: string; bytes: Buffer }): void {
  fs.writeFileSync(path.join(dir, graph.file), graph.bytes);
  fs.writeFileSync(path.join(dir, 'manifest.json'), graph.manifest);
}

describe('a reader open while another process indexes more statements', () => {
  it('loads the newer saved graph without restarting, answers the new statements from it, and /stats counts move', async () => {
    const { corpus, dir } = await indexedCorpus(GENERAL_DEBATE_2015.slice(0, 3));
    const added = GENERAL_DEBATE_2015.slice(3, 12);
    copySharedInto(corpus, added);

    const { log, lines } = capturingLogger();
    const reader = await openLoggedArchive(dir, log);
    onTestFinished(() => reader.close());
    const before = reader.stats();
    expect(before.statements).toBe(3);
    const graphBefore = reader.index.vectors;

    const run = new CliProcess('src/cli/index-statements.ts', [corpus, '--index-dir', dir]);
    onTestFinished(() => void run.kill());
    expect((await run.finished).code).toBe(0);

    const loaded = (line: LogLine) => line.msg.startsWith('loaded the newer saved vector graph');
    await waitFor(() => reader.index.vectors !== graphBefore && lines.some(loaded), 60_000);
    const after = reader.stats();
    expect(after.statements).toBe(12);
    expect(after.paragraphs).toBeGreaterThan(before.paragraphs);
    // The newer graph holds every paragraph: nothing is left aside to search exactly.
    expect(reader.index.vectors.size).toBe(after.paragraphs);
    expect(reader.index.vectors.asideCount).toBe(0);
    // The old graph's memory went with it.
    expect(graphBefore.size).toBe(0);

    const fresh = paragraphsOf(dir, added);
    expect(fresh.length).toBeGreaterThan(100);
    expect(denselyFound(reader, fresh.slice(0, 50))).toBe(true);
    const target = reader.passage(fresh[7]!)!;
    const result = await reader.search(target.text, { k: 3 });
    expect(result.hits.map((h) => h.id)).toContain(target.id);
    expect(lines.filter((line) => line.level >= 40)).toEqual([]);
  }, 300_000);

  it('loads a graph saved after it last saw the database change, though the database changes no more (seen at the whole archive)', async () => {
    const { corpus, dir } = await indexedCorpus(GENERAL_DEBATE_2015.slice(0, 3));
    copySharedInto(corpus, GENERAL_DEBATE_2015.slice(3, 8));
    const older = savedGraph(dir);
    const run = new CliProcess('src/cli/index-statements.ts', [corpus, '--index-dir', dir]);
    onTestFinished(() => void run.kill());
    expect((await run.finished).code).toBe(0);
    // As a reader opened after the last commit and before the writer's last graph save landed would find it.
    const newer = savedGraph(dir);
    fs.rmSync(path.join(dir, newer.file));
    putGraph(dir, older);

    const { log, lines } = capturingLogger();
    const reader = await openLoggedArchive(dir, log);
    onTestFinished(() => reader.close());
    expect(reader.index.vectors.asideCount).toBeGreaterThan(0);
    putGraph(dir, newer);

    const loaded = (line: LogLine) => line.msg.startsWith('loaded the newer saved vector graph');
    await waitFor(() => lines.some(loaded), 30_000);
    expect(reader.index.vectors.asideCount).toBe(0);
    expect(reader.stats().statements).toBe(8);
  }, 300_000);

  it('holds what a damaged newer graph lacks aside and searches it exactly, warning once', async () => {
    const { corpus, dir } = await indexedCorpus(GENERAL_DEBATE_2015.slice(0, 3));
    const added = GENERAL_DEBATE_2015.slice(3, 8);
    copySharedInto(corpus, added);

    const { log, lines } = capturingLogger();
    const reader = await openLoggedArchive(dir, log);
    onTestFinished(() => reader.close());
    const graphInUse = reader.index.vectors;

    // The run's graph is damaged the moment it is renamed into place, before the manifest naming it follows.
    const run = new CliProcess('src/cli/index-statements.ts', [corpus, '--index-dir', dir]);
    onTestFinished(() => void run.kill());
    const damaged = new Set<string>();
    const watcher = fs.watch(dir, (_, name) => {
      // Once each: the overwrite is itself a change the watcher reports.
      if (name && /^vectors-\d+\.hnsw$/.test(name) && !damaged.has(name) && fs.existsSync(path.join(dir, name))) {
        damaged.add(name);
        overwrite(path.join(dir, name), 4096, noise(4096));
      }
    });
    const finished = await run.finished.finally(() => watcher.close());
    expect(finished.code).toBe(0);

    const warned = (line: LogLine) => line.msg.startsWith('the newer saved vector graph could not be used');
    await waitFor(() => reader.index.vectors === graphInUse && lines.some(warned), 60_000);
    const fresh = paragraphsOf(dir, added);
    expect(reader.index.vectors.asideCount).toBe(fresh.length);
    expect(reader.stats().statements).toBe(8);
    expect(denselyFound(reader, fresh)).toBe(true);
    // Another few follows find nothing new to warn about.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    reader.index.vectors.search(reader.index.store.vectors.of([fresh[0]!]).get(fresh[0]!)!, 1);
    expect(lines.filter(warned)).toHaveLength(1);
    expect(lines.filter((line) => line.msg.startsWith('loaded the newer'))).toEqual([]);
  }, 300_000);
});
