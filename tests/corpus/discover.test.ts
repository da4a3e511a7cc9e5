import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { statementReader } from '../../src/corpus/reader.js';
import { discoverStatementFiles, isUnreadableFile } from '../../src/corpus/read-statement.js';
import { sharedFile, temporaryDir } from '../support/corpus.js';

describe('finding statement files', () => {
  it('finds the seed statement as an absolute path', () => {
    expect(discoverStatementFiles([sharedFile('seed')])).toEqual({ files: [sharedFile('seed/000_129fec8e5b34501d.txt')], problems: [] });
  });

  it('walks folders recursively, keeps .txt files only, skips READMEs and sorts', () => {
    const root = temporaryDir();
    const nested = path.join(root, 'Session 62 - 2007');
    fs.mkdirSync(nested);
    fs.copyFileSync(sharedFile('ungdc/2007/KAZ_62_2007.txt'), path.join(nested, 'KAZ_62_2007.txt'));
    fs.copyFileSync(sharedFile('seed/000_129fec8e5b34501d.txt'), path.join(root, '000_129fec8e5b34501d.txt'));
    fs.copyFileSync(sharedFile('README.md'), path.join(root, 'README.txt'));
    fs.copyFileSync(sharedFile('ungdc/speakers.csv'), path.join(root, 'speakers.csv'));
    expect(discoverStatementFiles([root])).toEqual({
      files: [path.join(root, '000_129fec8e5b34501d.txt'), path.join(nested, 'KAZ_62_2007.txt')],
      problems: [],
    });
  });

  it('reports a named pipe and a link to /dev/zero as skipped, and still finds the statements beside them', () => {
    const root = temporaryDir();
    fs.copyFileSync(sharedFile('seed/000_129fec8e5b34501d.txt'), path.join(root, '000_129fec8e5b34501d.txt'));
    execFileSync('mkfifo', [path.join(root, 'pipe.txt')]);
    fs.symlinkSync('/dev/zero', path.join(root, 'zero.txt'));
    const found = discoverStatementFiles([root]);
    expect(found.files).toEqual([path.join(root, '000_129fec8e5b34501d.txt')]);
    expect(found.problems.map((p) => path.basename(p.path)).sort()).toEqual(['pipe.txt', 'zero.txt']);
    for (const problem of found.problems) expect(problem.reason).toMatch(/not a regular file/);
  });

  it('follows symbolic links to statement folders, without going round a link back up the tree', () => {
    const root = temporaryDir();
    fs.symlinkSync(sharedFile('seed'), path.join(root, 'seed'));
    fs.symlinkSync(root, path.join(root, 'loop'));
    expect(discoverStatementFiles([root])).toEqual({ files: [path.join(root, 'seed', '000_129fec8e5b34501d.txt')], problems: [] });
  });

  it('names a link whose target is gone, as the seed is in a clone without the shared corpus beside it', () => {
    const root = temporaryDir();
    const gone = path.join(temporaryDir(), 'shared', 'corpus', 'seed', '000_129fec8e5b34501d.txt');
    fs.symlinkSync(gone, path.join(root, '000_129fec8e5b34501d.txt'));
    const { files, problems } = discoverStatementFiles([root]);
    expect(files).toEqual([]);
    expect(problems).toEqual([{ path: path.join(root, '000_129fec8e5b34501d.txt'), reason: `a link to ${gone}, which does not exist` }]);
  });

  it('reports a missing root as a problem and still reads the others', () => {
    const missing = path.join(temporaryDir(), 'not-there');
    const { files, problems } = discoverStatementFiles([missing, sharedFile('unsc-2020')]);
    expect(problems).toEqual([{ path: missing, reason: 'no such file or folder' }]);
    expect(files).toHaveLength(121);
    expect(files).toEqual([...files].sort());
  });

  it('lists a binary .txt file so that reading it can say what is wrong with it', () => {
    const { files } = discoverStatementFiles([sharedFile('ungdc/1992')]);
    const binary = sharedFile('ungdc/1992/.DS_Store-to-UTF-8.txt');
    expect(files).toContain(binary);
    const read = statementReader().read(binary);
    expect(isUnreadableFile(read) && read.reason).toBe('binary file (contains NUL bytes)');
  });
});

describe('the reader the indexer uses', () => {
  it('loads speakers.csv once and reads statements with it', () => {
    const reader = statementReader({ speakersCsv: sharedFile('ungdc/speakers.csv') });
    const statement = reader.read(sharedFile('ungdc/2007/KAZ_62_2007.txt'));
    expect(isUnreadableFile(statement) ? statement.reason : statement.meta.speaker).toBe('Nursultan A. Nazarbayev');
    const philippines = reader.read(sharedFile('unsc-2020/UNSC_2020_SPV.8699_spch086.txt'));
    const opening = isUnreadableFile(philippines) ? '' : philippines.paragraphs[0]!.text;
    expect(reader.organizationNames(opening)).toContainEqual({ acronym: 'ASEAN', name: 'Association of Southeast Asian Nations' });
    expect(reader.rulesVersion).toBeGreaterThan(0);
  });

  it('refuses to start with a speakers.csv path that does not exist', () => {
    expect(() => statementReader({ speakersCsv: path.join(temporaryDir(), 'speakers.csv') })).toThrow(/speakers\.csv/);
  });
});
