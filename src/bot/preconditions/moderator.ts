import { PermissionFlagsBits, type BaseInteraction } from 'discord.js';
import type { Config } from '../../config.js';
import type { Precondition } from './types.js';

/** Manage Server, or the moderator role of the configuration. */
export function isModerator(interaction: BaseInteraction, config: Config): boolean {
  if (!interaction.inGuild()) return false;
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const roleId = config.MODERATOR_ROLE_ID;
  const member = interaction.member;
  if (!roleId || !member) return false;
  return Array.isArray(member.roles) ? member.roles.includes(roleId) : member.roles.cache.has(roleId);
}

const MODERATORS_ONLY = 'Only moderators can do this (the Manage Server permission or the moderator role). Nothing was changed.';

/** Moderator commands: anyone else gets a private refusal and nothing runs. */
export const moderatorOnly: Precondition = (interaction, ctx) =>
  isModerator(interaction, ctx.config) ? null : { refusal: MODERATORS_ONLY };
