import type { BotContext } from '../context.js';
import type { Asker, Precondition, PreconditionRefusal } from './types.js';

export { guildOnly } from './guild-only.js';
export { isModerator, moderatorOnly } from './moderator.js';
export { rateLimited } from './rate-limit.js';
export type { Asker, Precondition } from './types.js';

/** The first refusal among the checks, tried in order; null when every check lets the question run. */
export function firstRefusal<S extends Asker>(checks: readonly Precondition<S>[], subject: S, ctx: BotContext): PreconditionRefusal | null {
  for (const check of checks) {
    const refusal = check(subject, ctx);
    if (refusal) return refusal;
  }
  return null;
}
