import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log.js';
import { DamagedIndexError, describeProblems, namingDamage } from './errors.js';
import {
  generationOf,
  loadSavedGraph,
  loadSavedGraphInBackground,
  removeTemporaryFiles,
  saveGraph,
  savedGraphIsCurrent,
  savedManifestText,
  type GraphOwner,
} from './graph-file.js';
import { fileReservesChecksums, loadPageChecksums } from './page-checksums.js';
import { reexamineUnderCurrentRule } from './sentence-windows.js';
import { Store } from './store.js';
import { VectorIndex, type VectorSource } from './vector-index.js';
import { WriterLock } from './writer-lock.js';

const DATABASE_FILE = 'paragraphs.sqlite';
const MANIFEST_FILE = 'manifest.json';
/**
 * Additions and removals a writer lets the saved graph lag behind by before saving it again. A reader opening
 * during a long run reads what the saved graph lacks and searches it exactly beside the graph (60 ms for 1,000
 * paragraphs, where inserting them into a graph of 76,000 takes over a second), so it stays well
 * under a second.
 */
const GRAPH_LAG_LIMIT = 1_000;
/**
 * A save writes, syncs and hashes the whole graph, which grows with the index (about 1.7 kB a paragraph): at the
 * full archive one save takes seconds. Saves are spaced so that they take at most this share of the run's time.
 */
const GRAPH_SAVE_TIME_SHARE = 0.1;

export function databaseFileOf(dir: string): string {
  return path.join(dir, DATABASE_FILE);
}

/** The saved graph's manifest, when the folder has one but no database beside it (deleted or never copied). */
export function graphWithoutDatabase(dir: string): string | null {
  const manifest = path.join(dir, MANIFEST_FILE);
  return fs.existsSync(manifest) && !fs.existsSync(databaseFileOf(dir)) ? manifest : null;
}

/**
 * Adds to the graph the paragraphs it lacks and removes those the database no longer holds. `holdAside`: add them
 * beside the graph rather than into it (a reader of a saved graph; see VectorIndex).
 */
function levelGraph(vectors: VectorIndex, store: Store, holdAside: boolean): { added: number; removed: number } {
  const stored = store.paragraphs.ids();
  const present = new Set(stored);
  const gone = vectors.paragraphIds().filter((id) => !present.has(id));
  for (const id of gone) vectors.remove(id);
  const missing = stored.filter((id) => !vectors.has(id));
  // A graph built from nothing reads every vector in storage order, far faster than looking each one up.
  const found = vectors.size === 0 ? store.vectors.all() : [...store.vectors.of(missing)].map(([id, vector]) => ({ id, vector }));
  let added = 0;
  for (const { id, vector } of found) {
    if (holdAside) vectors.addAside(id, vector);
    else vectors.add(id, vector);
    added += 1;
  }
  return { added, removed: gone.length };
}

/**
 * The graph for a reader: the saved one when its file checks out, else one built from the stored vectors; with
 * the text of the manifest it was read by, if any.
 */
function openGraph(
  dir: string,
  store: Store,
  owner: GraphOwner,
  source: VectorSource,
  log: Logger,
): { vectors: VectorIndex; manifest: string | null } {
  const started = Date.now();
  const saved = store.onDisk ? loadSavedGraph(dir, owner, () => store.meta.generation, source) : ({ state: 'none' } as const);
  const vectors = saved.state === 'loaded' ? saved.vectors : VectorIndex.create(owner.dimension, source);
  const fromFile = vectors.size;
  const { added, removed } = levelGraph(vectors, store, saved.state === 'loaded');
  const ms = Date.now() - started;
  if (saved.state === 'unusable') {
    log.warn(
      { file: saved.file, reason: saved.reason, vectors: vectors.size, ms },
      'the saved vector graph could not be used: rebuilt it from the vectors in the database (the next `npm run index` saves it)',
    );
  } else if (saved.state === 'none' && added > 0) {
    log.info({ vectors: added, ms }, 'built the vector graph from the database');
  } else if (added + removed > 0) {
    log.debug({ fromFile, added, removed, ms }, 'the saved vector graph lags the database: searching what it lacks exactly beside it');
  }
  return { vectors, manifest: saved.state === 'loaded' ? saved.manifestText : null };
}

