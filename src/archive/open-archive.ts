import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { metadataFileOf, statementReader, type CorpusReader } from '../corpus/reader.js';
import { findCountryMentions } from '../corpus/countries.js';
import { OrganizationAliases, type Organization } from '../corpus/organizations.js';
import type { Embedder } from '../embed/embedder.js';
import { ensureModel } from '../embed/provision.js';
import { TransformersEmbedder } from '../embed/transformers-embedder.js';
import { IndexNotWritableError } from '../index/errors.js';
import { emptyReport, removeStatements, updateIndex, type IndexProgress, type IndexReport } from '../index/indexer.js';
import { IntegrityWatch } from '../index/integrity.js';
import { databaseFileOf, ParagraphIndex, type IndexWriter } from '../index/paragraph-index.js';
import type { WriterLock } from '../index/writer-lock.js';
import type { Logger } from '../log.js';
import { damagedIndexRefusal } from '../remedies.js';
import type { Archive, ArchiveStats, CountrySummary, StatementOverrides } from './archive.js';
import { anyPhraseQuery } from '../search/lexical-query.js';
import { noFilters } from '../search/question.js';
import { Searcher } from '../search/searcher.js';
import { SourceFinder, type SourceFinding } from '../search/source.js';
import type { SpeakerSuggestion } from '../search/speakers.js';
import { TrendFinder, type CountedStatements, type Trend, type TrendQuery } from '../search/trend.js';
import type { Scope } from '../index/scope.js';
import type { Passage, SearchResult } from '../search/types.js';

