import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log.js';
import { Store } from './store.js';
import { syncDirectory, VectorIndex } from './vector-index.js';

const DATABASE_FILE = 'paragraphs.sqlite';
const MANIFEST_FILE = 'manifest.json';
const LOCK_FILE = 'index.lock';

/** Ties the graph file to the model that made its vectors and to the database state it reflects. */
interface Manifest {
  model: string;
  dimension: number;
  generation: number;
  graphFile: string;
  savedAt: string;
}

function readManifest(dir: string): Manifest | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

function writeFileAtomically(file: string, contents: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = fs.openSync(temporary, 'w');
  try {
    fs.writeFileSync(handle, contents);
    fs.fsyncSync(handle);
  } finally {
    fs.closeSync(handle);
  }
  fs.renameSync(temporary, file);
  syncDirectory(path.dirname(file));
}

/**
 * The on-disk index under one folder: SQLite (paragraphs, metadata, full text, vectors) plus the HNSW graph.
 * SQLite is the source of truth; the graph is saved after the database and rebuilt from its vectors whenever
 * the manifest does not match, so a kill at any moment costs at most a rebuild, never the index.
 */
export class ParagraphIndex {
  private constructor(
    readonly dir: string,
    readonly store: Store,
    readonly vectors: VectorIndex,
    readonly model: string,
  ) {}

  static open(dir: string, model: string, dimension: number, log: Logger): ParagraphIndex {
    fs.mkdirSync(dir, { recursive: true });
    const store = new Store(path.join(dir, DATABASE_FILE));
    const indexedModel = store.getMeta('model');
    if (indexedModel !== null && indexedModel !== model) {
      log.warn({ indexedModel, model }, 'the index was built with another model: its paragraphs will be embedded again');
      store.transaction(() => {
        for (const s of store.statements()) store.deleteStatement(s.id);
        store.clearVectors();
        store.bumpGeneration();
      });
    }
    store.setMeta('model', model);
    const vectors = ParagraphIndex.loadGraph(dir, store, model, dimension, log);
    return new ParagraphIndex(dir, store, vectors, model);
  }

  private static loadGraph(dir: string, store: Store, model: string, dimension: number, log: Logger): VectorIndex {
    const manifest = readManifest(dir);
    const graphPath = manifest ? path.join(dir, manifest.graphFile) : null;
    const current =
      manifest &&
      graphPath &&
      manifest.model === model &&
      manifest.dimension === dimension &&
      manifest.generation === store.generation &&
      fs.existsSync(graphPath);
    const source = () => store.allVectors();
    if (current) return VectorIndex.read(graphPath, dimension, source);
    const started = Date.now();
    const graph = VectorIndex.create(dimension, source);
    for (const { id, vector } of store.allVectors()) graph.add(id, vector);
    if (graph.size > 0) {
      log.info({ vectors: graph.size, ms: Date.now() - started }, 'rebuilt the vector graph from the database');
    }
    return graph;
  }

  /** Saves the graph for the database's current generation; the old graph file stays valid until the swap. */
  save(): void {
    const generation = this.store.generation;
    const graphFile = `vectors-${generation}.hnsw`;
    this.vectors.saveAtomically(path.join(this.dir, graphFile));
    const manifest: Manifest = {
      model: this.model,
      dimension: this.vectors.dimension,
      generation,
      graphFile,
      savedAt: new Date().toISOString(),
    };
    writeFileAtomically(path.join(this.dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
    for (const name of fs.readdirSync(this.dir)) {
      if (/^vectors-\d+\.hnsw(\..*\.tmp)?$/.test(name) && name !== graphFile) fs.rmSync(path.join(this.dir, name), { force: true });
    }
  }

  /** One writer at a time per folder; a lock left by a killed process is taken over. */
  lockForWriting(): () => void {
    const lockPath = path.join(this.dir, LOCK_FILE);
    for (;;) {
      try {
        fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
        return () => fs.rmSync(lockPath, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = Number(fs.readFileSync(lockPath, 'utf8'));
        if (holder && holder !== process.pid && isAlive(holder)) {
          throw new Error(`another indexing run (process ${holder}) is updating ${this.dir}; wait for it to finish`);
        }
        fs.rmSync(lockPath, { force: true });
      }
    }
  }

  close(): void {
    this.store.close();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
