import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexProgress, IndexReport } from '../../src/index/indexer.js';
import { sharedFile } from '../support/corpus.js';
import { emptyReport, SEED_FILE } from '../support/discord/fake-archive.js';
import { on, sleep, startHarness, type Harness } from '../support/discord/harness.js';
import {
  attachmentOption,
  makeUser,
  PERMISSIONS,
  slashCommand,
  str,
  sub,
  type Actor,
  type AttachmentFixture,
} from '../support/discord/payloads.js';
import { snowflake } from '../support/discord/snowflake.js';
import { openTestArchive } from './test-archive.js';

let h: Harness;
let roleId: string;
beforeAll(async () => {
  h = await startHarness({ archive: await openTestArchive() });
  // A moderator role created while the bot runs; its id goes into the configuration.
  roleId = h.server.addRole(h.guild, 'Archivists');
  h.config.MODERATOR_ROLE_ID = roleId;
});
afterAll(async () => {
  await h?.stop();
});

const member = (): Actor => ({ user: makeUser('member'), permissions: PERMISSIONS.member });
const admin = (): Actor => ({ user: makeUser('admin'), permissions: PERMISSIONS.member | PERMISSIONS.manageGuild });
const archivist = (): Actor => ({ user: makeUser('archivist'), permissions: PERMISSIONS.member, roles: [roleId] });

function command(actor: Actor, name: string, options: Parameters<typeof slashCommand>[4] = [], attachments?: AttachmentFixture[]) {
  return h.server.sendInteraction(slashCommand(h.server, h.guild, actor, name, options, attachments ? { attachments } : {}));
}

describe('/reindex', () => {
  it('is refused privately to a non-moderator, and nothing runs', async () => {
    const token = command(member(), 'reindex');
    const reply = await h.server.waitForRequest(on.callback(token));
    expect(reply.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(reply.body.data.content).toMatch(/^Only moderators can do this/);
    expect(h.archive.callsTo('reindex')).toHaveLength(0);
    expect(h.logs.some((l) => l.event === 'refused' && l.command === 'reindex')).toBe(true);
  });

  it('edits progress into the reply (throttled), answers questions meanwhile, and reports', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let progress!: (p: IndexProgress) => void;
    h.archive.onReindex = async (_roots, onProgress) => {
      progress = onProgress!;
      for (let i = 1; i <= 20; i++)
        onProgress!({ filesDone: i, filesTotal: 100, paragraphsEmbedded: i * 30, paragraphsPerSecond: 120, etaSeconds: 100 - i });
      await held;
      return {
        ...emptyReport(100),
        filesAdded: 2,
        paragraphsAdded: 61,
        unreadable: [{ path: '/x/corpus/bad.txt', reason: 'not text' }],
      } satisfies IndexReport;
    };
    try {
      const token = command(admin(), 'reindex');
      expect((await h.server.waitForRequest(on.callback(token))).body.type).toBe(5);
      await h.server.waitForRequest((r) => on.editOriginal(token)(r) && /20 of 100 files/.test(r.body.content));

      // Questions are still answered while the reindex runs.
      const ask = command(member(), 'ask', [str('question', 'What did Kazakhstan say about CICA?')]);
      expect((await h.server.waitForRequest(on.editOriginal(ask))).body.embeds.length).toBeGreaterThan(0);

      // One reindex at a time.
      const again = command(admin(), 'reindex');
      expect((await h.server.waitForRequest(on.callback(again))).body.data.content).toMatch(/^A reindex is already running/);
      progress({ filesDone: 99, filesTotal: 100, paragraphsEmbedded: 2970, paragraphsPerSecond: 120, etaSeconds: 1 });
      await h.server.waitForRequest((r) => on.editOriginal(token)(r) && /99 of 100 files/.test(r.body.content));
      release();
      const done = await h.server.waitForRequest((r) => on.editOriginal(token)(r) && r.body.content.startsWith('Reindex done'));
      expect(done.body.content).toContain('2 added');
      expect(done.body.content).toContain('bad.txt: not text');
      expect(done.body.content).not.toContain('/x/corpus');
      // 22 progress updates came in; the edits were throttled to the interval (50 ms in tests).
      const edits = h.server.callsFor(token).filter((r) => r.method === 'PATCH');
      expect(edits.length).toBeLessThan(8);
      expect(h.archive.callsTo('reindex')[0]!.args).toEqual([[h.config.CORPUS_DIR]]);
    } finally {
      h.archive.onReindex = null;
      release();
    }
  });

  it('lets the moderator role run it too, and reports a failure without details', async () => {
    h.archive.onReindex = async () => {
      throw new Error('disk full at /secret/path');
    };
    try {
      const token = command(archivist(), 'reindex');
      const last = await h.server.waitForRequest((r) => on.editOriginal(token)(r) && r.body.content.startsWith('Reindex failed'));
      expect(last.body.content).not.toContain('/secret/path');
      expect(h.logs.some((l) => l.msg === 'reindex failed' && String(l.message).includes('disk full'))).toBe(true);
    } finally {
      h.archive.onReindex = null;
    }
  });
});

