import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTestArchive } from '../support/archive.js';
import { runCli } from '../support/cli-process.js';
import { scratchCorpus, temporaryDir } from '../support/corpus.js';
import { checkpoint, noise, overwrite, rootPageOf } from '../support/damage.js';

const FILES = ['seed/000_129fec8e5b34501d.txt', 'unsc-2020/UNSC_2020_SPV.8699_spch008.txt', 'ungdc/2015/KAZ_70_2015.txt'];
const QUESTION = 'what did Kazakhstan ask the General Assembly?';

describe('a damaged database', () => {
  it('is refused by `index` and `ask` with the file and the command that rebuilds it; `--check` reports it; `--rebuild` repairs it', async () => {
    const corpus = scratchCorpus(FILES);
    const dir = temporaryDir('verbatim-damaged-database-');
    const archive = await openTestArchive(dir);
    await archive.reindex([corpus]);
    archive.close();
    const database = path.join(dir, 'paragraphs.sqlite');
    checkpoint(database);
    // Random bytes over the vectors table's root page, as a bad sector or a stray write would leave them.
    const { page, pageSize } = rootPageOf(database, 'vectors');
    overwrite(database, (page - 1) * pageSize, noise(pageSize));

    const indexed = await runCli('src/cli/index-statements.ts', [corpus, '--index-dir', dir]);
    expect(indexed.code).toBe(1);
    expect(indexed.stderr).toContain(`error: the index database ${database} is damaged`);
    expect(indexed.stderr).toContain(`npm run index -- --rebuild --index-dir ${dir}`);

    const checked = await runCli('src/cli/index-statements.ts', ['--check', '--index-dir', dir]);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(new RegExp(`^database +PROBLEM +${database}: `, 'm'));
    expect(checked.stdout).toMatch(/^ +fix: +npm run index -- --rebuild --index-dir /m);

    const asked = await runCli('src/cli/ask.ts', [QUESTION, '--index-dir', dir]);
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain(dir);
    expect(asked.stderr).toMatch(/damaged/);
    expect(asked.stderr).toContain('npm run index -- --');

    const rebuilt = await runCli('src/cli/index-statements.ts', [corpus, '--rebuild', '--index-dir', dir]);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(/files: 3 seen, 3 added/);
    expect(fs.readdirSync(dir).filter((name) => name.startsWith('paragraphs.sqlite.damaged-'))).not.toEqual([]);

    const rechecked = await runCli('src/cli/index-statements.ts', ['--check', '--index-dir', dir]);
    expect(rechecked.code).toBe(0);
    expect(rechecked.stdout).toMatch(/^database +ok /m);
    expect(rechecked.stdout).toMatch(/^model +ok /m);
    expect(rechecked.stdout).toMatch(/^graph +ok .*level with the database/m);

    const answered = await runCli('src/cli/ask.ts', [QUESTION, '--json', '--index-dir', dir]);
    expect(answered.code).toBe(0);
    expect(JSON.parse(answered.stdout).results[0].text).toContain('Kazakhstan has requested the General Assembly to grant observer status');
  });
});
