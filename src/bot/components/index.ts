import type { ButtonInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import * as answerButtons from './answer-buttons.js';
import * as compareButtons from './compare-buttons.js';
import * as trendButtons from './trend-buttons.js';

/** Button handlers, tried in order; the first that handles a custom id runs. */
export const buttonHandlers: { handles(customId: string): boolean; execute(i: ButtonInteraction, ctx: BotContext): Promise<void> }[] = [
  answerButtons,
  trendButtons,
  compareButtons,
];
