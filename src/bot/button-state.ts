import { TtlCache } from './cache.js';
import type { BotContext } from './context.js';

const caches = new WeakMap<BotContext, Map<string, TtlCache<string, unknown>>>();

/**
 * What the buttons of one kind of reply (a trend, a comparison) need, kept per bot beside `ctx.pages`, with the
 * same size and lifetime: the page queries of /ask, /org and /country stay one type, and each reply its own.
 */
export function buttonState<T>(ctx: BotContext, kind: string): TtlCache<string, T> {
  let byKind = caches.get(ctx);
  if (!byKind) caches.set(ctx, (byKind = new Map()));
  let cache = byKind.get(kind);
  if (!cache) byKind.set(kind, (cache = new TtlCache(ctx.tuning.pageStateMax, ctx.tuning.pageStateTtlMs)));
  return cache as TtlCache<string, T>;
}
