import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { CliProcess } from '../support/cli-process.js';
import { sharedFile, temporaryDir } from '../support/corpus.js';
import { noise, peek } from '../support/damage.js';

const PROGRESS_LINE = /^indexing: \d+\/\d+ files, (\d+) paragraphs embedded, [\d.]+ paragraphs\/s, ETA \S+$/gm;

/**
 * A 3 MB statement of 200,000 short lines (under the 5 MB limit): the short lines of the 2020 General Debate
 * speeches, which are written one sentence per line, repeated in a fixed pseudo-random order so that the
 * paragraphs they form differ. Real statement text, arranged as a stress test: about 17,000 paragraphs.
 */
function manyShortLines(folder: string): string {
  const speeches = sharedFile('ungdc/2020');
  const lines = fs
    .readdirSync(speeches)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .flatMap((name) => fs.readFileSync(path.join(speeches, name), 'utf8').split('\n'))
    .map((line) => line.trim())
    .filter((line) => line.length > 8 && line.length < 22);
  const file = path.join(folder, 'XXX_75_2020.txt');
  const order = noise(4 * 200_000);
  fs.writeFileSync(file, Array.from({ length: 200_000 }, (_, i) => lines[order.readUInt32LE(4 * i) % lines.length]).join('\n'));
  return file;
}

describe('a file of 200,000 short lines', () => {
  it('is committed in bounded batches while it is embedded, with a progress line every 10 s on stderr', async () => {
    const corpus = temporaryDir('verbatim-long-file-');
    const file = manyShortLines(corpus);
    expect(fs.statSync(file).size).toBeLessThan(5 * 1024 * 1024);
    const dir = temporaryDir('verbatim-index-');

    const run = new CliProcess('src/cli/index-statements.ts', [corpus, '--index-dir', dir]);
    onTestFinished(() => void run.kill());
    const seen: number[] = [];
    const started = Date.now();
    while (seen.length < 3) {
      await run.waitForStderr((stderr) => (stderr.match(PROGRESS_LINE)?.length ?? 0) > seen.length, 30_000);
      seen.push(Date.now() - started);
    }
    const killed = await run.kill('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');

    // Lines at a steady pace, each showing the work going on.
    const gaps = seen.slice(1).map((at, i) => at - seen[i]!);
    for (const gap of gaps) expect(gap).toBeGreaterThan(8_000);
    for (const gap of gaps) expect(gap).toBeLessThan(12_000);
    const embedded = [...killed.stderr.matchAll(PROGRESS_LINE)].map((m) => Number(m[1]));
    expect(embedded.at(-1)).toBeGreaterThan(embedded[0]!);
    // The kill came inside the file, yet what was embedded before the last commit is kept for the next run.
    const committed = peek(path.join(dir, 'paragraphs.sqlite'), 'SELECT count(*) FROM vectors') as number;
    expect(committed).toBeGreaterThanOrEqual(embedded.at(-1)! - 128);
    expect(peek(path.join(dir, 'paragraphs.sqlite'), 'SELECT count(*) FROM paragraphs')).toBe(0);
  });
});
