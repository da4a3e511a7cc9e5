import { Events, type ChatInputCommandInteraction, type Interaction, type MessageContextMenuCommandInteraction } from 'discord.js';
import { commandCollection, messageCommandCollection } from '../commands/index.js';
import { readButton } from '../components/index.js';
import type { BotContext } from '../context.js';
import { firstRefusal, type Precondition } from '../preconditions/index.js';
import { errorInfo, failInteraction, replyEphemeral } from '../reply.js';

export const event = Events.InteractionCreate;

const commands = commandCollection();
const messageCommands = messageCommandCollection();

/** Runs a command after its preconditions: the first that refuses answers privately instead. */
async function runCommand<I extends ChatInputCommandInteraction | MessageContextMenuCommandInteraction>(
  ctx: BotContext,
  interaction: I,
  command: { preconditions?: Precondition<I>[]; execute(interaction: I, ctx: BotContext): Promise<void> } | undefined,
  label: string,
): Promise<void> {
  if (!command)
    return replyEphemeral(interaction, 'Unknown command. The commands may be out of date: ask a moderator to run `npm run register`.');
  try {
    const refused = firstRefusal(command.preconditions ?? [], interaction, ctx);
    if (refused) {
      ctx.log.info({ event: 'refused', command: interaction.commandName, guild: interaction.guildId ?? 'dm' }, 'command refused');
      await replyEphemeral(interaction, refused.refusal);
      return;
    }
    await command.execute(interaction, ctx);
  } catch (error) {
    await failInteraction(ctx, interaction, error, label);
  }
}

/** Routes slash and message commands (after their preconditions), autocompletes and buttons to their modules. */
export async function execute(ctx: BotContext, interaction: Interaction): Promise<void> {
  if (interaction.isChatInputCommand())
    return runCommand(ctx, interaction, commands.get(interaction.commandName), `/${interaction.commandName}`);
  if (interaction.isMessageContextMenuCommand()) {
    return runCommand(ctx, interaction, messageCommands.get(interaction.commandName), interaction.commandName);
  }
  if (interaction.isAutocomplete()) {
    const command = commands.get(interaction.commandName);
    try {
      if (command?.autocomplete) await command.autocomplete(interaction, ctx);
      else await interaction.respond([]);
    } catch (error) {
      ctx.log.warn({ ...errorInfo(error), command: interaction.commandName }, 'autocomplete failed');
    }
    return;
  }
  if (interaction.isButton()) {
    const click = readButton(interaction.customId);
    if (!click) return replyEphemeral(interaction, 'This button no longer works. Please ask again.');
    try {
      await click(interaction, ctx);
    } catch (error) {
      await failInteraction(ctx, interaction, error, 'button');
    }
  }
}
