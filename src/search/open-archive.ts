import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { metadataFileOf, statementReader, type CorpusReader } from '../corpus/reader.js';
import { findCountryMentions } from '../corpus/countries.js';
import { OrganizationAliases } from '../corpus/organizations.js';
import type { Embedder } from '../embed/embedder.js';
import { ensureModel } from '../embed/provision.js';
import { TransformersEmbedder } from '../embed/transformers-embedder.js';
import { updateIndex } from '../index/indexer.js';
import { ParagraphIndex } from '../index/paragraph-index.js';
import type { Logger } from '../log.js';
import type {
  Archive,
  ArchiveStats,
  CountrySummary,
  IndexProgress,
  IndexReport,
  Organization,
  StatementOverrides,
} from './archive.js';
import { anyPhraseQuery } from './lexical-query.js';
import { noFilters } from './question.js';
import { Searcher } from './searcher.js';
import { TrendFinder, type Trend, type TrendQuery } from './trend.js';
import type { Passage, Scope, SearchResult } from './types.js';

/** Keeps what a moderator stated about an upload beside the file, so every later reindex reads it again. */
function writeMetadataFile(file: string, metadata: Record<string, unknown>): void {
  const temporary = `${metadataFileOf(file)}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(metadata, null, 2));
  fs.renameSync(temporary, metadataFileOf(file));
}

/** The real model, provisioned offline when needed (see src/embed/provision.ts). */
export async function loadEmbedder(config: Config, log: Logger): Promise<Embedder> {
  return TransformersEmbedder.load(await ensureModel(config, log), config.EMBED_WORKERS);
}

/**
 * The archive behind every front end: one index folder, one embedder, one writer at a time. Writes (reindex,
 * uploads) are queued; searches go on against the committed state while they run.
 */
export class IndexedArchive implements Archive {
  private readonly searcher: Searcher;
  private readonly trends: TrendFinder;
  private aliases: { generation: number; table: OrganizationAliases } | null = null;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    readonly index: ParagraphIndex,
    readonly embedder: Embedder,
    private readonly reader: CorpusReader,
    private readonly log: Logger,
  ) {
    this.searcher = new Searcher({
      index,
      embedder,
      findCountries: findCountryMentions,
      organizationsIn: (text) => this.organizations().organizationsIn(text),
    });
    this.trends = new TrendFinder({ index, searcher: this.searcher, embedder, organization: (text) => this.organization(text) });
  }

  get retrieval(): Searcher {
    return this.searcher;
  }

  search(question: string, options: Parameters<Archive['search']>[1]): Promise<SearchResult> {
    return this.searcher.search(question, options);
  }

  context(passageId: number, radius: number): Passage[] {
    return this.index.store.paragraphsAround(passageId, radius).map((p) => this.searcher.toPassage(p));
  }

  passage(passageId: number): Passage | null {
    const paragraph = this.index.store.paragraph(passageId);
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
    return this.lookup({ ...noFilters(), mentioning }, options.question, options.k, options.offset ?? 0, key);
  }

  findCountries(text: string, limit: number): CountrySummary[] {
    const needle = text.trim().toLowerCase();
    const all = this.index.store.countries();
    const matches = needle
      ? all.filter((c) => c.code.toLowerCase() === needle || (c.name ?? '').toLowerCase().includes(needle))
      : all;
    const startsFirst = (c: CountrySummary) => ((c.name ?? '').toLowerCase().startsWith(needle) || c.code.toLowerCase() === needle ? 0 : 1);
    return matches.sort((a, b) => startsFirst(a) - startsFirst(b) || b.statements - a.statements).slice(0, limit);
  }

  async byCountry(code: string, options: { topic?: string; k: number; offset?: number }): Promise<SearchResult> {
    return this.lookup({ ...noFilters(), countries: [code.toUpperCase()] }, options.topic, options.k, options.offset ?? 0, code);
  }

  stats(): ArchiveStats {
    const counts = this.index.store.counts();
    return {
      statements: counts.statements,
      paragraphs: counts.paragraphs,
      countries: counts.countries,
      years: { first: counts.firstYear, last: counts.lastYear },
      bodies: counts.bodies as ArchiveStats['bodies'],
      model: this.embedder.modelName,
      indexedAt: this.index.store.getMeta('indexed_at'),
    };
  }

  reindex(roots: string[], onProgress?: (p: IndexProgress) => void): Promise<IndexReport> {
    return this.write(() => updateIndex(this.index, roots, { reader: this.reader, embedder: this.embedder, log: this.log, onProgress }));
  }

  async addStatement(filePath: string, overrides: StatementOverrides): Promise<{ paragraphs: number }> {
    const absolute = path.resolve(filePath);
    const stated = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
    const report = await this.write(() => {
      if (Object.keys(stated).length > 0) writeMetadataFile(absolute, stated);
      return updateIndex(this.index, [absolute], {
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
    return this.write(async () => {
      fs.rmSync(metadataFileOf(absolute), { force: true });
      const statement = this.index.store.statementByPath(absolute);
      if (!statement) return { paragraphs: 0 };
      const ids = this.index.store.transaction(() => {
        const removed = this.index.store.deleteStatement(statement.id);
        this.index.store.bumpGeneration();
        return removed;
      });
      for (const id of ids) this.index.vectors.remove(id);
      this.index.save();
      return { paragraphs: ids.length };
    });
  }

  trend(query: TrendQuery): Promise<Trend> {
    return this.trends.trend(query);
  }

  close(): void {
    this.trends.close();
    this.index.close();
  }

  private async lookup(scope: Scope, question: string | undefined, k: number, offset: number, label: string): Promise<SearchResult> {
    if (question?.trim()) return this.searcher.searchWithin(question, scope, k, offset);
    const paragraphs = this.index.store.paragraphsInOrder(scope, k, offset);
    return {
      question: label,
      filters: { countries: scope.countries, years: scope.years, body: scope.body },
      hits: paragraphs.map((p, i) => ({ ...this.searcher.toPassage(p), rank: offset + i + 1, score: 0, similarity: 0 })),
      confident: paragraphs.length > 0,
    };
  }

  private organizations(): OrganizationAliases {
    const generation = this.index.store.generation;
    if (this.aliases?.generation !== generation) {
      this.aliases = { generation, table: OrganizationAliases.fromNames(this.index.store.organizationNames()) };
    }
    return this.aliases.table;
  }

  /** Runs writes one after another, each holding the folder's lock so a CLI run cannot write at the same time. */
  private write<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writes.then(async () => {
      const release = this.index.lockForWriting();
      try {
        return await work();
      } finally {
        release();
      }
    });
    this.writes = run.catch(() => undefined);
    return run;
  }
}

export async function openArchive(config: Config, log: Logger, embedder?: Embedder): Promise<IndexedArchive> {
  const model = embedder ?? (await loadEmbedder(config, log));
  fs.mkdirSync(config.INDEX_DIR, { recursive: true });
  const index = ParagraphIndex.open(config.INDEX_DIR, model.modelName, model.dimension, log);
  return new IndexedArchive(index, model, statementReader({ speakersCsv: config.SPEAKERS_CSV }), log);
}
