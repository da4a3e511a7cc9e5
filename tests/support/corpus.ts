import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The read-only real statements beside the repository: tests read them in place, never copies in git. */
export const SHARED_CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
export const SHARED_EVAL = fileURLToPath(new URL('../../../shared/eval/', import.meta.url));
export const SEED_FILE = path.join(SHARED_CORPUS, 'seed', '000_129fec8e5b34501d.txt');

export function sharedFile(relative: string): string {
  return path.join(SHARED_CORPUS, relative);
}

const made: string[] = [];
// On exit rather than in a vitest hook, so the benchmark and demo scripts can share these helpers.
process.once('exit', () => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A scratch folder for files a test makes, removed when the process ends. */
export function temporaryDir(prefix = 'verbatim-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** The statement files of a folder of the shared corpus, sorted, as paths from the corpus ("ungdc/2015/AFG_70_2015.txt"). */
export function sharedFolderFiles(folder: string): string[] {
  return fs
    .readdirSync(sharedFile(folder))
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => `${folder}/${name}`);
}

/** Copies real statement files (paths from the corpus) into a folder a test owns. */
export function copySharedInto(folder: string, relativeFiles: string[]): void {
  for (const relative of relativeFiles) fs.copyFileSync(sharedFile(relative), path.join(folder, path.basename(relative)));
}

/** Copies real statement files into a scratch folder, so a test may change or delete them. */
export function scratchCorpus(relativeFiles: string[]): string {
  const dir = temporaryDir('verbatim-corpus-');
  copySharedInto(dir, relativeFiles);
  return dir;
}
