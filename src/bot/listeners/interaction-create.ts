import { Events, type Interaction } from 'discord.js';
import { commandCollection } from '../commands/index.js';
import { readButton } from '../components/index.js';
import type { BotContext } from '../context.js';
import { errorInfo, failInteraction, replyEphemeral } from '../reply.js';

export const event = Events.InteractionCreate;

const commands = commandCollection();

/** Routes slash commands (after their preconditions), autocompletes and buttons to their modules. */
export async function execute(ctx: BotContext, interaction: Interaction): Promise<void> {
  if (interaction.isChatInputCommand()) {
    const command = commands.get(interaction.commandName);
    if (!command) return replyEphemeral(interaction, 'Unknown command. The commands may be out of date: ask a moderator to run `npm run register`.');
    try {
      for (const check of command.preconditions ?? []) {
        const refusal = check(interaction, ctx);
        if (refusal !== null) {
          ctx.log.info({ event: 'refused', command: interaction.commandName, guild: interaction.guildId ?? 'dm' }, 'command refused');
          await replyEphemeral(interaction, refusal);
          return;
        }
      }
      await command.execute(interaction, ctx);
    } catch (error) {
      await failInteraction(ctx, interaction, error, `/${interaction.commandName}`);
    }
    return;
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
