import { ChannelType, Events, ThreadAutoArchiveDuration, type Message, type MessageCreateOptions } from 'discord.js';
import { plainLabel } from '../../answer/escape.js';
import { searchWindow } from '../../answer/distinct.js';
import { searchInConversation, type ConversationSearch } from '../../answer/follow-up.js';
import { isRefusal, readAsk, typedText } from '../../answer/requests.js';
import { ANSWERED, renderAskResult, type AnswerPayload } from '../answering.js';
import { shortKey } from '../cache.js';
import { IN_DISCORD } from '../commands/shared.js';
import { pageStates } from '../components/answer-ids.js';
import type { BotContext } from '../context.js';
import { firstRefusal, rateLimited, type Asker, type Precondition } from '../preconditions/index.js';
import { errorInfo, GENERIC_ERROR, NO_MENTIONS } from '../reply.js';
import { timed } from '../timing.js';

export const event = Events.MessageCreate;

/** The checks a question by message goes through, as its slash command's do. */
const PRECONDITIONS: Precondition<Asker>[] = [rateLimited];

const HELP =
  'Ask me a question about UN statements, e.g. “what did Kazakhstan say about regional organizations?”. I answer with paragraphs quoted word for word, with their sources.';

/** The message without mentions of the bot. */
export function stripBotMention(content: string, botId: string): string {
  return content
    .replace(new RegExp(`<@!?${botId}>`, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Chat: a message that mentions the bot, any message in a thread the bot started, or a direct message is a
 * question. A question in a channel gets its own thread; in a thread or DM the answer comes in place, and
 * follow-ups keep the previous country and year unless they name new ones.
 */
export async function execute(ctx: BotContext, message: Message): Promise<void> {
  if (message.author.bot || message.webhookId || message.system) return;
  const me = ctx.client.user;
  if (!me) return;
  // Active threads arrive with GUILD_CREATE and new ones with THREAD_CREATE, so a thread's owner is known.
  const channel = message.channel;
  const dm = channel.isDMBased();
  const thread = channel.isThread() ? channel : null;
  const botThread = thread !== null && thread.ownerId === me.id;
  const mentioned = message.mentions.users.has(me.id);
  if (!mentioned && !botThread && !dm) return;

  const typed = stripBotMention(message.content, me.id);
  const reply = (content: string) => message.reply({ content, allowedMentions: NO_MENTIONS }).then(() => undefined);
  try {
    if (!typedText(typed)) {
      // A bare mention asks for help; a message without text in a thread (an image, say) is not a question.
      if (mentioned) await reply(HELP);
      return;
    }
    const refused = firstRefusal(PRECONDITIONS, { user: message.author, guildId: message.guildId }, ctx);
    if (refused) {
      if (!refused.repeated) await reply(refused.refusal);
      return;
    }
    const asked = readAsk(ctx.archive, IN_DISCORD, { question: typed });
    if (isRefusal(asked)) return await reply(asked.refusal);
    const { question } = asked;

    // Where the answer goes, and which conversation it continues.
    let send: (payload: AnswerPayload) => Promise<unknown> = (payload) => message.reply(payload);
    let conversation: string | null = dm || thread ? channel.id : null;
    let typing: () => Promise<unknown> = () => (channel.isSendable() ? channel.sendTyping() : Promise.resolve());
    if (!dm && !thread && (channel.type === ChannelType.GuildText || channel.type === ChannelType.GuildAnnouncement)) {
      try {
        const started = await message.startThread({
          name: plainLabel(question, 90) || 'Question',
          autoArchiveDuration: ThreadAutoArchiveDuration.OneDay,
        });
        send = (payload) => started.send(payload as MessageCreateOptions);
        typing = () => started.sendTyping();
        conversation = started.id;
      } catch (error) {
        ctx.log.info({ ...errorInfo(error), guild: message.guildId }, 'could not start a thread; answering in the channel');
      }
    }
    void typing().catch(() => undefined);

    const k = ctx.tuning.defaultResults;
    const memory = conversation ? ctx.memory.get(conversation) : undefined;
    let search: ConversationSearch | undefined;
    const result = await timed(ctx, ANSWERED, { via: 'chat', guildId: message.guildId }, async () => {
      search = await searchInConversation(ctx.archive, question, memory, searchWindow(k, 0));
      return search.result;
    });
    if (conversation) ctx.memory.set(conversation, search!.memory);
    const key = shortKey();
    const filters = search!.filters ? { filters: search!.filters } : {};
    pageStates(ctx).set(key, { kind: 'ask', question: search!.question, k, ...filters, askerId: message.author.id });
    await send(renderAskResult(ctx, result, key, k, 0, !search!.filters));
  } catch (error) {
    ctx.log.error({ ...errorInfo(error), what: 'chat', guild: message.guildId ?? 'dm' }, 'chat answer failed');
    await reply(GENERIC_ERROR).catch(() => undefined);
  }
}
