import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_FILE, temporaryDir } from '../support/corpus.js';

const tsx = (script: string, args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.resolve('src/cli', script), ...args], { encoding: 'utf8' });

describe('the command-line contract', () => {
  it('indexes files into --index-dir, then `ask --json` prints exactly one JSON object with the documented fields', () => {
    const indexDir = temporaryDir('verbatim-cli-');
    const indexed = tsx('index-statements.ts', [SEED_FILE, '--index-dir', indexDir]);
    expect(indexed.status).toBe(0);
    expect(indexed.stdout).toMatch(/files: 1 seen, 1 added/);

    const asked = tsx('ask.ts', ['what did Kazakhstan ask the General Assembly?', '--json', '--k', '3', '--index-dir', indexDir]);
    expect(asked.status).toBe(0);
    const output = JSON.parse(asked.stdout);
    expect(Object.keys(output)).toEqual(['question', 'results']);
    expect(output.results).toHaveLength(3);
    const [first] = output.results;
    expect(Object.keys(first)).toEqual([
      'rank', 'score', 'text', 'source', 'paragraph', 'country', 'countryName', 'speaker', 'body', 'year', 'meeting', 'organizations',
    ]);
    expect(first).toMatchObject({ rank: 1, source: SEED_FILE, country: 'KAZ', countryName: 'Kazakhstan', speaker: 'Mrs. Aitimova', organizations: ['CICA'] });
    expect(first.text).toContain('Kazakhstan has requested the General Assembly to grant observer status to the Conference on Interaction');
  });

  it('refuses an empty question and an unknown flag with a message and a non-zero exit', () => {
    const empty = tsx('ask.ts', ['  ']);
    expect(empty.status).not.toBe(0);
    expect(empty.stderr).toContain('the question is empty');
    const k = tsx('ask.ts', ['peace', '--k', 'many']);
    expect(k.status).not.toBe(0);
    expect(k.stderr).toMatch(/--k/);
  });
});
