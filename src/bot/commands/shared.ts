import path from 'node:path';
import type { ApplicationCommandOptionChoiceData, AutocompleteInteraction, ChatInputCommandInteraction } from 'discord.js';
import { escapeDiscord } from '../../answer/escape.js';
import { truncate } from '../../answer/limits.js';
import { echoed, typedText, type FrontEnd } from '../../answer/requests.js';
import { DAMAGED_INDEX_IN_DISCORD, EMPTY_INDEX_IN_DISCORD, NO_DATED_STATEMENTS_IN_DISCORD } from '../../remedies.js';
import type { Archive } from '../../archive/archive.js';
import type { BotContext } from '../context.js';
import { errorInfo } from '../reply.js';

export const CHOICES = 25;
const CHOICE_TEXT = 100;

/** Refusals as a member reads them: their words escaped, and remedies a member can ask a moderator for. */
export const IN_DISCORD: FrontEnd = {
  escape: escapeDiscord,
  emptyIndex: () => EMPTY_INDEX_IN_DISCORD,
  noDatedStatements: () => NO_DATED_STATEMENTS_IN_DISCORD,
  damagedIndex: () => DAMAGED_INDEX_IN_DISCORD,
};

/** A string option as typed (see typedText); undefined when absent or blank. */
export function textOption(interaction: ChatInputCommandInteraction, name: string): string | undefined {
  return typedText(interaction.options.getString(name) ?? '') || undefined;
}

/** The option being typed in an autocomplete, its value as typed (see typedText). */
export function focusedOption(interaction: AutocompleteInteraction): { name: string; value: string } {
  const focused = interaction.options.getFocused(true);
  return { name: focused.name, value: typedText(focused.value) };
}

/** A user's text shown back to them: escaped, one line, short. */
export function echo(text: string, max = 80): string {
  return escapeDiscord(echoed(text, max));
}

/**
 * A message from the index with paths under the corpus folder written relative to it ("ungdc/2015/KAZ_70_2015.txt"):
 * the server's own folders are nobody's business in a channel.
 */
export function withCorpusRelativePaths(text: string, corpusDir: string): string {
  return text.replaceAll(`${path.resolve(corpusDir)}${path.sep}`, '');
}

/** Autocomplete choices for a country option: "Kazakhstan (KAZ) · 35 statements" → KAZ. */
export function countryChoices(archive: Archive, typed: string): ApplicationCommandOptionChoiceData<string>[] {
  return archive
    .findCountries(typed.trim(), CHOICES)
    .filter((c) => c.code.length <= CHOICE_TEXT)
    .slice(0, CHOICES)
    .map((c) => ({
      name: truncate(
        `${c.name} (${c.code}) · ${c.statements.toLocaleString('en-US')} statement${c.statements === 1 ? '' : 's'}`,
        CHOICE_TEXT,
      ),
      value: c.code,
    }));
}

/** Answers an autocomplete within Discord's limits; a failure answers with no choices and is logged. */
export async function respondChoices(
  interaction: AutocompleteInteraction,
  ctx: BotContext,
  choose: () => ApplicationCommandOptionChoiceData<string>[],
): Promise<void> {
  let choices: ApplicationCommandOptionChoiceData<string>[] = [];
  try {
    choices = choose()
      .slice(0, CHOICES)
      .map((c) => ({ name: truncate(c.name, CHOICE_TEXT) || c.value, value: c.value.slice(0, CHOICE_TEXT) }));
  } catch (error) {
    ctx.log.error({ ...errorInfo(error), command: interaction.commandName }, 'autocomplete failed');
  }
  await interaction.respond(choices);
}
