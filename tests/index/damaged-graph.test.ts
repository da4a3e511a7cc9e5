import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openTestArchive } from '../support/archive.js';
import { runCli } from '../support/cli-process.js';
import { scratchCorpus, sharedFolderFiles, temporaryDir } from '../support/corpus.js';
import { noise, overwrite } from '../support/damage.js';

// About 300 paragraphs: fewer than the graph's search list (efSearch), so a sound graph answers exactly and
// any graph answers the same as a rebuilt one.
const FILES = ['seed/000_129fec8e5b34501d.txt', ...sharedFolderFiles('unsc-2020').slice(0, 80)];
const QUESTION = 'did Estonia say anything about the missile attacks on bases in Iraq?';

interface Manifest {
  graphFile: string;
  graphBytes: number;
  graphSha256: string;
}

let reference: string;
let corpus: string;

function copyOfReference(): { dir: string; graph: string } {
  const dir = temporaryDir('verbatim-damaged-graph-');
  fs.cpSync(reference, dir, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  return { dir, graph: path.join(dir, manifest.graphFile) };
}

async function ask(dir: string) {
  const result = await runCli('src/cli/ask.ts', [QUESTION, '--json', '--k', '5', '--index-dir', dir]);
  const answers = result.code === 0 ? (JSON.parse(result.stdout) as { results: { source: string; paragraph: number }[] }).results : [];
  return { ...result, top5: answers.map((a) => `${path.basename(a.source)} ¶${a.paragraph}`) };
}

/** hnswlib's file: a 96-byte header, then one block per element that starts with its level-0 link list. */
function damageLinkLists(graph: string, elements: number): void {
  const header = fs.readFileSync(graph).subarray(0, 96);
  const bytesPerElement = Number(header.readBigUInt64LE(24));
  const linksPerElement = Number(header.readBigUInt64LE(64));
  for (let i = 0; i < elements; i++) overwrite(graph, 96 + i * bytesPerElement + 4, noise(linksPerElement * 4, i + 1));
}

describe('a damaged saved graph', () => {
  let expected: string[];

  beforeAll(async () => {
    corpus = scratchCorpus(FILES);
    reference = temporaryDir('verbatim-graph-reference-');
    const archive = await openTestArchive(reference);
    await archive.reindex([corpus]);
    archive.close();
    const sound = await ask(reference);
    expect(sound.code).toBe(0);
    expect(sound.stderr).toBe('');
    expected = sound.top5;
    expect(expected).toHaveLength(5);
  });

  const damages: [string, (graph: string) => void][] = [
    ['4 KB of random bytes in the middle', (graph) => overwrite(graph, Math.floor(fs.statSync(graph).size / 2), noise(4096))],
    [
      'its last 20% overwritten',
      (graph) => {
        const size = fs.statSync(graph).size;
        overwrite(graph, Math.floor(size * 0.8), noise(size - Math.floor(size * 0.8)));
      },
    ],
    ['the link lists of its first 50 elements damaged', (graph) => damageLinkLists(graph, 50)],
  ];

  it.each(damages)('with %s: `ask` gives the sound answers, and one log line names the file', async (_, damage) => {
    const { dir, graph } = copyOfReference();
    damage(graph);
    const asked = await ask(dir);
    expect(asked.signal).toBeNull();
    expect(asked.code).toBe(0);
    expect(asked.top5).toEqual(expected);
    const lines = asked.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(graph);
    expect(lines[0]).toContain('checksum differs from the manifest');
  });

  it('a graph the graph library rejects (its manifest agreeing) neither blocks `ask` nor `index`, and `index` saves a sound one', async () => {
    // A graph written broken, as by another hnswlib version: the manifest's size and checksum describe the bytes.
    const { dir, graph } = copyOfReference();
    fs.truncateSync(graph, Math.floor(fs.statSync(graph).size / 2));
    const manifestFile = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
    manifest.graphBytes = fs.statSync(graph).size;
    manifest.graphSha256 = createHash('sha256').update(fs.readFileSync(graph)).digest('hex');
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));

    const asked = await ask(dir);
    expect(asked.code).toBe(0);
    expect(asked.top5).toEqual(expected);
    expect(asked.stderr).toContain(graph);
    expect(asked.stderr).toContain('the graph library rejected it');

    const indexed = await runCli('src/cli/index-statements.ts', [corpus, '--index-dir', dir]);
    expect(indexed.code).toBe(0);
    expect(indexed.stdout).toMatch(/0 added, 0 changed, \d+ unchanged/);
    const again = await ask(dir);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
    expect(again.top5).toEqual(expected);
  });
});
