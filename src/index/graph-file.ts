import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { VectorIndex, type VectorSource } from './vector-index.js';

const MANIFEST_FILE = 'manifest.json';
const GRAPH_FILE = /^vectors-\d+\.hnsw$/;
/** What a run killed in the middle of a save leaves behind (`<file>.<pid>.tmp`). */
const TEMPORARY_FILE = /^(manifest\.json|vectors-\d+\.hnsw)\.\d+\.tmp$/;

/**
 * Ties the graph file to the database it was saved from: which database (its identity), which state of it (the
 * generation), which paragraphs it holds, which model made the vectors, and the file's exact bytes. hnswlib
 * trusts whatever it reads (a damaged file gives wrong neighbours or a segmentation fault), so nothing reads a
 * graph file whose size and SHA-256 differ from these.
 */
export interface Manifest {
  database: string;
  generation: number;
  model: string;
  dimension: number;
  graphFile: string;
  graphBytes: number;
  graphSha256: string;
  /** The paragraph ids the graph holds, as [first, last] runs. */
  paragraphs: [number, number][];
  savedAt: string;
}

/** What the graph is expected to match: the database and model of the index opening it. */
export interface GraphOwner {
  database: string | null;
  model: string;
  dimension: number;
}

export type SavedGraph =
  | { state: 'none' }
  | { state: 'unusable'; file: string; reason: string }
  | { state: 'loaded'; vectors: VectorIndex; manifest: Manifest; manifestText: string };

function toRuns(ids: number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const id of ids.sort((a, b) => a - b)) {
    const last = runs.at(-1);
    if (last && id === last[1] + 1) last[1] = id;
    else runs.push([id, id]);
  }
  return runs;
}

/** The paragraph ids a saved graph holds. */
function* paragraphIdsOf(manifest: Manifest): Generator<number> {
  for (const [first, last] of manifest.paragraphs) for (let id = first; id <= last; id++) yield id;
}

function sha256Of(file: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1 << 20);
  const handle = fs.openSync(file, 'r');
  try {
    for (let read; (read = fs.readSync(handle, buffer, 0, buffer.length, null)) > 0;) hash.update(buffer.subarray(0, read));
  } finally {
    fs.closeSync(handle);
  }
  return hash.digest('hex');
}

/** Flushes a file's or a folder's contents (a folder's: the names in it) to disk; Linux fsyncs either read-only. */
function syncToDisk(fileOrFolder: string): void {
  const handle = fs.openSync(fileOrFolder, 'r');
  try {
    fs.fsyncSync(handle);
  } finally {
    fs.closeSync(handle);
  }
}

function writeFileAtomically(file: string, contents: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, contents);
  syncToDisk(temporary);
  fs.renameSync(temporary, file);
  syncToDisk(path.dirname(file));
}

