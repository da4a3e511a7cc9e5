import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { TtlCache } from '../cache.js';
import type { BotContext } from '../context.js';

/**
 * The ids of one family of buttons: the custom ids that start with `<prefix>:`. `decode` returns null for an id it
 * cannot read, and must keep reading the ids earlier versions sent: old messages keep their buttons.
 */
export interface ButtonCodec<T> {
  /** Unique among the families in `components/index.ts`; a few letters, since an id holds 100 characters. */
  prefix: string;
  encode(button: T): string;
  decode(customId: string): T | null;
}

/**
 * One family of buttons: its codec and what a click does. The interaction listener picks the family by the prefix
 * and calls `decode` once; `execute` then gets the typed data, never the raw id.
 *
 * A family `x` lives in two files here. `x-ids.ts` holds its button data type, its state (`buttonStates`) and its
 * codec (`xIds`); the renderers and commands that lay out its buttons or store its state import that file only.
 * `x.ts` holds the handler and exports `xButtons = { ...xIds, execute }`, which `components/index.ts` lists. The
 * handler may then import the renderers it redoes a page with, and no import circle forms.
 */
export interface ButtonFamily<T> extends ButtonCodec<T> {
  execute(interaction: ButtonInteraction, ctx: BotContext, button: T): Promise<void>;
}

/** A button whose id still reads but whose state is gone (expired, or the bot restarted since the reply). */
export const EXPIRED = 'This answer has expired. Please ask again.';

/**
 * The state a family's buttons find by the key in their ids, kept per bot (tests run several), as many entries and
 * for as long as `ctx.tuning` says: a reply's buttons work for hours, then say the answer has expired.
 */
export function buttonStates<T>(): (ctx: BotContext) => TtlCache<string, T> {
  const caches = new WeakMap<BotContext, TtlCache<string, T>>();
  return (ctx) => {
    let cache = caches.get(ctx);
    if (!cache) caches.set(ctx, (cache = new TtlCache(ctx.tuning.pageStateMax, ctx.tuning.pageStateTtlMs)));
    return cache;
  };
}

/**
 * Makes room to answer a paging click. The asker's answer is theirs: it changes in place for them (and on any
 * private copy); anyone else gets a private copy, which then pages in place.
 */
export async function deferPaging(interaction: ButtonInteraction, askerId: string): Promise<void> {
  const onOwnMessage = interaction.user.id === askerId || interaction.message.flags.has(MessageFlags.Ephemeral);
  if (onOwnMessage) await interaction.deferUpdate();
  else await interaction.deferReply({ flags: MessageFlags.Ephemeral });
}