const seedBytes = fs.readFileSync(SEED_FILE);

function upload(name: string, bytes: Buffer, size = bytes.length, contentType = 'text/plain; charset=utf-8'): AttachmentFixture {
  const url = h.server.serveFile(name, bytes, contentType);
  return { id: snowflake(), filename: name, size, url, proxy_url: url, content_type: contentType };
}

function add(actor: Actor, file: AttachmentFixture, extra: ReturnType<typeof str>[] = []) {
  return command(actor, 'statement', [sub('add', [attachmentOption('file', file.id), ...extra])], [file]);
}

async function removeAdded(name: string): Promise<void> {
  await h.server.waitForRequest(on.editOriginal(command(admin(), 'statement', [sub('remove', [str('file', name)])])));
}

const added = () => path.join(h.corpusDir, 'added');

describe('/statement', () => {
  it('is refused to a non-moderator, and nothing is downloaded or saved', async () => {
    const token = add(member(), upload('aitimova.txt', seedBytes));
    const reply = await h.server.waitForRequest(on.callback(token));
    expect(reply.body.data.content).toMatch(/^Only moderators can do this/);
    expect(fs.existsSync(added())).toBe(false);
    expect(h.archive.callsTo('addStatement')).toHaveLength(0);
  });

  it('downloads the attachment, saves it under corpus/added/, indexes it and says how many paragraphs', async () => {
    const before = h.archive.stats().paragraphs;
    const token = add(admin(), upload('Aitimova Security Council.txt', seedBytes), [
      str('country', 'KAZ'),
      str('speaker', 'Mrs. Aitimova'),
      str('body', 'Security Council'),
    ]);
    expect((await h.server.waitForRequest(on.callback(token))).body).toEqual({ type: 5, data: { flags: 64 } });
    const reply = await h.server.waitForRequest(on.editOriginal(token));
    const saved = path.join(added(), 'Aitimova_Security_Council.txt');
    const paragraphs = h.archive.stats().paragraphs - before;
    expect(paragraphs).toBeGreaterThan(5);
    expect(reply.body.content.split('\n')).toEqual([
      `Added Aitimova\\_Security\\_Council.txt: ${paragraphs} paragraphs indexed.`,
      'Cited as “Kazakhstan · Mrs. Aitimova · Security Council · ¶1”.',
      'Not recognised: year. To state it, remove the statement with `/statement remove` and add it again with the `date` option.',
    ]);
    expect(fs.readFileSync(saved).equals(seedBytes)).toBe(true);
    expect(fs.readdirSync(added())).toEqual(['Aitimova_Security_Council.txt']);
    expect(h.archive.callsTo('addStatement')[0]!.args).toEqual([
      saved,
      { country: 'KAZ', speaker: 'Mrs. Aitimova', body: 'Security Council' },
    ]);
  });

  it('offers any UN member as the country of a new statement, indexed or not', async () => {
    const token = h.server.sendInteraction({
      ...slashCommand(h.server, h.guild, admin(), 'statement', [sub('add', [str('country', 'Viet Nam', true)])]),
      type: 4,
    });
    const choices = (await h.server.waitForRequest(on.callback(token))).body.data.choices;
    expect(choices[0]).toEqual({ name: 'Viet Nam (VNM) · not indexed yet', value: 'VNM' });
  });

  it('refuses the same file name twice', async () => {
    const token = add(admin(), upload('Aitimova Security Council.txt', seedBytes));
    const reply = await h.server.waitForRequest(on.editOriginal(token));
    expect(reply.body.content).toMatch(/^Not added: A statement called Aitimova_Security_Council\.txt was already added/);
  });

  it('removes an added statement, with autocomplete of added files for moderators only', async () => {
    const ac = (actor: Actor) =>
      h.server.sendInteraction({
        ...slashCommand(h.server, h.guild, actor, 'statement', [sub('remove', [str('file', 'aiti', true)])]),
        type: 4,
      });
    const forAdmin = await h.server.waitForRequest(on.callback(ac(admin())));
    expect(forAdmin.body.data.choices).toEqual([{ name: 'Aitimova_Security_Council.txt', value: 'Aitimova_Security_Council.txt' }]);
    const forMember = await h.server.waitForRequest(on.callback(ac(member())));
    expect(forMember.body.data.choices).toEqual([]);

    const token = command(admin(), 'statement', [sub('remove', [str('file', 'Aitimova_Security_Council.txt')])]);
    const reply = await h.server.waitForRequest(on.editOriginal(token));
    expect(reply.body.content).toMatch(/^Removed Aitimova\\_Security\\_Council\.txt: \d+ paragraphs taken out of the index\.$/);
    expect(fs.readdirSync(added())).toEqual([]);
    const unknown = command(admin(), 'statement', [sub('remove', [str('file', '../../etc/passwd')])]);
    expect((await h.server.waitForRequest(on.callback(unknown))).body.data.content).toMatch(/^No statement called/);
  });

  it('refuses a file that is not .txt, too large, binary, or has a bad date, saving nothing', async () => {
    const cases: [AttachmentFixture, ReturnType<typeof str>[], RegExp][] = [
      [upload('speech.pdf', seedBytes, seedBytes.length, 'application/pdf'), [], /^Only \.txt files can be added/],
      [upload('huge.txt', seedBytes, 50 * 1024 * 1024), [], /^The file is too large/],
      [upload('dated.txt', seedBytes), [str('date', '2015-02-30')], /^That date does not exist/],
    ];
    for (const [file, extra, message] of cases) {
      const reply = await h.server.waitForRequest(on.callback(add(admin(), file, extra)));
      expect(reply.body).toMatchObject({ type: 4, data: { flags: 64 } });
      expect(reply.body.data.content).toMatch(message);
    }
    const binary = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, ...seedBytes.subarray(0, 200)]);
    const token = add(admin(), upload('binary.txt', binary));
    const reply = await h.server.waitForRequest(on.editOriginal(token));
    expect(reply.body.content).toBe('Not added: This file cannot be read as text: binary file (contains NUL bytes).');
    expect(fs.readdirSync(added())).toEqual([]);
  });

  it('deletes a file the archive rejects and says why', async () => {
    h.archive.rejectNextAdd = 'no paragraphs could be read from this file';
    const token = add(admin(), upload('rejected.txt', seedBytes));
    const reply = await h.server.waitForRequest(on.editOriginal(token));
    expect(reply.body.content).toBe('Not added: no paragraphs could be read from this file');
    expect(fs.readdirSync(added())).toEqual([]);
  });

  it('waits for a running reindex', async () => {
    let release!: () => void;
    h.archive.onReindex = () => new Promise((r) => (release = () => r(emptyReport(1))));
    try {
      const reindex = command(admin(), 'reindex');
      await h.server.waitForRequest(on.callback(reindex));
      await sleep(10);
      const token = add(admin(), upload('later.txt', seedBytes));
      expect((await h.server.waitForRequest(on.callback(token))).body.data.content).toMatch(/^A reindex is running/);
      release();
      await h.server.waitForRequest((r) => on.editOriginal(reindex)(r) && r.body.content.startsWith('Reindex done'));
    } finally {
      h.archive.onReindex = null;
    }
  });
});

