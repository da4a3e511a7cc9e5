import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline/promises';
import { formatComparisonForTerminal } from '../answer/compare.js';
import { formatStats } from '../answer/discord.js';
import { searchInConversation, type ConversationMemory } from '../answer/follow-up.js';
import type { EmbedData } from '../answer/limits.js';
import { isRefusal, readAsk, readCountry, readOrganization, readQuote, type FrontEnd } from '../answer/requests.js';
import { formatSourceForTerminal } from '../answer/source.js';
import { formatForTerminal } from '../answer/terminal.js';
import { formatTrendForTerminal } from '../answer/trend.js';
import { asSentence, emptyIndexMessage, emptyWhileIndexedMessage, noDatedStatementsMessage } from '../remedies.js';
import type { Archive } from '../archive/archive.js';
import { countryNamer } from '../archive/country-lookup.js';
import { chartFileName, runCompare, runTrend, writeTrendChart } from './trend-runs.js';

const HELP = `Ask a question about the indexed UN statements, for example:
  what did Kazakhstan ask the General Assembly?
A follow-up keeps its topic, country and year unless it names others, for example:
  and at the 70th session?
Commands:
  /stats         what the index holds: statements, paragraphs, countries, years, model, age
  /org NAME      what was said by or about an organization (acronym or name, e.g. /org CICA)
  /country NAME  what a country said (e.g. /country Kazakhstan)
  /trend TOPIC   year by year, the share of General Debate statements that address it (writes a PNG chart)
  /source QUOTE  who really said a quote, where, and whether its words are right (e.g. /source As Nigeria said: "...")
  /compare A B TOPIC  two countries' best paragraphs side by side (e.g. /compare France Germany nuclear energy;
                 a country name with spaces goes in quotes: /compare "United States" France climate change)
  /help          this help
  /quit          leave`;

const RESULTS = 3;
/** Width of the two columns of /compare together. */
const COMPARE_WIDTH = 110;

/** Words of a command line; "double quotes" keep a name with spaces together. */
function chatArguments(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

/** An embed the bot would send (its title and fields), as lines of text: the chat shows what Discord shows. */
function embedAsText(embed: EmbedData): string {
  const fields = embed.fields ?? [];
  const width = Math.max(0, ...fields.map((f) => f.name.length)) + 2;
  return [embed.title, ...fields.map((f) => `  ${f.name.padEnd(width)}${f.value}`), embed.footer?.text]
    .filter((line): line is string => Boolean(line))
    .join('\n');
}

export interface ChatOptions {
  /** The index folder, named in what to run when it is empty. */
  indexDir?: string;
  /** Another process was indexing the folder when the chat started: an empty index is one being filled. */
  indexedElsewhere?: boolean;
  /**
   * What the chat remembers of its last question, as a thread of the bot does: a follow-up ("and at the 70th
   * session?") keeps its topic, country and year unless it names others. Without it, each line stands alone.
   */
  conversation?: { memory?: ConversationMemory };
}

/** Refusals in the terminal: the user's words as typed, and the command that fills or dates the index. */
function inTerminal(options: ChatOptions): FrontEnd {
  const { indexDir, indexedElsewhere } = options;
  return {
    escape: (words) => words,
    emptyIndex: () => asSentence(indexedElsewhere && indexDir ? emptyWhileIndexedMessage(indexDir) : emptyIndexMessage(indexDir)),
    noDatedStatements: () => noDatedStatementsMessage(indexDir),
    damagedIndex: (refusal) => refusal,
  };
}

/** Answers one line of the terminal chat; returns null when the user wants to leave. */
export async function answerLine(archive: Archive, line: string, options: ChatOptions = {}): Promise<string | null> {
  const input = line.trim();
  if (!input) return '';
  if (input === '/quit' || input === '/exit') return null;
  if (input === '/help') return HELP;
  if (input === '/stats') return embedAsText(formatStats(archive.stats()));
  const [command, ...rest] = input.split(/\s+/);
  const argument = rest.join(' ');
  const front = inTerminal(options);
  if (command === '/org') {
    if (!argument) return 'Usage: /org NAME';
    const asked = readOrganization(archive, front, { name: argument });
    if (isRefusal(asked)) return asked.refusal;
    const { organization } = asked;
    const result = await archive.aboutOrganization(organization.key, { k: RESULTS });
    return `${organization.key}: ${organization.names.join(' / ')}\n\n${formatForTerminal(result)}`;
  }
  if (command === '/country') {
    if (!argument) return 'Usage: /country NAME';
    const asked = readCountry(archive, front, { name: argument });
    if (isRefusal(asked)) return asked.refusal;
    const { country } = asked;
    return `${country.name} (${country.statements} ${country.statements === 1 ? 'statement' : 'statements'})\n\n${formatForTerminal(await archive.byCountry(country.code, { k: RESULTS }))}`;
  }
  if (command === '/trend') {
    if (!argument) return 'Usage: /trend TOPIC';
    const run = await runTrend(archive, front, { topic: argument });
    if (isRefusal(run)) return run.refusal;
    const png = writeTrendChart(archive, run.trend, path.join(os.tmpdir(), chartFileName(run.trend.topic)));
    return formatTrendForTerminal(run.trend, { pngPath: png, countryName: countryNamer(archive) });
  }
  if (command === '/compare') {
    const [a, b, ...topic] = chatArguments(argument);
    if (!a || !b || topic.length === 0) return 'Usage: /compare COUNTRY COUNTRY TOPIC';
    const run = await runCompare(archive, front, { topic: topic.join(' '), countries: [a, b] }, RESULTS);
    if (isRefusal(run)) return run.refusal;
    return formatComparisonForTerminal(run.comparison, { k: RESULTS, width: COMPARE_WIDTH, countryName: countryNamer(archive) });
  }
  if (command === '/source') {
    if (!argument) return 'Usage: /source QUOTE';
    const quote = readQuote(archive, front, input.slice(command.length));
    if (isRefusal(quote)) return quote.refusal;
    return formatSourceForTerminal(await archive.findSource(quote));
  }
  if (input.startsWith('/')) return `Unknown command ${command}. Type /help.`;
  const asked = readAsk(archive, front, { question: input });
  if (isRefusal(asked)) return asked.refusal;
  const { conversation } = options;
  const search = await searchInConversation(archive, asked.question, conversation?.memory, RESULTS);
  if (conversation) conversation.memory = search.memory;
  return formatForTerminal(search.result);
}

/**
 * The terminal chat `npm start` runs when no Discord token is configured. It is not rate-limited as the bot's
 * members are: one person at their own terminal, on their own machine, has no one to share it with.
 */
export async function runTerminalChat(archive: Archive, options: ChatOptions = {}): Promise<void> {
  const session = { ...options, conversation: {} };
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  process.stdout.write(`Verbatim: answers are quoted word for word from UN statements. Type /help for commands.\n`);
  try {
    if (process.stdin.isTTY) rl.setPrompt('> ');
    rl.prompt();
    for await (const line of rl) {
      const answer = await answerLine(archive, line, session);
      if (answer === null) break;
      if (answer) process.stdout.write(`${answer}\n\n`);
      rl.prompt();
    }
  } finally {
    rl.close();
  }
}