/** Keeps what a moderator stated about an upload beside the file, so every later reindex reads it again. */
function writeMetadataFile(file: string, metadata: Record<string, unknown>): void {
  const temporary = `${metadataFileOf(file)}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(metadata, null, 2));
  fs.renameSync(temporary, metadataFileOf(file));
}

/** The real model, provisioned offline when needed (see src/embed/provision.ts). */
export async function loadEmbedder(config: Config, log: Logger): Promise<Embedder> {
  const passages = await ensureModel(config, log);
  // A folder of one's own (MODEL_PATH) holds one model, which then embeds questions too.
  const questionModel = passages.source === 'user' ? undefined : passages.spec.questionModel;
  const questions = questionModel ? await ensureModel({ ...config, MODEL: questionModel }, log) : undefined;
  return TransformersEmbedder.load(passages, config.EMBED_WORKERS, questions);
}

/**
 * The archive behind every front end: one index folder, one embedder, one writer at a time. It opens the index
 * for reading; writes (reindex, uploads) are queued, each taking the folder's write lock, and searches go on
 * against the committed state while they run. Its database is checked in the background (see IntegrityWatch): once
 * that check or a read finds it damaged, every question is refused with the file and the repair.
 */
export class IndexedArchive implements Archive {
  private readonly searcher: Searcher;
  private readonly trends: TrendFinder;
  private readonly sources: SourceFinder;
  private aliases: { generation: number; table: OrganizationAliases } | null = null;
  private countryList: { generation: number; list: CountrySummary[] } | null = null;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    readonly index: ParagraphIndex,
    readonly embedder: Embedder,
    private readonly reader: CorpusReader,
    private readonly log: Logger,
    readonly integrity: IntegrityWatch = IntegrityWatch.none(),
  ) {
    this.searcher = new Searcher({
      index,
      embedder,
      findCountries: findCountryMentions,
      organizationsIn: (text) => this.organizations().organizationsIn(text),
    });
    this.trends = new TrendFinder({ index, searcher: this.searcher, organization: (text) => this.organization(text) });
    this.sources = new SourceFinder({ index, searcher: this.searcher, findCountries: findCountryMentions });
  }

  get retrieval(): Searcher {
    return this.searcher;
  }

  damage(): string | null {
    const damage = this.integrity.damage();
    return damage ? damagedIndexRefusal(damage.file, damage.detail) : null;
  }

  search(question: string, options: Parameters<Archive['search']>[1]): Promise<SearchResult> {
    return this.answer(() => this.searcher.search(question, options));
  }

  context(passageId: number, radius: number): Passage[] {
    return this.read(() => this.index.store.paragraphs.around(passageId, radius).map((p) => this.searcher.toPassage(p)));
  }

  passage(passageId: number): Passage | null {
    const paragraph = this.read(() => this.index.store.paragraphs.byId(passageId));
    return paragraph ? this.searcher.toPassage(paragraph) : null;
  }

  findOrganizations(text: string, limit: number): Organization[] {
    return this.organizations().find(text, limit);
  }

  organization(key: string): Organization | null {
    return this.organizations().resolve(key);
  }

  async aboutOrganization(key: string, options: { question?: string; k: number; offset?: number }): Promise<SearchResult> {
    const organization = this.organization(key);
    const mentioning = organization ? anyPhraseQuery([organization.key, ...organization.names]) : null;
    if (!organization || !mentioning) return { question: options.question ?? key, filters: noFilters(), hits: [], confident: false };
    return this.answer(() => this.lookup({ ...noFilters(), mentioning }, options.question, options.k, options.offset ?? 0, key));
  }

  findCountries(text: string, limit: number): CountrySummary[] {
    const needle = text.trim().toLowerCase();
    const all = this.countries();
    const matches = needle ? all.filter((c) => c.code.toLowerCase() === needle || (c.name ?? '').toLowerCase().includes(needle)) : [...all];
    const startsFirst = (c: CountrySummary) => ((c.name ?? '').toLowerCase().startsWith(needle) || c.code.toLowerCase() === needle ? 0 : 1);
    return matches.sort((a, b) => startsFirst(a) - startsFirst(b) || b.statements - a.statements).slice(0, limit);
  }

  suggestSpeakers(typed: string, limit: number): SpeakerSuggestion[] {
    return this.searcher.speakers().suggest(typed, limit);
  }

  async byCountry(code: string, options: { topic?: string; k: number; offset?: number }): Promise<SearchResult> {
    return this.answer(() =>
      this.lookup({ ...noFilters(), countries: [code.toUpperCase()] }, options.topic, options.k, options.offset ?? 0, code),
    );
  }

  stats(): ArchiveStats {
    let counts: ReturnType<typeof this.index.store.statements.counts>;
    try {
      counts = this.index.store.statements.counts();
    } catch (error) {
      throw this.integrity.noticeRead(error) ?? error;
    }
    return {
      statements: counts.statements,
      paragraphs: counts.paragraphs,
      countries: counts.countries,
      years: { first: counts.firstYear, last: counts.lastYear },
      bodies: counts.bodies as ArchiveStats['bodies'],
      model: this.embedder.modelName,
      indexedAt: this.index.store.meta.get('indexed_at'),
      integrity: { check: this.integrity.state.state, pageChecksums: this.index.store.keepsPageChecksums() },
    };
  }

  /** On a folder this process may not write (a read-only copy), the index is answered from as it is. */
  async reindex(roots: string[], onProgress?: (p: IndexProgress) => void): Promise<IndexReport> {
    try {
      return await this.write((writer) =>
        updateIndex(writer, roots, { reader: this.reader, embedder: this.embedder, log: this.log, onProgress }),
      );
    } catch (error) {
      if (!(error instanceof IndexNotWritableError)) throw error;
      this.log.warn({ dir: this.index.dir }, `${error.message}; answering from the index as it is`);
      return emptyReport();
    }
  }

  async addStatement(filePath: string, overrides: StatementOverrides): Promise<{ paragraphs: number }> {
    const absolute = path.resolve(filePath);
    const stated = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
    const report = await this.write((writer) => {
      if (Object.keys(stated).length > 0) writeMetadataFile(absolute, stated);
      return updateIndex(writer, [absolute], {
        reader: this.reader,
        embedder: this.embedder,
        log: this.log,
        overrides: new Map([[absolute, overrides]]),
        pruneUnder: [],
      });
    });
    const problem = report.unreadable.find((u) => path.resolve(u.path) === absolute);
    if (problem) throw new Error(problem.reason);
    return { paragraphs: report.paragraphsAdded };
  }

  async removeStatement(filePath: string): Promise<{ paragraphs: number }> {
    const absolute = path.resolve(filePath);
    return this.write(async (writer) => {
      fs.rmSync(metadataFileOf(absolute), { force: true });
      const statement = writer.store.statements.byPath(absolute);
      return { paragraphs: statement ? removeStatements(writer, [statement]).length : 0 };
    });
  }

  trend(query: TrendQuery): Promise<Trend> {
    return this.answer(() => this.trends.trend(query));
  }

  countedStatements(query: TrendQuery, year: number, page: { k: number; offset: number }): CountedStatements {
    return this.read(() => this.trends.counted(query, year, page));
  }

  findSource(text: string): Promise<SourceFinding> {
    return this.answer(() => this.sources.find(text));
  }

  close(): void {
    this.integrity.close();
    this.index.close();
  }

  /**
   * An answer from the index, never one read from a database known to be damaged: refused before it starts, and
   * after it ends when the background check found damage meanwhile; a read SQLite calls malformed refuses it too.
   * Until the first check ends, answers go on (on a database under 64 MB they wait for it: under 0.1 s).
   */
  private async answer<T>(work: () => Promise<T>): Promise<T> {
    this.refuseWhenDamaged();
    await this.integrity.beforeAnswer(this.read(() => this.index.store.meta.generation));
    this.refuseWhenDamaged();
    let result: T;
    try {
      result = await work();
    } catch (error) {
      throw this.integrity.noticeRead(error) ?? error;
    }
    this.refuseWhenDamaged();
    return result;
  }

  /** A read for a reply (context, a page of counted statements): refused, like answers, once damage is known. */
  private read<T>(work: () => T): T {
    this.refuseWhenDamaged();
    try {
      return work();
    } catch (error) {
      throw this.integrity.noticeRead(error) ?? error;
    }
  }

  private refuseWhenDamaged(): void {
    const damage = this.integrity.damage();
    if (damage) throw damage;
  }

  private async lookup(scope: Scope, question: string | undefined, k: number, offset: number, label: string): Promise<SearchResult> {
    if (question?.trim()) return this.searcher.searchWithin(question, scope, k, offset);
    const paragraphs = this.index.store.paragraphs.inOrder(scope, k, offset);
    return {
      question: label,
      filters: { countries: scope.countries, years: scope.years, body: scope.body },
      hits: paragraphs.map((p, i) => ({ ...this.searcher.toPassage(p), rank: offset + i + 1, score: 0, similarity: 0 })),
      confident: paragraphs.length > 0,
    };
  }

  /** Every country with its statement count; grouping all statements per lookup cost up to 170 ms a region answer. */
  private countries(): CountrySummary[] {
    const generation = this.index.store.meta.generation;
    if (this.countryList?.generation !== generation) this.countryList = { generation, list: this.index.store.statements.countries() };
    return this.countryList.list;
  }

  private organizations(): OrganizationAliases {
    const generation = this.index.store.meta.generation;
    if (this.aliases?.generation !== generation) {
      this.aliases = { generation, table: OrganizationAliases.fromNames(this.index.store.statements.organizationNames()) };
    }
    return this.aliases.table;
  }

  /** Runs writes one after another, each holding the folder's lock so a CLI run cannot write at the same time. */
  private write<T>(work: (writer: IndexWriter) => Promise<T>): Promise<T> {
    const run = this.writes.then(() => this.index.write(work));
    this.writes = run.catch(() => undefined);
    return run;
  }
}

/**
 * Opens the archive for reading. `lock`: the folder's write lock, taken by a process that is there to write (the
 * `index` command) before it loads the model or the graph, and held until the archive closes.
 */
export async function openArchive(
  config: Config,
  log: Logger,
  embedder?: Embedder,
  lock: WriterLock | null = null,
): Promise<IndexedArchive> {
  // Started first, so that the check runs while the model and the graph load; a process there to write (it holds
  // the lock) checks the database before each write instead.
  const integrity = lock ? IntegrityWatch.none() : IntegrityWatch.start(databaseFileOf(config.INDEX_DIR), log);
  try {
    const model = embedder ?? (await loadEmbedder(config, log));
    const index = ParagraphIndex.open(config.INDEX_DIR, model.modelName, model.dimension, log, lock);
    return new IndexedArchive(index, model, statementReader({ speakersCsv: config.SPEAKERS_CSV }), log, integrity);
  } catch (error) {
    integrity.close();
    lock?.release();
    throw error;
  }
}
