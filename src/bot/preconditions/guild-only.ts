import type { Precondition } from './types.js';

export const guildOnly: Precondition = (interaction) =>
  interaction.inGuild() ? null : { refusal: 'This command only works in a server.' };
