import { loadConfig } from '../../src/config.js';
import type { Embedder } from '../../src/embed/embedder.js';
import { createLogger } from '../../src/log.js';
import { loadEmbedder, openArchive, type IndexedArchive } from '../../src/archive/open-archive.js';
import { temporaryDir } from './corpus.js';

let shared: Promise<Embedder> | undefined;

/** The real model, loaded once per test file. */
export function realEmbedder(): Promise<Embedder> {
  shared ??= loadEmbedder(loadConfig(), createLogger('silent'));
  return shared;
}

/** A real archive (real model, real SQLite and HNSW files) in a fresh folder. */
export async function openTestArchive(indexDir = temporaryDir('verbatim-index-')): Promise<IndexedArchive> {
  return openArchive({ ...loadConfig(), INDEX_DIR: indexDir }, createLogger('silent'), await realEmbedder());
}
