import type { ButtonInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { answerButtons } from './answer.js';
import { compareButtons } from './compare.js';
import { sourceButtons } from './source.js';
import type { ButtonFamily } from './family.js';
import { trendButtons } from './trend.js';

/** A click whose custom id its family has read: what is left is to run it. */
type ButtonClick = (interaction: ButtonInteraction, ctx: BotContext) => Promise<void>;

type ReadClick = (customId: string) => ButtonClick | null;

function reader<T>(family: ButtonFamily<T>): [string, ReadClick] {
  return [
    family.prefix,
    (customId) => {
      const button = family.decode(customId);
      return button === null ? null : (interaction, ctx) => family.execute(interaction, ctx, button);
    },
  ];
}

/** Every button family, by the prefix of its custom ids. */
const families = new Map<string, ReadClick>();
for (const [prefix, read] of [reader(answerButtons), reader(trendButtons), reader(compareButtons), reader(sourceButtons)]) {
  if (families.has(prefix)) throw new Error(`two button families use the prefix ${prefix}`);
  families.set(prefix, read);
}

/** The click a custom id stands for, its id read once by the family its prefix names; null when none reads it. */
export function readButton(customId: string): ButtonClick | null {
  return families.get(customId.split(':', 1)[0]!)?.(customId) ?? null;
}
