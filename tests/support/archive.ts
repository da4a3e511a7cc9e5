import { loadConfig } from '../../src/config.js';
import type { Embedder } from '../../src/embed/embedder.js';
import { createLogger } from '../../src/log.js';
import { loadEmbedder, openArchive, type IndexedArchive } from '../../src/archive/open-archive.js';
import { copySharedInto, temporaryDir } from './corpus.js';

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

/** A folder of real statements (paths from the corpus), already indexed in `dir`: the graph saved, level with the database. */
export async function indexedCorpus(files: string[]): Promise<{ corpus: string; dir: string }> {
  const corpus = temporaryDir('verbatim-corpus-');
  const dir = temporaryDir('verbatim-index-');
  copySharedInto(corpus, files);
  const archive = await openTestArchive(dir);
  await archive.reindex([corpus]);
  archive.close();
  return { corpus, dir };
}
