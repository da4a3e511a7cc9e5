import fs from 'node:fs';
import path from 'node:path';
import { DamagedIndexError, describeProblems, rebuildCommand } from './errors.js';
import { loadSavedGraph } from './graph-file.js';
import { loadPageChecksums } from './page-checksums.js';
import { databaseFileOf } from './paragraph-index.js';
import { Store } from './store.js';

/** What `npm run index -- --check` says about one part of the index. */
export interface Finding {
  part: 'database' | 'graph' | 'model';
  ok: boolean;
  file: string;
  detail: string;
  /** The command that puts it right, when it is not. */
  remedy?: string;
}

const INDEX_COMMAND = 'npm run index';

function pageChecksumsMissing(): string {
  const checksums = loadPageChecksums();
  return checksums.state === 'on'
    ? `the next \`${INDEX_COMMAND}\` adds them, once`
    : `this process cannot verify them: ${checksums.reason}`;
}

function checkDatabase(store: Store, file: string, dir: string): Finding {
  const problems = store.problems();
  if (problems.length > 0) return { part: 'database', ok: false, file, detail: describeProblems(problems), remedy: rebuildCommand(dir) };
  const { statements, paragraphs } = store.statements.counts();
  const checksums = store.keepsPageChecksums() ? 'every page matches its checksum' : `no page checksums (${pageChecksumsMissing()})`;
  const detail = `${statements} statements, ${paragraphs} paragraphs, generation ${store.meta.generation}; SQLite's quick_check found nothing wrong; ${checksums}`;
  return { part: 'database', ok: true, file, detail };
}

function checkModel(store: Store, file: string, dir: string, model: string, dimension: number): Finding {
  const indexed = store.meta.get('model');
  if (indexed !== null && indexed !== model) {
    return {
      part: 'model',
      ok: false,
      file,
      detail: `the index holds vectors of ${indexed}, this configuration uses ${model}`,
      remedy: `${INDEX_COMMAND} (embeds every paragraph again with ${model}), or set MODEL to the index's model`,
    };
  }
  const odd = store.vectors.notOfDimension(dimension);
  if (odd > 0)
    return {
      part: 'model',
      ok: false,
      file,
      detail: `${odd} stored vectors do not have ${dimension} dimensions`,
      remedy: rebuildCommand(dir),
    };
  return { part: 'model', ok: true, file, detail: `${model}, every stored vector has ${dimension} dimensions` };
}

function checkGraph(store: Store, dir: string, model: string, dimension: number): Finding {
  const saved = loadSavedGraph(
    dir,
    { database: store.meta.identity, model, dimension },
    () => store.meta.generation,
    () => [],
  );
  const paragraphs = store.paragraphs.ids();
  if (saved.state === 'none') {
    return paragraphs.length === 0
      ? { part: 'graph', ok: true, file: dir, detail: 'no graph saved, and none needed: the index is empty' }
      : { part: 'graph', ok: false, file: dir, detail: 'no graph saved: readers build it from the stored vectors', remedy: INDEX_COMMAND };
  }
  if (saved.state === 'unusable') {
    const detail = `${saved.reason}: readers rebuild it from the stored vectors`;
    return { part: 'graph', ok: false, file: saved.file, detail, remedy: INDEX_COMMAND };
  }
  const file = path.join(dir, saved.manifest.graphFile);
  const lacking = paragraphs.filter((id) => !saved.vectors.has(id)).length;
  const extra = saved.vectors.size - (paragraphs.length - lacking);
  if (lacking + extra === 0) return { part: 'graph', ok: true, file, detail: `${saved.vectors.size} paragraphs, level with the database` };
  const detail =
    `${saved.vectors.size} paragraphs; lacks ${lacking} the database holds and holds ${extra} it no longer does ` +
    `(readers add the difference; the next \`${INDEX_COMMAND}\` saves it level)`;
  return { part: 'graph', ok: true, file, detail };
}

/** Checks the database (SQLite's quick_check), the model its vectors come from, and the saved graph; changes nothing. */
export function checkIndex(dir: string, model: string, dimension: number): Finding[] {
  const file = databaseFileOf(dir);
  if (!fs.existsSync(file)) return [{ part: 'database', ok: false, file, detail: 'there is no index here', remedy: INDEX_COMMAND }];
  let store: Store;
  try {
    store = Store.openForReading(file);
  } catch (error) {
    if (!(error instanceof DamagedIndexError)) throw error;
    return [{ part: 'database', ok: false, file, detail: error.detail, remedy: rebuildCommand(dir) }];
  }
  try {
    const database = checkDatabase(store, file, dir);
    // The other checks would read the damaged pages; the database is rebuilt first anyway.
    if (!database.ok) return [database];
    return [database, checkModel(store, file, dir, model, dimension), checkGraph(store, dir, model, dimension)];
  } finally {
    store.close();
  }
}
