import path from 'node:path';
import type { Difference } from '../search/alignment.js';
import type { Attribution, SourceFinding, SourceMatch } from '../search/source.js';
import type { Passage } from '../search/types.js';
import { citationLine, officialRecordUrl, speakerCountry } from './citation.js';
import { blockquote, escapeDiscord } from './escape.js';
import { DISCORD_LIMITS, truncate, type EmbedData } from './limits.js';

/** Matches shown in one reply; the headline says how many there are. */
const MATCHES_SHOWN = 5;
/** Characters of paragraph shown around the quoted span, each side, before it is cut with "…". */
const CONTEXT_CHARS = 400;
const COLORS = { verbatim: 0x2f855a, close: 0xb7791f, 'not-found': 0x4a5568 } as const;

/** The matches' speakers, earliest first, each once: "Kazakhstan (2007), Ireland (2021)". */
function whoSaidIt(matches: SourceMatch[]): string {
  const seen = new Set<string>();
  for (const { passage } of matches) {
    const who = speakerCountry(passage.meta) ?? path.basename(passage.meta.path);
    const when = passage.meta.year ?? passage.meta.meeting;
    seen.add(when ? `${who} (${when})` : who);
  }
  const names = [...seen];
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

/** "“firm” for “full”", "added “strongly”", "left out “regional”". */
function describeDifference(difference: Difference): string {
  if (difference.kind === 'added') return `added “${difference.quote}”`;
  if (difference.kind === 'dropped') return `left out “${difference.source}”`;
  return `“${difference.quote}” for “${difference.source}”`;
}

function describeDifferences(differences: Difference[]): string {
  return differences.map(describeDifference).join('; ');
}

function attributionLine(attribution: Attribution | null, finding: SourceFinding): string | null {
  if (!attribution) return null;
  if (finding.verdict === 'not-found') return `No statement by ${attribution.claimedName} in the index holds these words.`;
  if (attribution.matches) return `${attribution.claimedName} did say this.`;
  return `Not ${attribution.claimedName}'s words: ${whoSaidIt(finding.matches)} said them.`;
}

function searchedRange(finding: SourceFinding): string {
  const { statements, first, last } = finding.searched;
  const years = first === null ? '' : first === last ? `, from ${first}` : `, from ${first} to ${last}`;
  return `${statements.toLocaleString('en-US')} statements indexed${years}`;
}

const TITLES = { verbatim: 'Found word for word', close: 'Close, not exact', 'not-found': 'Not found' } as const;

/** The verdict in plain words, opening with its title, then whether the message's attribution holds. */
function sourceHeadline(finding: SourceFinding): string[] {
  const { matches } = finding;
  const lines: string[] = [];
  if (finding.verdict === 'verbatim') {
    const count = finding.moreMatches
      ? `at least ${matches.length} paragraphs`
      : matches.length === 1
        ? 'one paragraph'
        : `${matches.length} paragraphs`;
    lines.push(`${TITLES.verbatim} in ${count}: ${whoSaidIt(matches)}${matches.length > 1 ? ', earliest first' : ''}.`);
  } else if (finding.verdict === 'close') {
    const first = matches[0]!;
    lines.push(
      `${TITLES.close}: the nearest statement is ${whoSaidIt(matches)}, and it says it differently: ${describeDifferences(first.differences)}.`,
    );
  } else {
    lines.push(`${TITLES['not-found']} in the ${searchedRange(finding)}: no paragraph holds these words or words close to them.`);
  }
  const attribution = attributionLine(finding.attribution, finding);
  if (attribution) lines.push(attribution);
  return lines;
}

/** The paragraph around the quoted span, cut at word boundaries where it is long. */
function around(passage: Passage, span: [number, number]): { before: string; span: string; after: string } {
  const { text } = passage;
  let start = Math.max(0, span[0] - CONTEXT_CHARS);
  let end = Math.min(text.length, span[1] + CONTEXT_CHARS);
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (end < text.length) end = text.lastIndexOf(' ', end) > span[1] ? text.lastIndexOf(' ', end) : end;
  return {
    before: `${start > 0 ? '…' : ''}${text.slice(start, span[0])}`,
    span: text.slice(span[0], span[1]),
    after: `${text.slice(span[1], end)}${end < text.length ? '…' : ''}`,
  };
}

export interface DiscordSource {
  content: string;
  embeds: EmbedData[];
}

function matchEmbed(match: SourceMatch, verdict: SourceFinding['verdict']): EmbedData {
  const { before, span, after } = around(match.passage, match.span);
  const marked = `${escapeDiscord(before)}**${escapeDiscord(span)}**${escapeDiscord(after)}`;
  const url = officialRecordUrl(match.passage.meta);
  const footer = match.differences.length > 0 ? `The quote differs: ${describeDifferences(match.differences)}` : null;
  return {
    title: truncate(escapeDiscord(citationLine(match.passage.meta, match.passage.paragraph)), DISCORD_LIMITS.embedTitle),
    ...(url ? { url } : {}),
    description: truncate(blockquote(marked), DISCORD_LIMITS.embedDescription),
    color: COLORS[verdict],
    ...(footer ? { footer: { text: truncate(footer, DISCORD_LIMITS.embedFooter) } } : {}),
  };
}

function relatedEmbed(hit: SourceFinding['related'][number]): EmbedData {
  const url = officialRecordUrl(hit.meta);
  return {
    title: truncate(escapeDiscord(citationLine(hit.meta, hit.paragraph)), DISCORD_LIMITS.embedTitle),
    ...(url ? { url } : {}),
    description: truncate(blockquote(escapeDiscord(truncate(hit.text, 2 * CONTEXT_CHARS))), DISCORD_LIMITS.embedDescription),
    color: COLORS['not-found'],
    footer: { text: `Not the source; related in meaning (similarity ${hit.similarity.toFixed(2)})` },
  };
}

/** A reply for Discord: the verdict, then each paragraph that holds the quote with the quoted words in bold. */
export function formatSourceForDiscord(finding: SourceFinding): DiscordSource {
  const [verdict, ...rest] = sourceHeadline(finding);
  const title = TITLES[finding.verdict];
  const lines = [`**${title}**${escapeDiscord(verdict!.slice(title.length))}`, ...rest.map(escapeDiscord)];
  const shown = finding.matches.slice(0, MATCHES_SHOWN);
  if (finding.matches.length > shown.length) lines.push(`The first ${shown.length} are shown.`);
  if (finding.related.length > 0) lines.push('Not the source; related in meaning:');
  const embeds = [...shown.map((m) => matchEmbed(m, finding.verdict)), ...finding.related.map(relatedEmbed)];
  return { content: truncate(lines.join('\n'), DISCORD_LIMITS.content), embeds };
}

/** The same reply as plain text for the terminal: the quoted words stand between [[ and ]]. */
export function formatSourceForTerminal(finding: SourceFinding): string {
  const lines = [...sourceHeadline(finding), ''];
  for (const match of finding.matches.slice(0, MATCHES_SHOWN)) {
    const { before, span, after } = around(match.passage, match.span);
    lines.push(citationLine(match.passage.meta, match.passage.paragraph), `    “${before}[[${span}]]${after}”`);
    if (match.differences.length > 0) lines.push(`    The quote differs: ${describeDifferences(match.differences)}`);
    lines.push('');
  }
  if (finding.matches.length > MATCHES_SHOWN)
    lines.push(`(${finding.matches.length - MATCHES_SHOWN} more not shown; --json lists them all)`, '');
  if (finding.related.length > 0) {
    lines.push('Not the source; related in meaning:', '');
    for (const hit of finding.related)
      lines.push(citationLine(hit.meta, hit.paragraph), `    “${truncate(hit.text, 2 * CONTEXT_CHARS)}”`, '');
  }
  return lines.join('\n').trimEnd();
}

/** One quote's finding as the CLI's JSON line. */
export function sourceJson(finding: SourceFinding): Record<string, unknown> {
  return {
    text: finding.text,
    verdict: finding.verdict,
    matches: finding.matches.map(({ passage, span, differences }) => ({
      source: passage.meta.path,
      paragraph: passage.paragraph,
      country: passage.meta.country,
      year: passage.meta.year,
      body: passage.meta.body,
      speaker: passage.meta.speaker,
      meeting: passage.meta.meeting,
      url: officialRecordUrl(passage.meta),
      text: passage.text,
      span,
      differences,
    })),
    attribution: finding.attribution ? { claimed: finding.attribution.claimed, matches: finding.attribution.matches } : null,
  };
}
