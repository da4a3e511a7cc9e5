/**
 * A statement is known by its text as well as its path. The bot runs here on the real archive (real model, SQLite
 * and HNSW files in a scratch folder), whose indexer recognises a second copy of an indexed statement.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestArchive } from '../support/archive.js';
import { SEED_FILE } from '../support/corpus.js';
import { on, startHarness, type Harness } from '../support/discord/harness.js';
import { attachmentOption, makeUser, PERMISSIONS, slashCommand, str, sub, type Actor } from '../support/discord/payloads.js';
import { snowflake } from '../support/discord/snowflake.js';

/** Indexing embeds with the real model on a busy two-core machine: allow it time. */
const INDEXING_MS = 120_000;
const SEED_NAME = path.basename(SEED_FILE);

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ archive: await openTestArchive() });
  fs.mkdirSync(path.join(h.corpusDir, 'seed'));
  fs.copyFileSync(SEED_FILE, path.join(h.corpusDir, 'seed', SEED_NAME));
});
afterAll(async () => {
  await h?.stop();
  h?.archive.inner.close();
});

const admin = (): Actor => ({ user: makeUser('admin'), permissions: PERMISSIONS.member | PERMISSIONS.manageGuild });

function command(name: string, options: Parameters<typeof slashCommand>[4] = [], extra: Parameters<typeof slashCommand>[5] = {}) {
  return h.server.sendInteraction(slashCommand(h.server, h.guild, admin(), name, options, extra));
}

async function reindexReport(): Promise<string> {
  const token = command('reindex');
  const done = await h.server.waitForRequest(
    (r) => on.editOriginal(token)(r) && /^Reindex (done|failed)/.test(r.body.content),
    INDEXING_MS,
  );
  return done.body.content;
}

async function uploadReply(name: string, bytes: Buffer): Promise<string> {
  const url = h.server.serveFile(name, bytes);
  const file = { id: snowflake(), filename: name, size: bytes.length, url, proxy_url: url, content_type: 'text/plain; charset=utf-8' };
  const token = command('statement', [sub('add', [attachmentOption('file', file.id)])], { attachments: [file] });
  return (await h.server.waitForRequest(on.editOriginal(token), INDEXING_MS)).body.content;
}

describe('a statement reached twice', () => {
  it('is indexed once when a second path holds the same text, and the reindex report says so', async () => {
    expect(await reindexReport()).toContain('(1 added,');
    // The same corpus reached by a second path: here a copy; a link to a file or another mount reads the same.
    fs.mkdirSync(path.join(h.corpusDir, 'mirror'));
    fs.copyFileSync(SEED_FILE, path.join(h.corpusDir, 'mirror', SEED_NAME));
    const report = await reindexReport();
    expect(report).toContain('1 file was skipped:');
    expect(report).toContain(
      `• ${SEED_NAME.replace(/_/g, '\\_')}: same text as seed/${SEED_NAME.replace(/_/g, '\\_')}, which is already indexed`,
    );
    expect(report).not.toContain(h.corpusDir);
    expect(h.archive.stats().statements).toBe(1);
  });

  it('refuses an upload with the same text as an indexed statement, under another name or its own, naming it', async () => {
    const seedBytes = fs.readFileSync(SEED_FILE);
    for (const name of ['Aitimova open debate.txt', SEED_NAME]) {
      const reply = await uploadReply(name, seedBytes);
      expect(reply).toBe(`Not added: same text as seed/${SEED_NAME.replace(/_/g, '\\_')}, which is already indexed`);
    }
    expect(fs.readdirSync(path.join(h.corpusDir, 'added'))).toEqual([]);
    expect(h.archive.stats().statements).toBe(1);
  });

  it('quotes each paragraph once', async () => {
    const question = 'regional and subregional organizations in the maintenance of international peace and security';
    const token = command('ask', [str('question', question), { type: 4, name: 'results', value: 5 }]);
    const body = (await h.server.waitForRequest(on.editOriginal(token), INDEXING_MS)).body;
    const titles: string[] = body.embeds.map((e: any) => e.title.replace(/^#\d+ · /, ''));
    expect(titles.length).toBeGreaterThan(1);
    expect(new Set(titles).size).toBe(titles.length);
  });
});