function readManifestText(dir: string): string | null {
  try {
    return fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Why the saved graph cannot serve this index, or null when its file is exactly the one the manifest describes. */
function problemWith(dir: string, manifest: Manifest, owner: GraphOwner, generation: number): string | null {
  const problem = problemBesidesChecksum(dir, manifest, owner, generation);
  if (problem) return problem;
  if (sha256Of(path.join(dir, manifest.graphFile)) !== manifest.graphSha256) return 'its checksum differs from the manifest';
  return null;
}

/** What problemWith finds without reading the file's bytes: everything but the checksum. */
function problemBesidesChecksum(dir: string, manifest: Manifest, owner: GraphOwner, generation: number): string | null {
  if (typeof manifest.graphSha256 !== 'string' || !Array.isArray(manifest.paragraphs)) {
    return 'its manifest has no checksum (saved by an older version)';
  }
  if (manifest.database !== owner.database) return 'it was saved for another database';
  if (manifest.model !== owner.model || manifest.dimension !== owner.dimension)
    return `it holds vectors of another model (${manifest.model})`;
  if (manifest.generation > generation) return 'it was saved for a newer state of the database';
  const file = path.join(dir, manifest.graphFile);
  if (!fs.existsSync(file)) return 'the file is missing';
  const bytes = fs.statSync(file).size;
  if (bytes !== manifest.graphBytes) return `it has ${bytes} bytes where the manifest says ${manifest.graphBytes}`;
  return null;
}

function parseManifest(text: string): Manifest | null {
  try {
    return JSON.parse(text) as Manifest;
  } catch {
    return null;
  }
}

function tryLoad(dir: string, text: string, owner: GraphOwner, currentGeneration: () => number, source: VectorSource): SavedGraph {
  const manifest = parseManifest(text);
  if (!manifest) return { state: 'unusable', file: path.join(dir, MANIFEST_FILE), reason: 'the manifest is not valid JSON' };
  const file = path.join(dir, manifest.graphFile);
  // Read after the manifest: a writer commits before it saves, so the database is never behind a graph read this way.
  const problem = problemWith(dir, manifest, owner, currentGeneration());
  if (problem) return { state: 'unusable', file, reason: problem };
  try {
    const vectors = VectorIndex.read(file, owner.dimension, source, paragraphIdsOf(manifest));
    return { state: 'loaded', vectors, manifest, manifestText: text };
  } catch (error) {
    return { state: 'unusable', file, reason: `the graph library rejected it: ${(error as Error).message}` };
  }
}

/**
 * Reads the saved graph when its file checks out. A writer may swap in a newer graph (and delete this one) while
 * it is being read, so a failure is tried once more when the manifest changed meanwhile.
 */
export function loadSavedGraph(dir: string, owner: GraphOwner, currentGeneration: () => number, source: VectorSource): SavedGraph {
  let text = readManifestText(dir);
  for (let attempt = 1; ; attempt++) {
    if (text === null) return { state: 'none' };
    const saved = tryLoad(dir, text, owner, currentGeneration, source);
    const now = readManifestText(dir);
    if (saved.state === 'loaded' || now === text || attempt === 2) return saved;
    text = now;
  }
}

/** The saved manifest's text, or null when there is none: a read of a few hundred bytes, never of the graph. */
export function savedManifestText(dir: string): string | null {
  return readManifestText(dir);
}

/** The generation a manifest's text was saved for, or -1 when it names none. */
export function generationOf(manifestText: string | null): number {
  const generation = manifestText === null ? undefined : parseManifest(manifestText)?.generation;
  return typeof generation === 'number' ? generation : -1;
}

/** SHA-256 of a file read in 1 MB pieces, each hashed between other work on the event loop. */
async function sha256InBackground(file: string): Promise<string> {
  const hash = createHash('sha256');
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (let read; (read = (await handle.read(buffer, 0, buffer.length, null)).bytesRead) > 0;) hash.update(buffer.subarray(0, read));
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

/**
 * Reads the graph the manifest `text` describes, as loadSavedGraph does but without holding up the event loop: the
 * checksum is computed a megabyte at a time and hnswlib reads the file on its own thread. A reader that follows
 * another process's indexing loads the newer graph this way while the one it has keeps answering. `superseded`:
 * the manifest changed while the file was read (a writer saved again), so what was read is not used.
 */
export async function loadSavedGraphInBackground(
  dir: string,
  text: string,
  owner: GraphOwner,
  currentGeneration: () => number,
  source: VectorSource,
): Promise<SavedGraph | { state: 'superseded' }> {
  const manifest = parseManifest(text);
  if (!manifest) return { state: 'unusable', file: path.join(dir, MANIFEST_FILE), reason: 'the manifest is not valid JSON' };
  const file = path.join(dir, manifest.graphFile);
  const superseded = () => readManifestText(dir) !== text;
  try {
    const problem =
      problemBesidesChecksum(dir, manifest, owner, currentGeneration()) ??
      ((await sha256InBackground(file)) !== manifest.graphSha256 ? 'its checksum differs from the manifest' : null);
    if (problem) return superseded() ? { state: 'superseded' } : { state: 'unusable', file, reason: problem };
  } catch (error) {
    // The file went between the check and the read: a writer saved a newer graph and removed this one.
    if (superseded()) return { state: 'superseded' };
    throw error;
  }
  let vectors: VectorIndex;
  try {
    vectors = await VectorIndex.readInBackground(file, owner.dimension, source, paragraphIdsOf(manifest));
  } catch (error) {
    if (superseded()) return { state: 'superseded' };
    return { state: 'unusable', file, reason: `the graph library rejected it: ${(error as Error).message}` };
  }
  if (superseded()) {
    vectors.release();
    return { state: 'superseded' };
  }
  return { state: 'loaded', vectors, manifest, manifestText: text };
}

/**
 * Whether the saved graph is the database's current state with a file that checks out. Only a graph this process
 * read or wrote itself counts (`known`, its manifest's text): a checksum proves the bytes are the ones saved, not
 * that the graph library accepts them.
 */
export function savedGraphIsCurrent(dir: string, owner: GraphOwner, generation: number, known: string | null): boolean {
  const text = readManifestText(dir);
  const manifest = text === null || text !== known ? null : parseManifest(text);
  return manifest?.generation === generation && problemWith(dir, manifest, owner, generation) === null;
}

/**
 * Saves the graph for the database's current state: the graph file is written under a new name, fsynced and
 * renamed, then the manifest likewise; a crash at any moment leaves the old pair or the new one. Older graph
 * files go only once the new manifest no longer names them. Returns the manifest's text.
 */
export function saveGraph(dir: string, vectors: VectorIndex, owner: GraphOwner & { database: string }, generation: number): string {
  const graphFile = `vectors-${generation}.hnsw`;
  const file = path.join(dir, graphFile);
  const temporary = `${file}.${process.pid}.tmp`;
  vectors.write(temporary);
  syncToDisk(temporary);
  const manifest: Manifest = {
    database: owner.database,
    generation,
    model: owner.model,
    dimension: owner.dimension,
    graphFile,
    graphBytes: fs.statSync(temporary).size,
    graphSha256: sha256Of(temporary),
    paragraphs: toRuns(vectors.paragraphIds()),
    savedAt: new Date().toISOString(),
  };
  fs.renameSync(temporary, file);
  syncToDisk(dir);
  const text = JSON.stringify(manifest);
  writeFileAtomically(path.join(dir, MANIFEST_FILE), text);
  for (const name of fs.readdirSync(dir)) {
    if (GRAPH_FILE.test(name) && name !== graphFile) fs.rmSync(path.join(dir, name), { force: true });
  }
  return text;
}

/** Removes what killed saves left behind; only a writer holding the folder's lock may call this. */
export function removeTemporaryFiles(dir: string): void {
  for (const name of fs.readdirSync(dir)) {
    if (TEMPORARY_FILE.test(name)) fs.rmSync(path.join(dir, name), { force: true });
  }
}
