/**
 * The archive the bot tests answer from: the in-memory fake over real statements (the seed file and
 * ../shared/corpus files listed in defaultFixtureFiles()). Switching to the real index is this one choice:
 * VERBATIM_BOT_ARCHIVE=real (or change the default below) opens it with openArchive, the same statements
 * indexed once into embeddings/test-bot-index (kept between runs; unchanged files are skipped).
 */
import path from 'node:path';
import { loadConfig, projectRoot, type Config } from '../../src/config.js';
import type { Archive } from '../../src/archive/archive.js';
import { defaultFixtureFiles, FakeArchive } from '../support/discord/fake-archive.js';

/** True when the tests run against the real index; a few tests of the fake's own paragraphing then skip. */
export const usesRealArchive = process.env.VERBATIM_BOT_ARCHIVE === 'real';

export async function openTestArchive(config: Config = loadConfig()): Promise<Archive> {
  if (!usesRealArchive) return FakeArchive.load();
  const { openArchive } = await import('../../src/archive/open-archive.js');
  const { createLogger } = await import('../../src/log.js');
  const archive = await openArchive({ ...config, INDEX_DIR: path.join(projectRoot, 'embeddings', 'test-bot-index') }, createLogger('warn'));
  for (const file of defaultFixtureFiles()) await archive.addStatement(file, {});
  return archive;
}
