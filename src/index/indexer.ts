import fs from 'node:fs';
import path from 'node:path';
import type { CorpusReader } from '../corpus/reader.js';
import type { Statement, StatementMeta, UnreadableFile } from '../corpus/types.js';
import type { Embedder } from '../embed/embedder.js';
import type { Logger } from '../log.js';
import type { IndexWriter } from './paragraph-index.js';
import { embedSentences } from './sentence-windows.js';
import type { NewParagraph, OrganizationName, StoredStatement } from './statements-table.js';
import type { Store } from './store.js';
import { hashText } from './text-hash.js';

export interface IndexProgress {
  /** Paragraphs are embedded file by file; then the sentences of paragraphs of two sentences or more (see sentence-windows.ts). */
  stage?: 'paragraphs' | 'sentences';
  filesDone: number;
  filesTotal: number;
  paragraphsEmbedded: number;
  sentencesEmbedded?: number;
  /** Paragraphs done per second in this stage. */
  paragraphsPerSecond: number;
  etaSeconds: number | null;
}

export interface IndexReport {
  filesSeen: number;
  filesAdded: number;
  filesChanged: number;
  filesRemoved: number;
  filesUnchanged: number;
  paragraphsAdded: number;
  paragraphsRemoved: number;
  paragraphsEmbedded: number;
  sentencesEmbedded?: number;
  unreadable: { path: string; reason: string }[];
  seconds: number;
}

/** A run that changed nothing. */
export function emptyReport(): IndexReport {
  return {
    filesSeen: 0,
    filesAdded: 0,
    filesChanged: 0,
    filesRemoved: 0,
    filesUnchanged: 0,
    paragraphsAdded: 0,
    sentencesEmbedded: 0,
    paragraphsRemoved: 0,
    paragraphsEmbedded: 0,
    unreadable: [],
    seconds: 0,
  };
}

export interface IndexOptions {
  reader: CorpusReader;
  embedder: Embedder;
  log: Logger;
  onProgress?: (progress: IndexProgress) => void;
  /** Metadata that wins over what the files say, per absolute path (moderator uploads). */
  overrides?: Map<string, Partial<StatementMeta>>;
  /** Statements under these roots that no longer exist on disk are removed; default: the roots indexed. */
  pruneUnder?: string[];
}

/** Paragraphs embedded per commit: a kill loses at most this much work. */
const PARAGRAPHS_PER_COMMIT = 128;

function isUnreadable(value: Statement | UnreadableFile): value is UnreadableFile {
  return 'reason' in value;
}

