import readline from 'node:readline/promises';
import { formatForTerminal } from '../answer/terminal.js';
import type { Archive } from '../search/archive.js';

const HELP = `Ask a question about the indexed UN statements, for example:
  what did Kazakhstan ask the General Assembly?
Commands:
  /org NAME      what was said by or about an organization (acronym or name, e.g. /org CICA)
  /country NAME  what a country said (e.g. /country Kazakhstan)
  /help          this help
  /quit          leave`;

const RESULTS = 3;

/** Answers one line of the terminal chat; returns null when the user wants to leave. */
export async function answerLine(archive: Archive, line: string): Promise<string | null> {
  const input = line.trim();
  if (!input) return '';
  if (input === '/quit' || input === '/exit') return null;
  if (input === '/help') return HELP;
  const [command, ...rest] = input.split(/\s+/);
  const argument = rest.join(' ');
  if (command === '/org') {
    if (!argument) return 'Usage: /org NAME';
    const organization = archive.organization(argument);
    if (!organization) {
      const suggestions = archive.findOrganizations(argument, 5).map((o) => o.key);
      return `No organization called "${argument}" appears in the statements.` + (suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : '');
    }
    const result = await archive.aboutOrganization(organization.key, { k: RESULTS });
    return `${organization.key}: ${organization.names.join(' / ')}\n\n${formatForTerminal(result)}`;
  }
  if (command === '/country') {
    if (!argument) return 'Usage: /country NAME';
    const [country] = archive.findCountries(argument, 1);
    if (!country) return `No statements by "${argument}" are indexed.`;
    return `${country.name} (${country.statements} ${country.statements === 1 ? 'statement' : 'statements'})\n\n${formatForTerminal(await archive.byCountry(country.code, { k: RESULTS }))}`;
  }
  if (input.startsWith('/')) return `Unknown command ${command}. Type /help.`;
  return formatForTerminal(await archive.search(input, { k: RESULTS }));
}

/** The terminal chat `npm start` runs when no Discord token is configured. */
export async function runTerminalChat(archive: Archive): Promise<void> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  process.stdout.write(`Verbatim: answers are quoted word for word from UN statements. Type /help for commands.\n`);
  try {
    if (process.stdin.isTTY) rl.setPrompt('> ');
    rl.prompt();
    for await (const line of rl) {
      const answer = await answerLine(archive, line);
      if (answer === null) break;
      if (answer) process.stdout.write(`${answer}\n\n`);
      rl.prompt();
    }
  } finally {
    rl.close();
  }
}
