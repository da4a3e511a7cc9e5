import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isUnreadableFile, readStatement } from '../../src/corpus/read-statement.js';
import { SEED_FILE, temporaryDir } from '../support/corpus.js';

const tsx = (script: string, args: string[], input?: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.resolve('src/cli', script), ...args], {
    encoding: 'utf8',
    ...(input ? { input } : {}),
  });

/** The seed statement's third paragraph (Kazakhstan in the Security Council), as its file gives it. */
function seedParagraph(): string {
  const statement = readStatement(SEED_FILE);
  if (isUnreadableFile(statement)) throw new Error(statement.reason);
  return statement.paragraphs[2]!.text;
}

let indexDir: string;
beforeAll(() => {
  indexDir = temporaryDir('verbatim-cli-source-');
  expect(tsx('index-statements.ts', [SEED_FILE, '--index-dir', indexDir]).status).toBe(0);
});

describe('npm run source', () => {
  it('prints one JSON object per quote with the documented fields, the span marking the quoted words in the paragraph', () => {
    const quote = 'the Security Council should encourage cooperation between the United Nations and regional arrangements';
    const result = tsx('source.ts', [`As Nigeria put it: "${quote}"`, '--json', '--index-dir', indexDir]);
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(Object.keys(output)).toEqual(['text', 'verdict', 'matches', 'attribution']);
    expect(output.verdict).toBe('verbatim');
    const [match] = output.matches;
    expect(Object.keys(match)).toEqual([
      'source',
      'paragraph',
      'country',
      'year',
      'body',
      'speaker',
      'meeting',
      'url',
      'text',
      'span',
      'differences',
    ]);
    expect(match).toMatchObject({
      source: SEED_FILE,
      paragraph: 3,
      country: 'KAZ',
      speaker: 'Mrs. Aitimova',
      text: seedParagraph(),
      differences: [],
    });
    expect(match.text.slice(...match.span)).toBe(quote);
    expect(output.attribution).toEqual({ claimed: 'NGA', matches: false });
  });

  it('with no quote, checks each line of standard input and answers each on its own line', () => {
    const misquote = 'the Security Council should encourage competition between the United Nations and global arrangements';
    const result = tsx('source.ts', ['--index-dir', indexDir], `${misquote}\n\npeace and security\n`);
    expect(result.status).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0].verdict).toBe('close');
    expect(lines[0].matches[0].differences).toEqual([
      { kind: 'changed', quote: 'competition', source: 'cooperation' },
      { kind: 'changed', quote: 'global', source: 'regional' },
    ]);
    expect(lines[1]).toEqual({
      text: 'peace and security',
      refusal: 'Please give at least 4 words of the quote: fewer cannot tell one statement from another.',
    });
  });
});
