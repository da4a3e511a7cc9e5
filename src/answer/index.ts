/** Answer formatting shared by the terminal chat and the Discord bot: pure functions, verbatim quotes with citations. */
export { escapeDiscord } from './escape.js';
export { yearSpans } from './filters.js';
export { DISCORD_LIMITS, truncate } from './limits.js';
export { formatStats } from './discord.js';
