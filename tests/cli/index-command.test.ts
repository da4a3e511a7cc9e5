import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nothingReadProblem, withIndexDir } from '../../src/cli/index-outcome.js';
import { emptyReport } from '../../src/index/indexer.js';
import { runCli } from '../support/cli-process.js';
import { SEED_FILE, temporaryDir } from '../support/corpus.js';

const index = (args: string[]) => runCli('src/cli/index-statements.ts', args);

/** How many times a text occurs in another. */
const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('`npm run index` refusals', () => {
  it('names an --index-dir that is a file, or a folder that cannot be made, before it loads anything', async () => {
    const dir = temporaryDir('verbatim-index-file-');
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, 'not an index');
    const onFile = await index([SEED_FILE, '--index-dir', file]);
    expect(onFile.code).toBe(1);
    expect(onFile.stderr).toBe(
      `error: ${file} is a file, not an index folder: give --index-dir (or INDEX_DIR) a folder, new or made by \`npm run index\`\n`,
    );
    const under = path.join(file, 'index');
    const unmade = await index([SEED_FILE, '--index-dir', under]);
    expect(unmade.code).toBe(1);
    expect(unmade.stderr).toBe(
      `error: cannot create the index folder ${under} (ENOTDIR): give --index-dir (or INDEX_DIR) a folder this user may write\n`,
    );
    expect(fs.readFileSync(file, 'utf8')).toBe('not an index');
  });

  it('exits 1 on a path that does not exist, before it loads anything, and indexes nothing', async () => {
    const dir = temporaryDir('verbatim-index-missing-');
    const missing = path.join(dir, 'UNGDC_1946-2024');
    const run = await index([SEED_FILE, missing, '--index-dir', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error: ${missing} does not exist (no such file or folder); nothing was indexed\n`);
    expect(run.stdout).toBe('');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('exits 1 when every file was refused, naming each refusal once', async () => {
    const corpus = temporaryDir('verbatim-index-refused-');
    fs.writeFileSync(path.join(corpus, 'empty.txt'), '');
    fs.writeFileSync(path.join(corpus, 'binary.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]));
    const run = await index([corpus, '--index-dir', temporaryDir('verbatim-index-dir-')]);
    expect(run.code).toBe(1);
    const output = run.stdout + run.stderr;
    for (const name of ['empty.txt', 'binary.txt']) expect(occurrences(output, path.join(corpus, name)), output).toBe(1);
    expect(run.stdout).toMatch(/0 added.*2 skipped/);
    expect(run.stderr).toContain(`error: nothing could be read from ${corpus}: every file was skipped, each for the reason above`);
  });

  it('exits 1 on a folder without statement files, and 0 when some file was read beside a refused one', async () => {
    const nothing = temporaryDir('verbatim-index-nothing-');
    fs.writeFileSync(path.join(nothing, 'UNGDC.zip'), 'PK');
    const none = await index([nothing, '--index-dir', temporaryDir('verbatim-index-dir-')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(`error: no statement files (.txt) under ${nothing}: nothing to index`);

    const corpus = temporaryDir('verbatim-index-mixed-');
    fs.copyFileSync(SEED_FILE, path.join(corpus, path.basename(SEED_FILE)));
    fs.writeFileSync(path.join(corpus, 'empty.txt'), '');
    const mixed = await index([corpus, '--index-dir', temporaryDir('verbatim-index-dir-')]);
    expect(mixed.code, mixed.stderr).toBe(0);
    expect(occurrences(mixed.stdout + mixed.stderr, path.join(corpus, 'empty.txt'))).toBe(1);
  });

  it("`--check` names the user's --index-dir in the fix it suggests", async () => {
    const dir = temporaryDir('verbatim-index-check-');
    const run = await index(['--check', '--index-dir', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('there is no index here');
    expect(run.stdout).toMatch(new RegExp(`fix:\\s+npm run index -- --index-dir ${dir}$`, 'm'));
  });

  it('puts the folder into remedies that lack it, and leaves the others', () => {
    expect(withIndexDir('npm run index', 'idx')).toBe('npm run index -- --index-dir idx');
    expect(withIndexDir('npm run index (embeds every paragraph again with m), or set MODEL', 'my idx')).toBe(
      "npm run index -- --index-dir 'my idx' (embeds every paragraph again with m), or set MODEL",
    );
    expect(withIndexDir('npm run index -- corpus', 'idx')).toBe('npm run index -- --index-dir idx corpus');
    const rebuild = 'npm run index -- --rebuild --index-dir idx [the statement folders it holds]';
    expect(withIndexDir(rebuild, 'idx')).toBe(rebuild);
    expect(withIndexDir('npm run index', undefined)).toBe('npm run index');
  });

  it('counts a run that only removed statements as done', () => {
    expect(nothingReadProblem({ ...emptyReport(), filesRemoved: 2 }, ['corpus'])).toBeNull();
    expect(nothingReadProblem({ ...emptyReport(), filesUnchanged: 5 }, ['corpus'])).toBeNull();
  });
});