/** A reading connection, or an empty stand-in when there is no database yet or its vectors are another model's. */
function openReader(file: string, model: string, log: Logger): Store {
  if (!fs.existsSync(file)) return Store.empty();
  const store = Store.openForReading(file);
  const indexedModel = store.meta.get('model');
  if (indexedModel === null || indexedModel === model) return store;
  log.warn({ indexedModel, model }, 'the index was built with another model: it answers nothing until `npm run index` embeds it again');
  store.close();
  return Store.empty();
}

/** A writing connection to a database that passed SQLite's check and holds this model's vectors. */
function openWriter(file: string, model: string, log: Logger): Store {
  const store = Store.openForWriting(file);
  try {
    const problems = store.problems();
    if (problems.length > 0) throw new DamagedIndexError(file, describeProblems(problems));
    store.migrations.addPageChecksums(() =>
      log.info({ file }, 'rewriting the database once with a checksum on every page (38 s at the whole archive)'),
    );
    store.migrations.moveVectorsToCurrentTables(() =>
      log.info({ file }, 'moving the paragraph vectors to the current table layout, once (under a minute at the whole archive)'),
    );
    if (store.migrations.dropSentenceVectorsWithoutSpeaker()) {
      log.info(
        { file },
        "sentence vectors are made again, once, each sentence after its speaker's country (the sentence stage takes as long as at first)",
      );
    }
    if (reexamineUnderCurrentRule(store)) {
      log.info({ file }, 'two-sentence paragraphs get sentence vectors too: the next sentence stage embeds theirs, once');
    }
    const indexedModel = store.meta.get('model');
    if (indexedModel !== null && indexedModel !== model) {
      log.warn({ indexedModel, model }, 'the index was built with another model: its paragraphs will be embedded again');
      store.transaction(() => {
        for (const s of store.statements.all()) store.statements.delete(s.id);
        store.sentenceVectors.clear();
        store.vectors.clear();
        store.meta.bumpGeneration();
      });
    }
    store.meta.set('model', model);
    return store;
  } catch (error) {
    store.close();
    throw error;
  }
}

/**
 * Sets the database of a folder aside (renamed `paragraphs.sqlite.damaged-<time>`, -wal and -shm with it) so that
 * the next run rebuilds the index from the statement files; the saved graph belonged to it and goes too.
 */
export function setDatabaseAside(lock: WriterLock): string {
  const file = databaseFileOf(lock.dir);
  const aside = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(`${file}${suffix}`)) fs.renameSync(`${file}${suffix}`, `${aside}${suffix}`);
  }
  fs.rmSync(path.join(lock.dir, MANIFEST_FILE), { force: true });
  return aside;
}

/**
 * What an indexing run writes through: the writing connection and the graph, which it saves as it goes so that
 * the graph on disk stays close behind the database.
 */
export class IndexWriter {
  /** The graph's change count when it was last saved; null while the saved graph is not the database's state. */
  private savedAt: number | null;
  private lastSave = { endedAt: 0, tookMs: 0 };

  /** `manifest`: the text of the manifest of the graph this process read or saved last. */
  constructor(
    private readonly dir: string,
    readonly store: Store,
    readonly vectors: VectorIndex,
    private readonly owner: GraphOwner & { database: string },
    private savedManifest: string | null,
  ) {
    this.savedAt = savedGraphIsCurrent(dir, owner, store.meta.generation, savedManifest) ? vectors.changes : null;
  }

  get manifest(): string | null {
    return this.savedManifest;
  }

