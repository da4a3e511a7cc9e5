import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeHoldings, startLine } from '../../src/cli/startup.js';
import { WriterLock } from '../../src/index/writer-lock.js';
import { openTestArchive } from '../support/archive.js';
import { runCli } from '../support/cli-process.js';
import { SEED_FILE, temporaryDir } from '../support/corpus.js';

const QUESTION = 'what did Kazakhstan ask the General Assembly?';
const CICA = 'Kazakhstan has requested the General Assembly to grant observer status';

let seedIndex: string;
let emptyCorpus: string;

beforeAll(async () => {
  seedIndex = temporaryDir('verbatim-start-');
  const archive = await openTestArchive(seedIndex);
  await archive.reindex([SEED_FILE]);
  archive.close();
  emptyCorpus = temporaryDir('verbatim-start-corpus-');
});

/** `npm start` as a person runs it, the settings file `settings` (KEY=value lines) in place of .env. */
function start(args: string[], options: { settings?: string; env?: Record<string, string>; input?: string } = {}) {
  const envFile = path.join(temporaryDir('verbatim-env-'), '.env');
  if (options.settings !== undefined) fs.writeFileSync(envFile, options.settings);
  const env = { ENV_FILE: envFile, CORPUS_DIR: emptyCorpus, ...options.env };
  // What the settings file may set is left out of the environment, unless the test sets it there.
  const unset = ['INDEX_DIR', 'DISCORD_TOKEN', 'DISCORD_API_URL'].filter((key) => !(key in env));
  return runCli('src/main.ts', args, { env, unset, input: options.input ?? '/quit\n' });
}

describe('what `npm start` says it starts', () => {
  it('names the chat, the index and what it holds, and why not the bot', () => {
    expect(describeHoldings({ statements: 11074, years: { first: 1946, last: 2024 } })).toBe('11,074 statements from 1946 to 2024');
    expect(describeHoldings({ statements: 1, years: { first: null, last: null } })).toBe('1 statement, none dated');
    expect(describeHoldings({ statements: 3, years: { first: 2015, last: 2015 } })).toBe('3 statements from 2015');
    const line = startLine({ mode: 'chat', reason: 'no DISCORD_TOKEN' }, '/x/idx', {
      statements: 1,
      paragraphs: 14,
      years: { first: null, last: null },
    });
    expect(line).toBe(
      'Starting the terminal chat over the index in /x/idx (1 statement, none dated). The chat, not the bot: no DISCORD_TOKEN.',
    );
    expect(startLine({ mode: 'bot' }, '/x/idx', { statements: 0, paragraphs: 0, years: { first: null, last: null } })).toMatch(
      /^Starting the Discord bot over the index in \/x\/idx, which is empty: fill it with `npm run index -- PATH --index-dir \/x\/idx`/,
    );
  });
});

describe('`npm start`', () => {
  it('reads INDEX_DIR from the settings file, and says what it starts in one line', async () => {
    const chat = await start([], { settings: `# a comment\nINDEX_DIR=${seedIndex}\n`, input: `${QUESTION}\n/quit\n` });
    expect(chat.code, chat.stderr).toBe(0);
    expect(chat.stdout).toContain(CICA);
    const lines = chat.stderr.split('\n').filter((l) => l.startsWith('Starting '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`the terminal chat over the index in ${seedIndex} (1 statement, none dated)`);
    expect(lines[0]).toContain('no DISCORD_TOKEN in the environment or in');
  });

  it('says there is no settings file when there is none, and where to copy .env.example', async () => {
    const chat = await start(['--index-dir', seedIndex]);
    expect(chat.code, chat.stderr).toBe(0);
    expect(chat.stderr).toMatch(/no DISCORD_TOKEN in the environment, and no \S+\.env \(copy \.env\.example to/);
  });

  it('answers from --index-dir, which wins over INDEX_DIR', async () => {
    const chat = await start(['--index-dir', seedIndex], {
      env: { INDEX_DIR: temporaryDir('verbatim-other-') },
      input: `${QUESTION}\n/quit\n`,
    });
    expect(chat.code, chat.stderr).toBe(0);
    expect(chat.stderr).toContain(`over the index in ${seedIndex} (1 statement`);
    expect(chat.stdout).toContain(CICA);
  });

  it('takes DISCORD_TOKEN from the settings file and starts the bot (here against a server that is not there)', async () => {
    const bot = await start(['--index-dir', seedIndex], {
      settings: 'DISCORD_TOKEN=not-a-real-token\nDISCORD_API_URL=http://127.0.0.1:9/api\n',
    });
    expect(bot.stderr).toContain(`Starting the Discord bot over the index in ${seedIndex} (1 statement, none dated).`);
    expect(bot.stderr).not.toContain('not-a-real-token');
    expect(bot.code).toBe(1);
  });

  it('lets the environment win over the settings file, an empty DISCORD_TOKEN included', async () => {
    const chat = await start(['--index-dir', seedIndex], { settings: 'DISCORD_TOKEN=from-the-file\n', env: { DISCORD_TOKEN: '' } });
    expect(chat.code, chat.stderr).toBe(0);
    expect(chat.stderr).toContain('Starting the terminal chat');
  });

  it('starts and answers while another process indexes its folder, skipping its own start-up indexing and saying so', async () => {
    const lock = WriterLock.take(seedIndex);
    try {
      const chat = await start(['--index-dir', seedIndex], { env: { CORPUS_DIR: path.dirname(SEED_FILE) }, input: `${QUESTION}\n/quit\n` });
      expect(chat.code, chat.stderr).toBe(0);
      expect(chat.stderr).toContain(`Another process is indexing ${seedIndex}, so`);
      expect(chat.stderr).toContain('is not indexed at start-up');
      expect(chat.stdout).toContain(CICA);
    } finally {
      lock.release();
    }
  });

  it('on an empty folder another process is indexing into, says it is being filled rather than how to fill it', async () => {
    const filling = temporaryDir('verbatim-filling-');
    const lock = WriterLock.take(filling);
    try {
      const chat = await start(['--index-dir', filling], { input: `${QUESTION}\n/quit\n` });
      expect(chat.code, chat.stderr).toBe(0);
      expect(chat.stderr).toContain(
        `Starting the terminal chat over the index in ${filling}, which another process is indexing into (empty so far).`,
      );
      expect(chat.stdout).toContain(`The index in ${filling} is still empty: another process is indexing into it`);
      expect(chat.stdout).not.toContain('fill it with');
    } finally {
      lock.release();
    }
  });

  it('on an empty index, says so at start and to every question, with the command that fills it', async () => {
    const empty = temporaryDir('verbatim-empty-');
    const chat = await start(['--index-dir', empty], { input: `${QUESTION}\n/stats\n/quit\n` });
    expect(chat.code, chat.stderr).toBe(0);
    expect(chat.stderr).toContain(
      `over the index in ${empty}, which is empty: fill it with \`npm run index -- PATH --index-dir ${empty}\``,
    );
    expect(chat.stdout).toContain(`The index in ${empty} is empty: fill it with \`npm run index -- PATH --index-dir ${empty}\``);
    expect(chat.stdout).toMatch(/Statements\s+0/);
  });
});
