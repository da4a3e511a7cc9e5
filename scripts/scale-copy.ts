/**
 * A stand-in for the whole archive, to measure search at its size before it is indexed: a scratch copy of an
 * existing index (read through SQLite's backup, so the source is only read) with its statements repeated under
 * earlier years until it holds --paragraphs paragraphs. Each copy keeps the text (so full-text counts grow as in
 * a larger corpus), moves the year back 15 per copy (so per-year scopes keep their size while per-country and
 * per-region scopes grow), and gets its own vectors: the original's plus noise (cosine about 0.9 to it), so the
 * graph holds distinct points rather than exact duplicates. Sentence vectors are copied as they are. The graph is
 * then built and saved by the product's own writer (`ParagraphIndex.write`), in the scratch folder only.
 *
 *   npx tsx scripts/scale-copy.ts --from embeddings/eval-e5 --to /tmp/scale-359k [--paragraphs 359000]
 *
 * Building the graph takes a while (one core, hnswlib inserts); run it niced. Numbers measured on it are
 * estimates of the archive's, not the archive's.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../src/config.js';
import { loadEmbedder } from '../src/archive/open-archive.js';
import { ParagraphIndex } from '../src/index/paragraph-index.js';
import { createLogger } from '../src/log.js';
import { option } from './bench-common.js';

const args = process.argv.slice(2);
const from = option(args, 'from');
const to = option(args, 'to');
const target = Number(option(args, 'paragraphs') ?? 359_000);
if (!from || !to) {
  process.stderr.write('usage: npx tsx scripts/scale-copy.ts --from DIR --to NEW_DIR [--paragraphs N]\n');
  process.exit(2);
}
if (fs.existsSync(path.join(to, 'paragraphs.sqlite'))) throw new Error(`${to} already holds an index`);
fs.mkdirSync(to, { recursive: true });
const file = path.join(to, 'paragraphs.sqlite');
{
  const source = new Database(path.join(from, 'paragraphs.sqlite'), { readonly: true });
  await source.backup(file);
  source.close();
}
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = OFF');
const original = db.prepare('SELECT count(*) FROM paragraphs').pluck().get() as number;
const statements = db.prepare('SELECT * FROM statements ORDER BY id').all() as Record<string, unknown>[];
const paragraphsOf = db.prepare('SELECT number, text, text_hash FROM paragraphs WHERE statement_id = ? ORDER BY number');
const insertStatement = db.prepare(
  `INSERT INTO statements (path, content_hash, parser_version, country, country_name, speaker, post, body, year, session, meeting,
     language, on_behalf_of, indexed_at)
   VALUES (@path, @content_hash, @parser_version, @country, @country_name, @speaker, @post, @body, @year, @session, @meeting,
     @language, @on_behalf_of, @indexed_at)`,
);
const insertParagraph = db.prepare('INSERT INTO paragraphs (statement_id, number, text, text_hash) VALUES (?, ?, ?, ?)');
const vectorOf = db.prepare('SELECT vector FROM vectors WHERE text_hash = ?').pluck();
const sentencesOf = db.prepare('SELECT vectors FROM speaker_sentence_vectors WHERE text_hash = ? AND country_name = ?').pluck();
const insertVector = db.prepare('INSERT OR IGNORE INTO vectors (text_hash, vector) VALUES (?, ?)');
const insertSentences = db.prepare('INSERT OR IGNORE INTO speaker_sentence_vectors (text_hash, country_name, vectors) VALUES (?, ?, ?)');
const insertNames = db.prepare(
  'INSERT INTO organization_names (statement_id, acronym, name, count) SELECT ?, acronym, name, count FROM organization_names WHERE statement_id = ?',
);

let seed = 12345;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const gaussian = () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
/** The vector plus noise of the same length times `amount`, normalised. */
function perturbed(blob: Buffer, amount: number): Buffer {
  const v = new Float32Array(new Uint8Array(blob).buffer);
  const noise = Float32Array.from(v, () => gaussian());
  const noiseNorm = Math.hypot(...noise);
  const out = Float32Array.from(v, (x, i) => x + (amount * noise[i]!) / noiseNorm);
  const norm = Math.hypot(...out);
  return Buffer.from(Float32Array.from(out, (x) => x / norm).buffer);
}

let total = original;
for (let copy = 1; total < target; copy++) {
  db.transaction(() => {
    for (const s of statements) {
      if (total >= target) break;
      const id = Number(
        insertStatement.run({
          ...s,
          path: `scale-copy-${copy}/${String(s.path)}`,
          year: s.year === null ? null : Number(s.year) - 15 * copy,
          session: s.session === null ? null : Number(s.session) - 15 * copy,
        }).lastInsertRowid,
      );
      insertNames.run(id, s.id);
      for (const p of paragraphsOf.all(s.id) as { number: number; text: string; text_hash: string }[]) {
        const hash = `${p.text_hash}~${copy}`;
        insertParagraph.run(id, p.number, p.text, hash);
        const vector = vectorOf.get(p.text_hash) as Buffer | undefined;
        if (vector) insertVector.run(hash, perturbed(vector, 0.45));
        const country = (s.country_name as string | null) ?? '';
        const sentences = sentencesOf.get(p.text_hash, country) as Buffer | undefined;
        if (sentences) insertSentences.run(hash, country, sentences);
        total += 1;
      }
    }
  })();
  process.stdout.write(`copy ${copy}: ${total} paragraphs\n`);
}
const generation = Number((db.prepare(`SELECT value FROM meta WHERE key = 'generation'`).pluck().get() as string | undefined) ?? '0') + 1;
db.prepare(`INSERT INTO meta (key, value) VALUES ('generation', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(
  String(generation),
);
db.pragma('wal_checkpoint(TRUNCATE)');
db.close();

// The graph: built from the stored vectors and saved by the product's writer, as `npm run index` would.
const config = loadConfig();
const log = createLogger('info');
const embedder = await loadEmbedder(config, log);
const started = Date.now();
const index = ParagraphIndex.open(to, embedder.modelName, embedder.dimension, log);
await index.write(async () => undefined);
index.close();
process.stdout.write(`graph of ${total} paragraphs built and saved in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
process.exit(0);
