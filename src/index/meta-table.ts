import { randomUUID } from 'node:crypto';
import type { Db } from './schema.js';

/** What the index records about itself: its identity, its generation, the model and rules it was built under. */
export class MetaTable {
  constructor(private readonly db: Db) {}

  get(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  set(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** Counts committed changes; the saved HNSW graph records the generation it matches. */
  get generation(): number {
    return Number(this.get('generation') ?? '0');
  }

  /** Names this database for good, so that a graph saved for another one (or for an older copy) is never taken for its own. */
  get identity(): string | null {
    return this.get('identity');
  }

  ensureIdentity(): string {
    this.db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('identity', ?)`).run(randomUUID());
    return this.identity!;
  }

  bumpGeneration(): number {
    const next = this.generation + 1;
    this.set('generation', String(next));
    this.set('indexed_at', new Date().toISOString());
    return next;
  }
}
