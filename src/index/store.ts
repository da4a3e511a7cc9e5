import { corruptionDetail, isCorruption } from './errors.js';
import { LexicalIndex } from './lexical.js';
import { MetaTable } from './meta-table.js';
import { ParagraphsTable } from './paragraphs-table.js';
import { keepsPageChecksums, keepWalFiles, Migrations, openEmpty, openReadOnly, openWritable, type Db } from './schema.js';
import { StatementsTable } from './statements-table.js';
import { ParagraphVectors, SentenceVectors } from './vector-tables.js';
import { YearSpans } from './year-spans.js';

/**
 * Paragraphs, their statements' metadata, a full-text index and the paragraph vectors, in one SQLite file,
 * opened once and read and written through its parts. Every change is one transaction, so a crash leaves the
 * previous or the next state, never a mix.
 */
export class Store {
  readonly meta: MetaTable;
  readonly statements: StatementsTable;
  readonly paragraphs: ParagraphsTable;
  readonly vectors: ParagraphVectors;
  readonly sentenceVectors: SentenceVectors;
  readonly lexical: LexicalIndex;
  readonly yearSpans: YearSpans;
  readonly migrations: Migrations;

  private constructor(private readonly db: Db) {
    this.meta = new MetaTable(db);
    this.paragraphs = new ParagraphsTable(db);
    this.statements = new StatementsTable(db, this.paragraphs);
    this.vectors = new ParagraphVectors(db);
    this.sentenceVectors = new SentenceVectors(db);
    this.lexical = new LexicalIndex(db, this.meta);
    this.yearSpans = new YearSpans(db);
    this.migrations = new Migrations(db);
  }

  static openForWriting(file: string): Store {
    return new Store(openWritable(file));
  }

  /** A file without our tables (a first run killed at its start) reads as an empty index. */
  static openForReading(file: string): Store {
    const db = openReadOnly(file);
    return db ? new Store(db) : Store.empty();
  }

  static empty(): Store {
    return new Store(openEmpty());
  }

  /** Whether this is a file on disk rather than the empty stand-in. */
  get onDisk(): boolean {
    return !this.db.memory;
  }

  /** Whether every page read from the file is verified against its checksum (page-checksums.ts). */
  keepsPageChecksums(): boolean {
    return keepsPageChecksums(this.db);
  }

  /** SQLite's `PRAGMA data_version`: changes when another connection commits, so a reader notices for microseconds. */
  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  close(): void {
    const { name, readonly, memory } = this.db;
    this.db.close();
    if (!readonly && !memory) keepWalFiles(name);
  }

  /** SQLite's structural check of every page (about a quarter of a second per 200 MB): the first problems found, if any. */
  problems(): string[] {
    try {
      return (this.db.pragma('quick_check(10)') as { quick_check: string }[])
        .flatMap((row) => row.quick_check.split('\n'))
        .filter((line) => line !== 'ok' && !line.startsWith('***'));
    } catch (error) {
      if (isCorruption(error)) return [corruptionDetail(error)];
      throw error;
    }
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }
}
