import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { CliProcess, runCli } from '../support/cli-process.js';
import { SEED_FILE, sharedFile, scratchCorpus, temporaryDir } from '../support/corpus.js';
import { peek } from '../support/damage.js';

const GENERAL_DEBATE_2015 = fs
  .readdirSync(sharedFile('ungdc/2015'))
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => `ungdc/2015/${name}`);

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still waiting after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function committedGeneration(dir: string): number {
  try {
    return Number(peek(path.join(dir, 'paragraphs.sqlite'), `SELECT value FROM meta WHERE key = 'generation'`) ?? 0);
  } catch {
    return 0; // no database yet
  }
}

describe('the write lock', () => {
  it('is not held by a lock file left behind whose PID now belongs to an unrelated live process', async () => {
    const dir = temporaryDir('verbatim-lock-');
    const unrelated = spawn('sleep', ['60']);
    try {
      // What a killed indexer used to leave, once the operating system gave its PID to another process.
      fs.writeFileSync(path.join(dir, 'index.lock'), String(unrelated.pid));
      const indexed = await runCli('src/cli/index-statements.ts', [SEED_FILE, '--index-dir', dir]);
      expect(indexed.stderr).toBe('');
      expect(indexed.code).toBe(0);
      expect(indexed.stdout).toMatch(/files: 1 seen, 1 added/);
    } finally {
      unrelated.kill('SIGKILL');
    }
  });

  it('refuses a second indexer at once, saying what to do, and goes with its holder when that is killed', async () => {
    const dir = temporaryDir('verbatim-lock-');
    const holder = new CliProcess('src/cli/index-statements.ts', [scratchCorpus(GENERAL_DEBATE_2015.slice(0, 40)), '--index-dir', dir]);
    onTestFinished(() => void holder.kill());
    try {
      // Mid-run: batches committed, the saved graph behind the database.
      await until(() => committedGeneration(dir) >= 2, 60_000);

      const second = await runCli('src/cli/index-statements.ts', [SEED_FILE, '--index-dir', dir]);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`error: another indexing run is writing to ${dir}`);
      expect(second.stderr).toContain(`fuser -v ${path.join(dir, 'writer.lock')}`);
      expect(second.stderr).toContain('Wait for it to finish or stop it');
      // Refused before it loaded the model or read the graph: it logged nothing about either.
      expect(second.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      const killed = await holder.kill('SIGKILL');
      expect(killed.signal).toBe('SIGKILL');
    }

    const third = await runCli('src/cli/index-statements.ts', [SEED_FILE, '--index-dir', dir]);
    expect(third.code).toBe(0);
    expect(third.stdout).toMatch(/files: 1 seen, 1 added/);
  });
});