  /**
   * Saves the graph once it lags the database by GRAPH_LAG_LIMIT changes (or is not saved at all), and once the
   * time since the last save is long enough for that save to be at most GRAPH_SAVE_TIME_SHARE of it.
   */
  saveGraphWhenDue(): void {
    if (this.savedAt === null) return this.saveGraph();
    const lagging = this.vectors.changes - this.savedAt >= GRAPH_LAG_LIMIT;
    const rested = Date.now() - this.lastSave.endedAt >= this.lastSave.tookMs * (1 / GRAPH_SAVE_TIME_SHARE - 1);
    if (lagging && rested) this.saveGraph();
  }

  /** Saves the graph unless the saved one is already the database's state. */
  saveGraphIfBehind(): void {
    if (this.savedAt !== this.vectors.changes) this.saveGraph();
  }

  private saveGraph(): void {
    const started = Date.now();
    this.savedManifest = saveGraph(this.dir, this.vectors, this.owner, this.store.meta.generation);
    this.savedAt = this.vectors.changes;
    this.lastSave = { endedAt: Date.now(), tookMs: Date.now() - started };
  }
}

/** How often a reader looks for what other processes committed (and at most how often it levels with it). */
const FOLLOW_INTERVAL_MS = 1_000;
/** A reader loads newer saved graphs for at most this share of the time, as a writer saves them (GRAPH_SAVE_TIME_SHARE). */
const GRAPH_LOAD_TIME_SHARE = 0.1;

/** What a reader last saw of the database: the connection's data_version and the paragraphs' count and largest id. */
interface Followed {
  dataVersion: number;
  count: number;
  max: number;
  at: number;
}

/**
 * The on-disk index under one folder: SQLite (paragraphs, metadata, full text, vectors) plus the HNSW graph.
 * SQLite is the source of truth; the graph is a cache of its vectors, saved with a checksum and the paragraph ids
 * it holds. Opening reads only: a damaged or unusable graph file is rebuilt in memory, one that lags the
 * database gets just the difference. Writes go through `write`, one process at a time.
 *
 * A reader follows what other processes index: at most once a second (SQLite's data_version says whether anyone
 * committed, for microseconds) it holds the paragraphs added since aside and searches them exactly, drops the
 * removed ones, and when a newer saved graph is there loads it in the background (checksum and hnswlib's read off
 * the answer path), then swaps it in, holding aside only what that graph still lacks.
 */
export class ParagraphIndex {
  private followed: Followed;
  private readonly follower: NodeJS.Timeout;
  /** Writes this process has under way: the graph is theirs to level meanwhile. */
  private writing = 0;
  /** Bumped by each write and by close: a graph whose load began before is not swapped in. */
  private epoch = 0;
  private loading = false;
  private nextLoadAt = 0;
  /** A newer manifest whose graph could not be used (warned about once; the next indexing run saves a sound one). */
  private unusableManifest: string | null = null;
  private followFailed = false;
  /** Whether the reading connection verifies every page it reads against its checksum. */
  private readerVerifies: boolean;

  private constructor(
    readonly dir: string,
    private reader: Store,
    private current: VectorIndex,
    readonly model: string,
    private readonly log: Logger,
    private readonly heldLock: WriterLock | null,
    /** The text of the manifest of the graph this process read or saved last. */
    private manifest: string | null,
    followed: Followed,
  ) {
    this.followed = followed;
    this.readerVerifies = reader.keepsPageChecksums();
    this.follower = setInterval(() => this.followInBackground(), FOLLOW_INTERVAL_MS).unref();
  }

  /**
   * Opens the index for reading: nothing is written and no lock is taken. `heldLock` is the folder's write lock
   * when the caller took it for the whole process (the `index` command), before opening anything.
   */
  static open(dir: string, model: string, dimension: number, log: Logger, heldLock: WriterLock | null = null): ParagraphIndex {
    const file = databaseFileOf(dir);
    return namingDamage(file, () => {
      const reader = openReader(file, model, log);
      // Seen before the graph is levelled: whatever is committed meanwhile is followed afterwards.
      const followed = { dataVersion: reader.dataVersion(), ...reader.paragraphs.extent(), at: Date.now() };
      const source = () => index.store.vectors.all();
      const graph = openGraph(dir, reader, { database: reader.meta.identity, model, dimension }, source, log);
      const index = new ParagraphIndex(dir, reader, graph.vectors, model, log, heldLock, graph.manifest, followed);
      // A saved graph that could not be used was warned about once, at opening: only a newer one is tried.
      if (graph.manifest === null && reader.onDisk) index.unusableManifest = savedManifestText(dir);
      return index;
    });
  }