function isUnder(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function countOrganizationNames(statement: Statement, reader: CorpusReader): OrganizationName[] {
  const counts = new Map<string, OrganizationName>();
  for (const paragraph of statement.paragraphs) {
    for (const { acronym, name } of reader.organizationNames(paragraph.text)) {
      const key = `${acronym}\u0000${name}`;
      const entry = counts.get(key) ?? { acronym, name, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
    }
  }
  return [...counts.values()];
}

/**
 * Brings the index in line with the statement files under `roots`: new and changed files are read and their
 * new paragraphs embedded; unchanged files cost a hash; files gone from disk are removed. Vectors are committed
 * every PARAGRAPHS_PER_COMMIT paragraphs and each batch of files is swapped in by one transaction, so an
 * interrupted run keeps what it finished and the next run resumes from there. The graph is saved as it goes
 * (see IndexWriter) and brought level at the end by ParagraphIndex.write.
 */
export async function updateIndex(writer: IndexWriter, roots: string[], options: IndexOptions): Promise<IndexReport> {
  const started = Date.now();
  const absoluteRoots = roots.map((r) => path.resolve(r));
  const { files, problems } = options.reader.discover(absoluteRoots);
  const known = writer.store.statements.all();
  const changed = readChangedFiles(files, known, options);
  const { unique: toIndex, copies } = separateCopies(changed.read, writer.store);
  const report: IndexReport = {
    ...emptyReport(),
    filesSeen: files.length,
    filesUnchanged: changed.unchanged,
    unreadable: [...problems, ...changed.unreadable, ...copies],
  };

  const gone = statementsGone(known, files, copies, problems, options.pruneUnder ?? absoluteRoots);
  report.filesRemoved = gone.length;
  report.paragraphsRemoved += removeStatements(writer, gone).length;

  await indexStatements(writer, toIndex, options, report);
  await embedSentenceStage(writer, options, report, report.filesUnchanged + toIndex.length);
  if (toIndex.length > 0 || gone.length > 0) pruneUnusedVectors(writer.store);
  for (const problem of report.unreadable) options.log.warn({ file: problem.path, reason: problem.reason }, 'skipped a file');
  report.seconds = (Date.now() - started) / 1000;
  return report;
}

/** Reads the files that are new, changed, read under older rules or given metadata; an unchanged file costs a hash. */
function readChangedFiles(
  files: string[],
  known: StoredStatement[],
  { reader, overrides }: IndexOptions,
): { read: Statement[]; unchanged: number; unreadable: UnreadableFile[] } {
  const byPath = new Map(known.map((s) => [s.path, s]));
  const read: Statement[] = [];
  const unreadable: UnreadableFile[] = [];
  let unchanged = 0;
  for (const file of files) {
    const previous = byPath.get(file);
    const override = overrides?.get(file);
    if (previous && !override && previous.parserVersion === reader.rulesVersion && previous.contentHash === reader.fingerprint(file)) {
      unchanged += 1;
      continue;
    }
    const statement = reader.read(file, override);
    if (isUnreadable(statement)) unreadable.push(statement);
    else read.push(statement);
  }
  return { read, unchanged, unreadable };
}

/**
 * The stored statements whose file is gone from under the roots pruned. A file now holding another's text loses
 * what it held before, like a file that is gone; a root that could not be read prunes nothing.
 */
function statementsGone(
  known: StoredStatement[],
  files: string[],
  copies: UnreadableFile[],
  problems: UnreadableFile[],
  pruneUnder: string[],
): StoredStatement[] {
  const copyPaths = new Set(copies.map((c) => c.path));
  const present = new Set(files.filter((f) => !copyPaths.has(f)));
  const missingRoots = new Set(problems.map((p) => path.resolve(p.path)));
  const pruneRoots = pruneUnder.filter((r) => !missingRoots.has(r));
  return known.filter((s) => !present.has(s.path) && pruneRoots.some((r) => isUnder(s.path, r)));
}

/** Removes the statements in one transaction, then from the graph; returns the ids of the paragraphs that went. */
export function removeStatements(writer: IndexWriter, statements: StoredStatement[]): number[] {
  if (statements.length === 0) return [];
  const { store, vectors } = writer;
  const ids = store.transaction(() => {
    const gone = statements.flatMap((s) => store.statements.delete(s.id));
    store.meta.bumpGeneration();
    return gone;
  });
  for (const id of ids) vectors.remove(id);
  return ids;
}

/** The paragraph stage: embeds what the statements' paragraphs lack and swaps the statements in, batch by batch. */
async function indexStatements(writer: IndexWriter, statements: Statement[], options: IndexOptions, report: IndexReport): Promise<void> {
  const progress = stageProgress('paragraphs', options.onProgress);
  const total = countParagraphs(statements);
  let done = 0;
  let filesDone = report.filesUnchanged;
  const announce = (paragraphs: number) =>
    progress({
      done: paragraphs,
      total,
      filesDone,
      filesTotal: report.filesSeen,
      paragraphsEmbedded: report.paragraphsEmbedded,
      sentencesEmbedded: 0,
    });
  announce(0);

  const batches = batchesOf(statements, PARAGRAPHS_PER_COMMIT);
  const prepare = (batch: Statement[]) => prepareBatch(batch, options.reader);
  for (const { batch, prepared, chunks } of embeddedOneBatchAhead(batches, prepare, writer.store, options.embedder)) {
    const batchParagraphs = countParagraphs(batch);
    let embeddedInBatch = 0;
    await commitVectors(writer.store, chunks, (embedded) => {
      report.paragraphsEmbedded += embedded;
      embeddedInBatch += embedded;
      announce(done + Math.min(embeddedInBatch, batchParagraphs));
    });
    countChanges(report, swapIn(writer, prepared, options.reader.rulesVersion));
    done += batchParagraphs;
    filesDone += batch.length;
    announce(done);
    writer.saveGraphWhenDue();
    // Statements re-read with nothing to embed (new reading rules) await nothing: without this turn of the event
    // loop the progress line, and a bot's gateway heartbeats, would wait for the whole run.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Vectors are stored by text, so they are committed as they are made, a bounded number at a time: a kill inside a
 * large file loses one chunk, not the file, and the file's paragraphs swap in at the end.
 */
async function commitVectors(store: Store, chunks: EmbeddingChunk[], onCommitted: (embedded: number) => void): Promise<void> {
  for (const [chunk, embedding] of chunks) {
    const embedded = await embedding;
    store.transaction(() => chunk.forEach(([hash], i) => store.vectors.put(hash, embedded[i]!)));
    onCommitted(embedded.length);
  }
}

interface Change {
  replaced: boolean;
  removedIds: number[];
  addedIds: number[];
}

/** Puts a batch's statements in place of what their paths held, in one transaction, then into the graph. */
function swapIn(writer: IndexWriter, prepared: Prepared, rulesVersion: number): Change[] {
  const { store, vectors } = writer;
  const changes = store.transaction(() => {
    const result = prepared.map(({ statement, paragraphs, organizations }): Change => {
      const previous = store.statements.byPath(statement.meta.path);
      const removedIds = previous ? store.statements.delete(previous.id) : [];
      const addedIds = store.statements.insert(statement.meta, statement.contentHash, rulesVersion, paragraphs, organizations);
      return { replaced: previous !== null, removedIds, addedIds };
    });
    store.meta.bumpGeneration();
    return result;
  });
  for (const { removedIds, addedIds } of changes) {
    for (const id of removedIds) vectors.remove(id);
    for (const [id, vector] of store.vectors.of(addedIds)) vectors.add(id, vector);
  }
  return changes;
}

function countChanges(report: IndexReport, changes: Change[]): void {
  for (const { replaced, removedIds, addedIds } of changes) {
    if (replaced) report.filesChanged += 1;
    else report.filesAdded += 1;
    report.paragraphsAdded += addedIds.length;
    report.paragraphsRemoved += removedIds.length;
  }
}

/** The sentence stage changes no paragraph: the graph is saved level first, for readers during a long stage. */
async function embedSentenceStage(writer: IndexWriter, options: IndexOptions, report: IndexReport, filesDone: number): Promise<void> {
  writer.saveGraphIfBehind();
  const progress = stageProgress('sentences', options.onProgress);
  report.sentencesEmbedded = await embedSentences(writer.store, options.embedder, (p) =>
    progress({
      done: p.paragraphsDone,
      total: p.paragraphsTotal,
      filesDone,
      filesTotal: report.filesSeen,
      paragraphsEmbedded: report.paragraphsEmbedded,
      sentencesEmbedded: p.sentencesEmbedded,
    }),
  );
}

/** Vectors no paragraph uses any more are kept until the run ends, so that a re-split can reuse them. */
function pruneUnusedVectors(store: Store): void {
  store.sentenceVectors.prune();
  store.vectors.prune();
}

/** Where a stage stands: `done` of its `total` paragraphs, with the counts the progress line shows. */
type StageCounts = Omit<IndexProgress, 'stage' | 'paragraphsPerSecond' | 'etaSeconds'> & { done: number; total: number };

/** Reports a stage's progress: the one place its rate and time left are worked out, from when the stage began. */
function stageProgress(stage: NonNullable<IndexProgress['stage']>, onProgress: IndexOptions['onProgress']): (counts: StageCounts) => void {
  const started = Date.now();
  return ({ done, total, ...counts }) => {
    const rate = done / Math.max((Date.now() - started) / 1000, 1e-3);
    onProgress?.({ stage, ...counts, paragraphsPerSecond: rate, etaSeconds: rate > 0 ? (total - done) / rate : null });
  };
}

function countParagraphs(statements: Statement[]): number {
  return statements.reduce((n, s) => n + s.paragraphs.length, 0);
}

function prepareBatch(batch: Statement[], reader: CorpusReader): Prepared {
  return batch.map((statement) => ({
    statement,
    paragraphs: statement.paragraphs.map<NewParagraph>((p) => ({ number: p.number, text: p.text, textHash: hashText(p.text) })),
    organizations: countOrganizationNames(statement, reader),
  }));
}

/**
 * A statement is known by its text as well as its path: the same file uploaded again, or a corpus reached by two
 * paths (a link, a copy, another mount), would be quoted twice in every answer. Of statements with the same
 * paragraphs the first (in path order) is indexed, unless the index already holds that text under a path that
 * stays; the others are reported as copies and not indexed.
 */
function separateCopies(statements: Statement[], store: Store): { unique: Statement[]; copies: UnreadableFile[] } {
  const rereading = new Set(statements.map((s) => s.meta.path));
  const firstWithText = new Map<string, string>();
  const copies: UnreadableFile[] = [];
  const unique = statements.filter((statement) => {
    const hashes = statement.paragraphs.map((p) => hashText(p.text));
    const stored = store.statements.withSameText(hashes, statement.meta.path);
    const original = firstWithText.get(hashes.join(' ')) ?? (stored && !rereading.has(stored) && fs.existsSync(stored) ? stored : null);
    if (original) copies.push({ path: statement.meta.path, reason: `same text as ${original}, which is already indexed` });
    else firstWithText.set(hashes.join(' '), statement.meta.path);
    return original === null;
  });
  return { unique, copies };
}

/** The distinct paragraph texts of a batch that have no stored vector yet, by text hash. */
function textsWithoutVectors(prepared: { paragraphs: NewParagraph[] }[], store: Store): [string, string][] {
  const fresh = new Map<string, string>();
  for (const { paragraphs } of prepared) {
    for (const p of paragraphs) if (!fresh.has(p.textHash) && !store.vectors.has(p.textHash)) fresh.set(p.textHash, p.text);
  }
  return [...fresh];
}

type Prepared = { statement: Statement; paragraphs: NewParagraph[]; organizations: OrganizationName[] }[];
type EmbeddingChunk = [[string, string][], Promise<Float32Array[]>];

/**
 * Each batch with its texts' embeddings, the next batch's already under way: the model's threads keep working
 * while this thread syncs a batch to disk, swaps its paragraphs in and adds them to the graph. A text shared with
 * the batch before may be embedded twice; its vector is the same, stored once.
 */
function* embeddedOneBatchAhead(
  batches: Iterable<Statement[]>,
  prepare: (batch: Statement[]) => Prepared,
  store: Store,
  embedder: Embedder,
): Generator<{ batch: Statement[]; prepared: Prepared; chunks: EmbeddingChunk[] }> {
  let pending: { batch: Statement[]; prepared: Prepared; chunks: EmbeddingChunk[] } | null = null;
  for (const batch of batches) {
    const prepared = prepare(batch);
    const chunks = [...chunksOf(textsWithoutVectors(prepared, store), PARAGRAPHS_PER_COMMIT)].map<EmbeddingChunk>((chunk) => {
      const embedding = embedder.embedPassages(chunk.map(([, text]) => text));
      // A failure surfaces where the chunk is awaited; until then it must not count as unhandled.
      embedding.catch(() => undefined);
      return [chunk, embedding];
    });
    if (pending) yield pending;
    pending = { batch, prepared, chunks };
  }
  if (pending) yield pending;
}

function* chunksOf<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

function* batchesOf(statements: Statement[], paragraphsPerBatch: number): Generator<Statement[]> {
  let batch: Statement[] = [];
  let size = 0;
  for (const statement of statements) {
    batch.push(statement);
    size += statement.paragraphs.length;
    if (size >= paragraphsPerBatch) {
      yield batch;
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) yield batch;
}
