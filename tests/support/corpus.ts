import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The read-only real statements beside the repository. */
export const SHARED_CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus');
export const SEED_FILE = path.join(SHARED_CORPUS, 'seed', '000_129fec8e5b34501d.txt');

export function sharedFile(relative: string): string {
  return path.join(SHARED_CORPUS, relative);
}

export function temporaryDir(prefix = 'verbatim-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Copies real statement files into a scratch folder, so a test may change or delete them. */
export function scratchCorpus(relativeFiles: string[]): string {
  const dir = temporaryDir('verbatim-corpus-');
  for (const relative of relativeFiles) fs.copyFileSync(sharedFile(relative), path.join(dir, path.basename(relative)));
  return dir;
}
