import { rateLimitMessage } from '../rate-limit.js';
import type { Precondition } from './types.js';

/** Questions count against the per-user limit of the configuration. */
export const rateLimited: Precondition = (interaction, ctx) => {
  const decision = ctx.limiter.take(interaction.user.id);
  if (decision.allowed) return null;
  ctx.log.info({ event: 'rate-limited', guild: interaction.guildId ?? 'dm' }, 'question refused by the rate limit');
  return rateLimitMessage(decision.retryAfterSeconds);
};
