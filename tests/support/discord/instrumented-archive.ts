/**
 * Wraps any Archive (the test fake or the real one) to record what the bot asks of it and to inject
 * failures and slow maintenance, so bot tests do not depend on which archive answers.
 */
import type { Archive, StatementOverrides } from '../../../src/archive/archive.js';
import type { IndexProgress, IndexReport } from '../../../src/index/indexer.js';
import type { TrendQuery } from '../../../src/search/trend.js';
import type { SearchOptions } from '../../../src/search/types.js';

export interface RecordedCall {
  method: string;
  args: unknown[];
}

export class InstrumentedArchive implements Archive {
  readonly calls: RecordedCall[] = [];
  /** The next search (or organization / country lookup) throws this. */
  failNextSearch: Error | null = null;
  /** Set to the refusal a damaged database gives (see IndexedArchive.damage), or null for a sound one. */
  damaged: string | null = null;
  /** The refusal the failing search's read reveals, as a read meeting a malformed page does in the real archive. */
  damagedByFailure: string | null = null;
  /** Replaces reindex (e.g. to hold it open while questions are asked). */
  onReindex: ((roots: string[], onProgress?: (p: IndexProgress) => void) => Promise<IndexReport>) | null = null;
  /** The next addStatement throws an error with this message (the archive rejecting a file). */
  rejectNextAdd: string | null = null;

  constructor(readonly inner: Archive) {}

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  private record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args });
  }

  damage(): string | null {
    return this.damaged;
  }

  private maybeFail(): void {
    if (this.failNextSearch) {
      const error = this.failNextSearch;
      this.failNextSearch = null;
      this.damaged = this.damagedByFailure ?? this.damaged;
      this.damagedByFailure = null;
      throw error;
    }
  }

  async search(question: string, options: SearchOptions) {
    this.record('search', question, options);
    this.maybeFail();
    return this.inner.search(question, options);
  }

  context(passageId: number, radius: number) {
    this.record('context', passageId, radius);
    return this.inner.context(passageId, radius);
  }

  passage(passageId: number) {
    this.record('passage', passageId);
    return this.inner.passage(passageId);
  }

  findOrganizations(text: string, limit: number) {
    this.record('findOrganizations', text, limit);
    return this.inner.findOrganizations(text, limit);
  }

  organization(key: string) {
    return this.inner.organization(key);
  }

  async aboutOrganization(key: string, options: { question?: string; k: number; offset?: number }) {
    this.record('aboutOrganization', key, options);
    this.maybeFail();
    return this.inner.aboutOrganization(key, options);
  }

  findCountries(text: string, limit: number) {
    return this.inner.findCountries(text, limit);
  }

  async findSource(text: string) {
    this.record('findSource', text);
    this.maybeFail();
    return this.inner.findSource(text);
  }

  countedStatements(...args: Parameters<Archive['countedStatements']>) {
    return this.inner.countedStatements(...args);
  }

  suggestSpeakers(typed: string, limit: number) {
    return this.inner.suggestSpeakers(typed, limit);
  }

  async byCountry(code: string, options: { topic?: string; k: number; offset?: number }) {
    this.record('byCountry', code, options);
    this.maybeFail();
    return this.inner.byCountry(code, options);
  }

  stats() {
    return this.inner.stats();
  }

  async trend(query: TrendQuery) {
    this.record('trend', query);
    this.maybeFail();
    return this.inner.trend(query);
  }

  async reindex(roots: string[], onProgress?: (p: IndexProgress) => void) {
    this.record('reindex', roots);
    if (this.onReindex) return this.onReindex(roots, onProgress);
    return this.inner.reindex(roots, onProgress);
  }

  async addStatement(filePath: string, overrides: StatementOverrides) {
    this.record('addStatement', filePath, overrides);
    if (this.rejectNextAdd) {
      const reason = this.rejectNextAdd;
      this.rejectNextAdd = null;
      throw new Error(reason);
    }
    return this.inner.addStatement(filePath, overrides);
  }

  async removeStatement(filePath: string) {
    this.record('removeStatement', filePath);
    return this.inner.removeStatement(filePath);
  }

  close(): void {
    this.record('close');
    this.inner.close();
  }
}
