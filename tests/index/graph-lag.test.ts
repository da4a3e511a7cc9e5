import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { indexedCorpus } from '../support/archive.js';
import { CliProcess, runCli } from '../support/cli-process.js';
import { copySharedInto, sharedFolderFiles } from '../support/corpus.js';
import { peek } from '../support/damage.js';
import { capturingLogger, openLoggedArchive } from '../support/logged-archive.js';

const GENERAL_DEBATE_2015 = sharedFolderFiles('ungdc/2015');

function manifestGeneration(dir: string): number {
  return (JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { generation: number }).generation;
}

function databaseGeneration(dir: string): number {
  return Number(peek(path.join(dir, 'paragraphs.sqlite'), `SELECT value FROM meta WHERE key = 'generation'`));
}

describe('a run killed while it saves the graph', () => {
  it('leaves a graph one generation behind, which the next run (finding nothing to index) saves level, removing the temporary files', async () => {
    const { corpus, dir } = await indexedCorpus(GENERAL_DEBATE_2015.slice(0, 2));
    // Enough new paragraphs (about 450) for the final save to take a while to write and fsync.
    copySharedInto(corpus, GENERAL_DEBATE_2015.slice(2, 22));

    // Killed the moment its final save creates the new graph file, before the manifest can follow.
    const run = new CliProcess('src/cli/index-statements.ts', [corpus, '--index-dir', dir]);
    const watcher = fs.watch(dir, (_, name) => {
      if (name && /^vectors-\d+\.hnsw\.\d+\.tmp$/.test(name)) run.child.kill('SIGKILL');
    });
    const killed = await run.finished.finally(() => watcher.close());
    expect(killed.signal).toBe('SIGKILL');
    expect(peek(path.join(dir, 'paragraphs.sqlite'), 'SELECT count(*) FROM statements')).toBe(22);
    expect(manifestGeneration(dir)).toBeLessThan(databaseGeneration(dir));
    expect(fs.readdirSync(dir).some((name) => name.endsWith('.tmp'))).toBe(true);

    const next = await runCli('src/cli/index-statements.ts', [corpus, '--index-dir', dir]);
    expect(next.code).toBe(0);
    expect(next.stdout).toMatch(/0 added, 0 changed, 22 unchanged/);
    expect(manifestGeneration(dir)).toBe(databaseGeneration(dir));
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    // Readers now take the saved graph as it is.
    const { log, lines } = capturingLogger();
    const reader = await openLoggedArchive(dir, log);
    reader.close();
    expect(lines.filter((line) => /graph/.test(line.msg))).toEqual([]);
  }, 300_000);
});

describe('readers during a long indexing run', () => {
  it('add to the saved graph only what it lacks, and answer', async () => {
    const { corpus, dir } = await indexedCorpus(GENERAL_DEBATE_2015.slice(0, 10));
    copySharedInto(corpus, GENERAL_DEBATE_2015.slice(10, 70));
    const startGeneration = manifestGeneration(dir);

    const run = new CliProcess('src/cli/index-statements.ts', [corpus, '--index-dir', dir]);
    onTestFinished(() => void run.kill());
    let running = true;
    void run.finished.then(() => (running = false));
    const opens: { hits: number; graphLines: string[]; added: number }[] = [];
    let savedMidRun = false;
    while (running) {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      if (!running) break;
      savedMidRun ||= manifestGeneration(dir) > startGeneration;
      const { log, lines } = capturingLogger();
      const reader = await openLoggedArchive(dir, log);
      const result = await reader.search('what did the speakers say about the refugee crisis in Europe?', { k: 5 });
      reader.close();
      const graphLines = lines.filter((line) => /graph/.test(line.msg));
      opens.push({
        hits: result.hits.length,
        graphLines: graphLines.map((l) => l.msg),
        added: graphLines.reduce((n, l) => n + Number(l.added ?? 0), 0),
      });
    }
    const finished = await run.finished;
    expect(finished.code).toBe(0);
    expect(opens.length).toBeGreaterThanOrEqual(5);
    // The writer saved the graph along the way, not only at the end.
    expect(savedMidRun).toBe(true);
    for (const open of opens) {
      // Nothing rebuilt or refused: the reader only searches what the saved graph lacks, and, when the writer saves a
      // newer graph while the reader answers (a loaded machine makes that likely), follows it.
      const expected = ['the saved vector graph lags the database', 'loaded the newer saved vector graph another process saved'];
      expect(open.graphLines.filter((msg) => !expected.some((line) => msg.startsWith(line)))).toEqual([]);
      // At most what the writer lets the saved graph lag by, plus the batch in hand.
      expect(open.added).toBeLessThanOrEqual(1_000 + 200);
      // How fast they answer is measured by `npm run bench` (reader opens during a run), not asserted here.
      expect(open.hits).toBe(5);
    }
  }, 600_000);
});
