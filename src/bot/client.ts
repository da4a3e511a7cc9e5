import { Client, GatewayIntentBits, Options, Partials } from 'discord.js';
import type { Config } from '../config.js';
import { NO_MENTIONS } from './reply.js';

/**
 * Which gateway shards this process runs (all of them: discord.js internal sharding, one WebSocket each, every
 * shard's events into the one client, so the model, the index and every in-process map are shared by all).
 * Always stated, never left to discord.js: given no `shards`, it reads the SHARDS variable itself as the JSON
 * its ShardingManager passes to child processes, and `SHARDS=auto` would not parse.
 */
export function shardOptions(shards: Config['SHARDS']): { shards: 'auto' | number[]; shardCount: number } {
  if (shards === 'auto') return { shards: 'auto', shardCount: 1 };
  const count = shards ?? 1;
  return { shards: Array.from({ length: count }, (_, i) => i), shardCount: count };
}

/**
 * The discord.js client: REST (and through it the gateway URL) from DISCORD_API_URL, no mentions ever,
 * small caches, the gateway shards SHARDS asks for. Message Content is a privileged intent: enable it for the
 * application in the developer portal, or thread follow-ups without a mention are not seen.
 */
export function createClient(config: Config): Client {
  return new Client({
    ...shardOptions(config.SHARDS),
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.MessageContent,
      GatewayIntentBits.DirectMessages,
    ],
    // DMs and threads created while the bot was away arrive with channels it has not cached.
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    rest: { api: config.DISCORD_API_URL },
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 50,
      GuildMemberManager: { maxSize: 200, keepOverLimit: (member) => member.id === member.client.user.id },
      PresenceManager: 0,
      ReactionManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      VoiceStateManager: 0,
    }),
  });
}
