import { performance } from 'node:perf_hooks';
import type { BotContext } from './context.js';

/** Where a member asked for an answer, for the log. */
export interface AnswerOrigin {
  via: 'ask' | 'chat' | 'org' | 'country' | 'trend' | 'compare' | 'page' | 'source';
  guildId: string | null;
}

/** What one kind of answer logs: its event and message, and the figures an operator reads from its outcome. */
export interface Timing<T> {
  event: string;
  message: string;
  /** Counts and scores only: the member's words never reach the log. */
  figures(outcome: T): Record<string, unknown>;
}

/** Runs the work behind an answer and logs where it was asked, how long it took and the timing's figures. */
export async function timed<T>(ctx: BotContext, timing: Timing<T>, origin: AnswerOrigin, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const outcome = await work();
  ctx.log.info(
    {
      event: timing.event,
      via: origin.via,
      guild: origin.guildId ?? 'dm',
      ms: Math.round((performance.now() - started) * 10) / 10,
      ...timing.figures(outcome),
    },
    timing.message,
  );
  return outcome;
}
