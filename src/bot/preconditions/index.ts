export { guildOnly } from './guild-only.js';
export { isModerator, moderatorOnly, MODERATORS_ONLY } from './moderator.js';
export { rateLimited } from './rate-limit.js';
export type { Precondition } from './types.js';
