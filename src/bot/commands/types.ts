import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from '../context.js';
import type { Precondition } from '../preconditions/types.js';

/** One slash command: its builder (`data`), its checks, its handler and, if it has any, its autocomplete. */
export interface SlashCommand {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  preconditions?: Precondition[];
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

/** One message command (right-click a message → Apps): its builder, its checks and its handler. */
export interface MessageCommand {
  data: { name: string; toJSON(): RESTPostAPIContextMenuApplicationCommandsJSONBody };
  preconditions?: Precondition<MessageContextMenuCommandInteraction>[];
  execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void>;
}
