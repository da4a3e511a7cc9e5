import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEED_FILE, temporaryDir } from '../support/corpus.js';

/** Runs a command-line tool; INDEX_DIR, when given, is the index it opens without `--index-dir`. */
const tsx = (script: string, args: string[], indexDir?: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.resolve('src/cli', script), ...args], {
    encoding: 'utf8',
    env: indexDir ? { ...process.env, INDEX_DIR: indexDir } : process.env,
  });

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
      'rank',
      'score',
      'text',
      'source',
      'paragraph',
      'country',
      'countryName',
      'speaker',
      'body',
      'year',
      'meeting',
      'organizations',
    ]);
    expect(first).toMatchObject({
      rank: 1,
      source: SEED_FILE,
      country: 'KAZ',
      countryName: 'Kazakhstan',
      speaker: 'Mrs. Aitimova',
      organizations: ['CICA'],
    });
    expect(first.text).toContain('Kazakhstan has requested the General Assembly to grant observer status to the Conference on Interaction');
  });

  it('refuses an empty question and an unknown flag with a message and a non-zero exit', () => {
    const empty = tsx('ask.ts', ['  ']);
    expect(empty.status).not.toBe(0);
    expect(empty.stderr).toContain('Please type a question');
    const k = tsx('ask.ts', ['peace', '--k', 'many']);
    expect(k.status).not.toBe(0);
    expect(k.stderr).toMatch(/--k/);
  });
});

let seedIndexDir: string | undefined;
/** An index of the seed statement, made once for the tests that only ask. */
function seedIndex(): string {
  if (!seedIndexDir) {
    seedIndexDir = temporaryDir('verbatim-cli-seed-');
    expect(tsx('index-statements.ts', [SEED_FILE, '--index-dir', seedIndexDir]).status).toBe(0);
  }
  return seedIndexDir;
}

describe('questions that look like options', () => {
  const KAZAKH_QUESTION = 'what did Kazakhstan ask the General Assembly?';
  const CICA_PARAGRAPH = 'Kazakhstan has requested the General Assembly to grant observer status to the Conference on Interaction';
  let indexDir: string;

  beforeAll(() => {
    indexDir = seedIndex();
  });

  it('takes a lone argument that names no option as the question, dash and all', () => {
    const asked = tsx('ask.ts', [`- ${KAZAKH_QUESTION}`], indexDir);
    expect(asked.stderr).toBe('');
    expect(asked.status).toBe(0);
    expect(asked.stdout).toContain('Filters: Kazakhstan');
    expect(asked.stdout).toContain(CICA_PARAGRAPH);
    expect(tsx('ask.ts', ['-x peace'], indexDir).status).toBe(0);
  });

  it('takes the question after --, even one spelled like an option', () => {
    for (const question of ['-x peace', '--help', '--json']) {
      const asked = tsx('ask.ts', ['--json', '--k', '2', '--', question], indexDir);
      expect(asked.status, `${asked.stderr} signal=${asked.signal} error=${asked.error}`).toBe(0);
      expect(JSON.parse(asked.stdout).question).toBe(question);
    }
  });

  it('still reads a lone option as the option', () => {
    const help = tsx('ask.ts', ['--help'], indexDir);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: ask \[options\] <question>/);
  });

  it('says where the question goes when a dashed one sits among options, or none is given', () => {
    const among = tsx('ask.ts', ['-x peace', '--json'], indexDir);
    expect(among.status).not.toBe(0);
    expect(among.stderr).toContain("unknown option '-x peace'");
    expect(among.stderr).toContain('goes after "--", as in: npm run ask -- --json -- "-x peace"');
    const missing = tsx('ask.ts', ['--json'], indexDir);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain("missing required argument 'question'");
    expect(missing.stderr).toContain('goes after "--"');
    const optionsAfter = tsx('ask.ts', ['--', '-x peace', '--json'], indexDir);
    expect(optionsAfter.status).not.toBe(0);
    expect(optionsAfter.stderr).toContain('too many arguments');
    expect(optionsAfter.stderr).toContain('Put the question in quotes, after the options');
  });
});

describe('zero-width characters in a question', () => {
  it('refuses a question made only of them as empty, before opening any index', () => {
    const indexDir = temporaryDir('verbatim-cli-invisible-');
    const asked = tsx('ask.ts', ['\u200B\u2060\uFEFF'], indexDir);
    expect(asked.status).not.toBe(0);
    expect(asked.stderr).toContain('Please type a question');
    expect(readdirSync(indexDir)).toEqual([]);
  });

  it('reads a country name with one inside it', () => {
    const asked = tsx('ask.ts', ['what did Kaza\u200Bkhstan ask the General Assembly?', '--json'], seedIndex());
    expect(asked.status, asked.stderr).toBe(0);
    const output = JSON.parse(asked.stdout);
    expect(output.question).toBe('what did Kazakhstan ask the General Assembly?');
    expect(output.results[0]).toMatchObject({ country: 'KAZ', source: SEED_FILE });
  });
});
