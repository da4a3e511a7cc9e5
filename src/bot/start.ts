import { Events, type Client } from 'discord.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Archive } from '../archive/archive.js';
import { createClient } from './client.js';
import { createContext, type BotContext, type BotTuning } from './context.js';
import { listeners } from './listeners/index.js';
import { errorInfo } from './reply.js';

export interface StartBotOptions {
  config: Config;
  archive: Archive;
  log: Logger;
  tuning?: Partial<BotTuning>;
}

export interface RunningBot {
  client: Client<true>;
  context: BotContext;
  /** Disconnects from Discord; the archive stays open (its owner closes it). */
  stop(): Promise<void>;
}

/** Connects to Discord (or the server DISCORD_API_URL names) and answers until stopped. */
export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const { config, archive, log } = options;
  if (!config.DISCORD_TOKEN) throw new Error('DISCORD_TOKEN is not set: the bot cannot connect to Discord');
  const client = createClient(config);
  const context = createContext({ config, archive, log, client, ...(options.tuning ? { tuning: options.tuning } : {}) });
  for (const listener of listeners) {
    const handler = (...args: unknown[]) => {
      Promise.resolve((listener.execute as (ctx: BotContext, ...a: unknown[]) => unknown)(context, ...args)).catch((error: unknown) =>
        log.error({ ...errorInfo(error), listener: listener.event }, 'listener failed'),
      );
    };
    if (listener.once) client.once(listener.event, handler);
    else client.on(listener.event, handler);
  }
  logShards(client, log);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.DISCORD_TOKEN);
    await ready;
  } catch (error) {
    await client.destroy();
    if (error instanceof Error && /sharding is required/i.test(error.message)) {
      throw new Error(
        `Discord requires this bot to shard its gateway connection (it is in more than 2,500 servers): set SHARDS=auto (now ${config.SHARDS ?? 'unset, one shard'}).`,
        { cause: error },
      );
    }
    if (error instanceof Error && /disallowed intents/i.test(error.message)) {
      throw new Error(
        'Discord refused the Message Content intent: enable it for the bot (Developer Portal > Bot > Privileged Gateway Intents > Message Content Intent).',
        { cause: error },
      );
    }
    throw error;
  }
  log.info(
    { event: 'gateway', shards: client.ws.shards.size, shardCount: client.options.shardCount, requested: config.SHARDS ?? 1 },
    client.ws.shards.size > 1 ? `${client.ws.shards.size} gateway shards in this process` : 'one gateway shard',
  );
  return {
    client: client as Client<true>,
    context,
    stop: async () => {
      await client.destroy();
      log.info({ event: 'stopped' }, 'disconnected from Discord');
    },
  };
}

/**
 * One log line for each shard's connection changing: ready, dropped (resuming on its own), resumed with how many
 * events Discord replayed, or given up (an unrecoverable close code). The other shards keep answering meanwhile.
 */
function logShards(client: Client, log: Logger): void {
  client.on(Events.ShardReady, (shard, unavailable) =>
    log.info({ event: 'shard ready', shard, unavailableGuilds: unavailable?.size ?? 0 }, `gateway shard ${shard} ready`),
  );
  client.on(Events.ShardReconnecting, (shard) => log.warn({ event: 'shard reconnecting', shard }, `gateway shard ${shard} reconnecting`));
  client.on(Events.ShardResume, (shard, replayed) =>
    log.info({ event: 'shard resumed', shard, replayed }, `gateway shard ${shard} resumed, ${replayed} events replayed`),
  );
  client.on(Events.ShardDisconnect, (close, shard) =>
    log.error({ event: 'shard disconnected', shard, code: close.code }, `gateway shard ${shard} closed for good (code ${close.code})`),
  );
  client.on(Events.ShardError, (error, shard) => log.error({ ...errorInfo(error), shard }, `gateway shard ${shard} error`));
}
