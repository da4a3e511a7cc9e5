/** The Discord bot: start it with an archive, register its commands, or reuse its parts. */
export { startBot, type RunningBot, type StartBotOptions } from './start.js';
export { registerCommands, commandPayloads, type RegisterResult } from './register.js';
export { DEFAULT_TUNING, type BotContext, type BotTuning, type PageState } from './context.js';
export { searchInConversation, isElliptical, type ConversationMemory } from './follow-up.js';