  /** The graph searches use, level with what other processes committed up to a second ago (see `follow`). */
  get vectors(): VectorIndex {
    this.follow();
    return this.current;
  }

  /** The reading connection: searches use it while a write goes on through another. */
  get store(): Store {
    return this.reader;
  }

  /**
   * Runs `work` as the folder's only writer: takes the lock (unless held already), opens a writing connection
   * to a database that passed its check, removes what killed runs left behind, brings the graph level with the
   * database, and leaves the saved graph level with it at the end, whatever `work` did or did not change.
   */
  async write<T>(work: (writer: IndexWriter) => Promise<T>): Promise<T> {
    const file = databaseFileOf(this.dir);
    const lock = this.heldLock ?? WriterLock.take(this.dir);
    this.writing += 1;
    this.epoch += 1;
    try {
      const store = openWriter(file, this.model, this.log);
      try {
        removeTemporaryFiles(this.dir);
        const vectors = this.current;
        vectors.insertAside();
        levelGraph(vectors, store, false);
        const owner = { database: store.meta.ensureIdentity(), model: this.model, dimension: vectors.dimension };
        const writer = new IndexWriter(this.dir, store, vectors, owner, this.manifest);
        try {
          const result = await work(writer);
          writer.saveGraphIfBehind();
          return result;
        } finally {
          this.manifest = writer.manifest;
        }
      } finally {
        store.close();
      }
    } finally {
      this.writing -= 1;
      if (!this.heldLock) lock.release();
      if (!this.reader.onDisk && fs.existsSync(file)) this.reopenReader();
      else this.reopenReaderIfChecksumsAdded();
      // The graph is level with what this process wrote; nobody else could write meanwhile (the lock).
      this.followed = { dataVersion: this.reader.dataVersion(), ...this.reader.paragraphs.extent(), at: Date.now() };
    }
  }

  close(): void {
    clearInterval(this.follower);
    this.epoch += 1;
    this.reader.close();
    this.heldLock?.release();
  }

  /**
   * Brings the graph level with what other processes committed, at most once every FOLLOW_INTERVAL_MS: nothing
   * to do costs one `PRAGMA data_version` (microseconds); otherwise the paragraphs' count and largest id (10 ms at
   * the whole archive), the added paragraphs' vectors, held aside, and a look at the manifest.
   */
  private follow(): void {
    if (this.writing > 0 || !this.reader.onDisk) return;
    const dataVersion = this.reader.dataVersion();
    const now = Date.now();
    if (now - this.followed.at < FOLLOW_INTERVAL_MS) return;
    if (dataVersion !== this.followed.dataVersion) {
      const reopened = this.reopenReaderIfChecksumsAdded();
      const extent = this.reader.paragraphs.extent();
      this.levelWith(extent);
      this.followed = { dataVersion: reopened ? this.reader.dataVersion() : dataVersion, ...extent, at: now };
      this.loadNewerGraph();
    } else if (this.current.asideCount > 0) {
      // A writer saves its graph after its last commit, and a load under way or too recent lets a save go by: while
      // paragraphs are held aside, the manifest (a few hundred bytes) is looked at again, once a second.
      this.followed = { ...this.followed, at: now };
      this.loadNewerGraph();
    }
  }

  /**
   * A connection verifies page checksums only if the file had them when it opened: once a writer (this process's
   * or another's) has added them, the reading connection is opened again.
   */
  private reopenReaderIfChecksumsAdded(): boolean {
    if (this.readerVerifies || !this.reader.onDisk || loadPageChecksums().state !== 'on') return false;
    if (!fileReservesChecksums(databaseFileOf(this.dir))) return false;
    this.reopenReader();
    return true;
  }

