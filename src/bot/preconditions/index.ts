export { guildOnly } from './guild-only.js';
export { isModerator, moderatorOnly } from './moderator.js';
export { rateLimited } from './rate-limit.js';
export type { Precondition } from './types.js';
