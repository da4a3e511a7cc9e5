import { rateLimitMessage } from '../rate-limit.js';
import type { Asker, Precondition } from './types.js';

/** Questions count against the per-user limit of the configuration, asked by slash command or by message alike. */
export const rateLimited: Precondition<Asker> = (asker, ctx) => {
  const decision = ctx.limiter.take(asker.user.id);
  if (decision.allowed) return null;
  ctx.log.info({ event: 'rate-limited', guild: asker.guildId ?? 'dm' }, 'question refused by the rate limit');
  return { refusal: rateLimitMessage(decision.retryAfterSeconds), repeated: !decision.firstRefusal };
};