  private reopenReader(): void {
    this.reader.close();
    this.reader = openReader(databaseFileOf(this.dir), this.model, this.log);
    this.readerVerifies = this.reader.keepsPageChecksums();
  }

  /** `follow` on the timer, between questions: a failure is logged once rather than thrown at nobody. */
  private followInBackground(): void {
    try {
      this.follow();
      this.followFailed = false;
    } catch (error) {
      if (!this.followFailed) this.log.warn({ dir: this.dir, err: error }, 'could not follow what other processes indexed');
      this.followFailed = true;
    }
  }

  /** Holds aside the paragraphs added since `followed` and removes those gone (ids are never reused). */
  private levelWith(extent: { count: number; max: number }): void {
    const { count, max } = this.followed;
    if (extent.count === count && extent.max === max) return;
    const added = extent.max > max ? this.reader.paragraphs.idsAfter(max).filter((id) => !this.current.has(id)) : [];
    if (count + added.length > extent.count) {
      // Some were removed too (a changed or removed statement): compare every id, as at opening.
      levelGraph(this.current, this.reader, true);
      return;
    }
    for (const [id, vector] of added.length > 0 ? this.reader.vectors.of(added) : []) this.current.addAside(id, vector);
  }

  /**
   * Starts loading the saved graph when it is newer than the one in use, unless a load is under way or the last
   * one ended too recently (loads take at most GRAPH_LOAD_TIME_SHARE of the time). The manifest is a few hundred
   * bytes, read only once the database changed.
   */
  private loadNewerGraph(): void {
    if (this.loading || Date.now() < this.nextLoadAt) return;
    const text = savedManifestText(this.dir);
    if (text === null || text === this.manifest || text === this.unusableManifest) return;
    if (generationOf(text) <= generationOf(this.manifest)) return;
    this.loading = true;
    const epoch = this.epoch;
    const started = Date.now();
    const owner = { database: this.reader.meta.identity, model: this.model, dimension: this.current.dimension };
    const source = () => this.reader.vectors.all();
    loadSavedGraphInBackground(this.dir, text, owner, () => this.reader.meta.generation, source)
      .then((saved) => {
        const loadMs = Date.now() - started;
        // Closed, or written by this process, while it loaded: the graph is not wanted, and whatever went wrong
        // reading it (a closed database) says nothing about the file.
        if (epoch !== this.epoch || this.writing > 0) return saved.state === 'loaded' ? saved.vectors.release() : undefined;
        if (saved.state === 'unusable') {
          this.unusableManifest = text;
          this.log.warn(
            { file: saved.file, reason: saved.reason },
            'the newer saved vector graph could not be used: searching what the graph in use lacks exactly beside it',
          );
        }
        if (saved.state !== 'loaded') return;
        this.swapIn(saved.vectors, text, loadMs);
      })
      .catch((error: unknown) => {
        if (epoch === this.epoch) this.log.warn({ dir: this.dir, err: error }, 'could not load the newer saved vector graph');
      })
      .finally(() => {
        this.loading = false;
        this.nextLoadAt = Date.now() + (Date.now() - started) * (1 / GRAPH_LOAD_TIME_SHARE - 1);
      });
  }

  /** Puts a newly read graph in the place of the one in use, which is freed at once (no search holds it across a wait). */
  private swapIn(loaded: VectorIndex, manifestText: string, loadMs: number): void {
    const started = Date.now();
    const extent = this.reader.paragraphs.extent();
    this.levelWith(extent);
    this.followed = { ...this.followed, ...extent };
    const previous = this.current;
    const { aside, removed } = loaded.takeOver(previous, (ids) => this.reader.vectors.of(ids));
    this.current = loaded;
    this.manifest = manifestText;
    previous.release();
    this.log.info(
      { generation: generationOf(manifestText), vectors: loaded.size, aside, removed, loadMs, swapMs: Date.now() - started },
      'loaded the newer saved vector graph another process saved',
    );
  }
}
