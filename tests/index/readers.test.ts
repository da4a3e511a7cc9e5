import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openTestArchive } from '../support/archive.js';
import { runCli } from '../support/cli-process.js';
import { scratchCorpus, temporaryDir } from '../support/corpus.js';

const FILES = ['seed/000_129fec8e5b34501d.txt', 'unsc-2020/UNSC_2020_SPV.8699_spch008.txt', 'ungdc/2015/KAZ_70_2015.txt'];
const QUESTION = 'what did Kazakhstan ask the General Assembly?';
const NOBODY = { uid: 65534, gid: 65534 };

let corpus: string;
let indexDir: string;

/** Name, size and modification time of every file in a folder: what a reader must leave as it found it. */
function snapshot(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => !name.endsWith('-shm')) // SQLite's shared memory: readers record in it which snapshot they read
    .sort()
    .map((name) => {
      const stat = fs.statSync(path.join(dir, name));
      return `${name} ${stat.size} ${stat.mtimeMs}`;
    });
}

/** Makes a folder and its files readable by everyone and writable by their owner (root) only. */
function readableByAll(dir: string): void {
  fs.chmodSync(dir, 0o755);
  for (const name of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, name), 0o644);
}

beforeAll(async () => {
  corpus = scratchCorpus(FILES);
  indexDir = temporaryDir('verbatim-readers-');
  const archive = await openTestArchive(indexDir);
  await archive.reindex([corpus]);
  archive.close();
});

describe('a reader', () => {
  it('answers while another process holds a write transaction open, without waiting for it', async () => {
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(process.argv[1]);
         db.exec("BEGIN IMMEDIATE; INSERT INTO meta (key, value) VALUES ('held', 'yes')");
         console.log('holding');
         setInterval(() => {}, 1000);`,
        path.join(indexDir, 'paragraphs.sqlite'),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
      const asked = await runCli('src/cli/ask.ts', [QUESTION, '--json', '--index-dir', indexDir]);
      expect(asked.stderr).not.toMatch(/locked/);
      expect(asked.code).toBe(0);
      expect(JSON.parse(asked.stdout).results[0].text).toContain('Kazakhstan has requested the General Assembly to grant observer status');
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('answers from a folder it may not write (another user owns it) and changes nothing in it', async () => {
    const copy = temporaryDir('verbatim-read-only-');
    fs.cpSync(indexDir, copy, { recursive: true });
    readableByAll(copy);
    const before = snapshot(copy);

    const asked = await runCli('src/cli/ask.ts', [QUESTION, '--json', '--index-dir', copy], { user: NOBODY });
    expect(asked.stderr).toBe('');
    expect(asked.code).toBe(0);
    expect(JSON.parse(asked.stdout).results[0].text).toContain('Kazakhstan has requested the General Assembly to grant observer status');
    expect(snapshot(copy)).toEqual(before);
  });

  it('`npm start` (the terminal chat, as the bot starts) answers from such a folder; `index` says it cannot write there', async () => {
    const copy = temporaryDir('verbatim-read-only-');
    fs.cpSync(indexDir, copy, { recursive: true });
    readableByAll(copy);
    readableByAll(corpus);
    const before = snapshot(copy);

    const chat = await runCli('src/main.ts', [], {
      user: NOBODY,
      env: { INDEX_DIR: copy, CORPUS_DIR: corpus, DISCORD_TOKEN: '' },
      input: `${QUESTION}\n/quit\n`,
    });
    expect(chat.code).toBe(0);
    expect(chat.stdout).toContain('Kazakhstan has requested the General Assembly to grant observer status');
    expect(chat.stderr).toContain('is not writable by this process');
    expect(snapshot(copy)).toEqual(before);

    const indexed = await runCli('src/cli/index-statements.ts', [corpus, '--index-dir', copy], { user: NOBODY });
    expect(indexed.code).toBe(1);
    expect(indexed.stderr).toContain(`error: the index folder ${copy} is not writable by this process`);
  });
});
