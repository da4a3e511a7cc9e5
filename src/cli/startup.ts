import type { EnvFileReport } from '../config.js';
import { fillIndexAdvice, shownPath } from '../remedies.js';
import type { ArchiveStats } from '../archive/archive.js';

const num = (n: number): string => n.toLocaleString('en-US');

/** What the index holds, in a few words: "11,074 statements from 1946 to 2024", "1 statement, none dated". */
export function describeHoldings(stats: Pick<ArchiveStats, 'statements' | 'years'>): string {
  if (stats.statements === 0) return 'no statements';
  const count = `${num(stats.statements)} ${stats.statements === 1 ? 'statement' : 'statements'}`;
  const { first, last } = stats.years;
  if (first === null || last === null) return `${count}, none dated`;
  return first === last ? `${count} from ${first}` : `${count} from ${first} to ${last}`;
}

/** Why `npm start` runs the terminal chat: no token, and where it looked for one. */
export function chatReason(envFile: EnvFileReport): string {
  const file = shownPath(envFile.file);
  return envFile.found
    ? `no DISCORD_TOKEN in the environment or in ${file}; set it there to run the Discord bot`
    : `no DISCORD_TOKEN in the environment, and no ${file} (copy .env.example to ${file} and set DISCORD_TOKEN to run the Discord bot)`;
}

export type StartMode = { mode: 'bot' } | { mode: 'chat'; reason: string };

/** The one line `npm start` prints before it starts: what, over which index, holding what; and why the chat. */
export function startLine(
  start: StartMode,
  indexDir: string,
  stats: Pick<ArchiveStats, 'statements' | 'paragraphs' | 'years'>,
  options: { indexedElsewhere?: boolean } = {},
): string {
  const what = start.mode === 'bot' ? 'the Discord bot' : 'the terminal chat';
  const empty = options.indexedElsewhere
    ? ', which another process is indexing into (empty so far)'
    : `, which is empty: ${fillIndexAdvice(indexDir)}`;
  const holdings = stats.paragraphs === 0 ? empty : ` (${describeHoldings(stats)})`;
  const why = start.mode === 'chat' ? `. The chat, not the bot: ${start.reason}` : '';
  return `Starting ${what} over the index in ${shownPath(indexDir)}${holdings}${why}.`;
}
