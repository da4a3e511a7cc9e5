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
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.DISCORD_TOKEN);
    await ready;
  } catch (error) {
    await client.destroy();
    if (error instanceof Error && /disallowed intents/i.test(error.message)) {
      throw new Error(
        'Discord refused the Message Content intent: enable it for the bot (Developer Portal > Bot > Privileged Gateway Intents > Message Content Intent).',
        { cause: error },
      );
    }
    throw error;
  }
  return {
    client: client as Client<true>,
    context,
    stop: async () => {
      await client.destroy();
      log.info({ event: 'stopped' }, 'disconnected from Discord');
    },
  };
}
