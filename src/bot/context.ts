import type { Client } from 'discord.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Archive } from '../archive/archive.js';
import { TtlCache } from './cache.js';
import type { ConversationMemory } from '../answer/follow-up.js';
import { RateLimiter } from './rate-limit.js';

/** Knobs with sensible defaults; tests shorten the timings. */
export interface BotTuning {
  /** Paragraphs per answer when /ask does not say (and per page of /org and /country). */
  defaultResults: number;
  maxResults: number;
  /** Least time between two progress edits of /reindex. */
  progressIntervalMs: number;
  /** Largest statement file /statement add accepts. */
  maxStatementBytes: number;
  downloadTimeoutMs: number;
  /** How long "More results" and every other button keep working after an answer (components/family.ts). */
  pageStateTtlMs: number;
  pageStateMax: number;
  /** How long a thread remembers its country and year. */
  memoryTtlMs: number;
  memoryMax: number;
  /** Interaction tokens live 15 minutes; stop editing a reply a little before. */
  interactionTokenMs: number;
}

export const DEFAULT_TUNING: BotTuning = {
  defaultResults: 3,
  maxResults: 5,
  progressIntervalMs: 2000,
  maxStatementBytes: 2 * 1024 * 1024,
  downloadTimeoutMs: 15_000,
  pageStateTtlMs: 6 * 60 * 60 * 1000,
  pageStateMax: 2000,
  memoryTtlMs: 24 * 60 * 60 * 1000,
  memoryMax: 5000,
  interactionTokenMs: 14 * 60 * 1000,
};

/** Everything a command, listener or precondition may use. */
export interface BotContext {
  config: Config;
  archive: Archive;
  log: Logger;
  tuning: BotTuning;
  memory: TtlCache<string, ConversationMemory>;
  limiter: RateLimiter;
  /** One reindex (or upload) at a time. */
  maintenance: { running: 'reindex' | null };
  client: Client;
}

export function createContext(options: {
  config: Config;
  archive: Archive;
  log: Logger;
  client: Client;
  tuning?: Partial<BotTuning>;
}): BotContext {
  const tuning = { ...DEFAULT_TUNING, ...options.tuning };
  return {
    config: options.config,
    archive: options.archive,
    log: options.log,
    tuning,
    memory: new TtlCache(tuning.memoryMax, tuning.memoryTtlMs),
    limiter: new RateLimiter(options.config.RATE_LIMIT_QUESTIONS, options.config.RATE_LIMIT_WINDOW_SECONDS * 1000),
    maintenance: { running: null },
    client: options.client,
  };
}
