/** Answer formatting shared by the terminal chat and the Discord bot: pure functions, verbatim quotes with citations. */
export { citationLine, citationParts, officialRecordUrl, speakerCountry, speakerLabel, CITATION_SEPARATOR } from './citation.js';
export { distinctHits } from './distinct.js';
export { excerptAround, headExcerpt, tailExcerpt, hardTruncate, cutToFit, ELLIPSIS, type Excerpt, type ExcerptOptions } from './excerpt.js';
export { escapeDiscord, neutralizeMentions, blockquote, plainLabel } from './escape.js';
export { describeFilters, describeReading, yearSpans, type CountryNamer } from './filters.js';
export { DISCORD_LIMITS, embedLength, embedsFit, packEmbeds, splitText, truncate, type EmbedData } from './limits.js';
export {
  formatAnswerForDiscord,
  formatGroupedForDiscord,
  formatFullParagraph,
  formatContext,
  formatStats,
  formatAge,
  nothingMatches,
  readableModelName,
  discordLength,
  type DiscordAnswer,
  type DiscordAnswerOptions,
  type GroupedOptions,
  type ShownHit,
} from './discord.js';
export { formatForTerminal, type TerminalOptions } from './terminal.js';
export { sentenceSpans } from '../corpus/sentences.js';
export { contentStems, overlap, stem, words } from '../search/words.js';