describe('/statement add: what the file says', () => {
  it('reads the country and speaker from the text, and names what is missing with the options that state it', async () => {
    // A name that sanitizes to nothing a reader can use: the citation must come from the text.
    const token = add(admin(), upload('%2e%2e%2fpwned.txt', seedBytes));
    const lines = (await h.server.waitForRequest(on.editOriginal(token))).body.content.split('\n');
    expect(lines[0]).toMatch(/^Added 2e\\_2e\\_2fpwned\.txt: \d+ paragraphs indexed\.$/);
    expect(lines.slice(1)).toEqual([
      'Cited as “Kazakhstan · Mrs. Aitimova · ¶1”.',
      'Recognised: country Kazakhstan (from the statement), speaker Mrs. Aitimova (from the statement).',
      'Not recognised: body and year. To state them, remove the statement with `/statement remove` and add it again with the `body` and `date` options.',
    ]);
    await removeAdded('2e_2e_2fpwned.txt');
  });

  it('reads country, body and year from the name the uploader gave, and /stats years follow', async () => {
    const yearsShown = async () => {
      const reply = await h.server.waitForRequest(on.callback(command(member(), 'stats')));
      return reply.body.data.embeds[0].fields.find((f: any) => f.name === 'Years').value;
    };
    expect(await yearsShown()).toBe('2007–2020');
    // Kazakhstan's first General Debate statement, in 1992; the file name a moderator might give it.
    const bytes = fs.readFileSync(sharedFile('ungdc/1992/KAZ_47_1992.txt'));
    const token = add(admin(), upload('Kazakhstan 1992 General Debate.txt', bytes));
    const lines = (await h.server.waitForRequest(on.editOriginal(token))).body.content.split('\n');
    expect(lines.slice(1)).toEqual([
      'Cited as “Kazakhstan · General Assembly · 1992 · ¶1”.',
      'Recognised: country Kazakhstan (from its name), body General Assembly (from its name), year 1992 (from its name).',
      'Not recognised: speaker. To state it, remove the statement with `/statement remove` and add it again with the `speaker` option.',
    ]);
    expect(h.archive.callsTo('addStatement').at(-1)!.args[1]).toEqual({ country: 'KAZ', body: 'General Assembly', year: 1992 });
    expect(await yearsShown()).toBe('1992–2020');
    await removeAdded('Kazakhstan_1992_General_Debate.txt');
  });
});

describe('/statement add: names and encodings', () => {
  it('keeps a name in another script and reads UTF-16 text, as Notepad saves "Unicode"', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(seedBytes.toString('utf8'), 'utf16le')]);
    const token = add(admin(), upload('ملف.txt', utf16));
    const lines = (await h.server.waitForRequest(on.editOriginal(token))).body.content.split('\n');
    // The count is the test archive's (it reads UTF-8 or Latin-1 only); the citation is the real reader's.
    expect(lines[0]).toMatch(/^Added ملف\.txt: \d+ paragraphs? indexed\.$/);
    expect(lines[1]).toBe('Cited as “Kazakhstan · Mrs. Aitimova · ¶1”.');
    expect(fs.readFileSync(path.join(added(), 'ملف.txt')).equals(utf16)).toBe(true);
    await removeAdded('ملف.txt');
  });
});
