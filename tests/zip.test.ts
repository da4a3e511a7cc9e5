import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unpackedRoots } from '../src/cli/index-outcome.js';
import { sharedFile, temporaryDir } from './support/corpus.js';
import { writeZip } from './support/zip.js';

/** A corpus download as a zip: two real General Debate statements, the speakers table, and a file that is no statement. */
function downloadedZip(entries = ['ungdc/2015/KAZ_70_2015.txt', 'ungdc/2015/FRA_70_2015.txt', 'ungdc/speakers.csv']): string {
  const file = path.join(temporaryDir('verbatim-zip-'), 'UNGDC.zip');
  writeZip(file, [
    ...entries.map((name) => ({ name, bytes: fs.readFileSync(sharedFile(name)) })),
    { name: 'ungdc/README.pdf', bytes: Buffer.from('%PDF-1.4') },
  ]);
  return file;
}

describe('a corpus download given as a zip', () => {
  it('is unpacked once beside it, its statements and speakers table byte for byte, and indexed from there', async () => {
    const zip = downloadedZip();
    const said: string[] = [];
    const [root] = await unpackedRoots([zip], (line) => said.push(line));
    expect(root).toBe(zip.replace(/\.zip$/, ''));
    for (const name of ['ungdc/2015/KAZ_70_2015.txt', 'ungdc/2015/FRA_70_2015.txt', 'ungdc/speakers.csv']) {
      expect(fs.readFileSync(path.join(root!, name)).equals(fs.readFileSync(sharedFile(name)))).toBe(true);
    }
    expect(fs.existsSync(path.join(root!, 'ungdc', 'README.pdf'))).toBe(false);
    expect(said).toEqual([expect.stringMatching(/UNGDC\.zip: statements unpacked into .*UNGDC$/)]);

    fs.rmSync(path.join(root!, 'ungdc', 'speakers.csv'));
    await unpackedRoots([zip], () => undefined);
    expect(fs.existsSync(path.join(root!, 'ungdc', 'speakers.csv'))).toBe(false);
  });

  it('leaves folders and statement files as they are', async () => {
    const folder = sharedFile('ungdc/2015');
    expect(await unpackedRoots([folder], () => undefined)).toEqual([folder]);
  });

  it('refuses an entry that would be written outside its folder, naming the zip', async () => {
    const file = path.join(temporaryDir('verbatim-zip-'), 'evil.zip');
    writeZip(file, [{ name: '../escaped.txt', bytes: Buffer.from('x') }]);
    await expect(unpackedRoots([file], () => undefined)).rejects.toThrow(/^evil\.zip: .*\.\.\/escaped\.txt/);
    expect(fs.existsSync(path.join(path.dirname(file), 'escaped.txt'))).toBe(false);
  });
});
