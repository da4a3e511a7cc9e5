import { MODELS, MODEL_NAMES, type ModelName } from '../embed/models.js';
import type { ArchiveStats } from '../archive/archive.js';
import type { Hit, Passage, SearchResult } from '../search/types.js';
import { CITATION_SEPARATOR, citationLine, citationParts, officialRecordUrl, speakerCountry, speakerLabel } from './citation.js';
import { blockquote, escapeDiscord } from './escape.js';
import { excerptAround, headExcerpt, tailExcerpt } from './excerpt.js';
import { describeReading, type CountryNamer } from './filters.js';
import { DISCORD_LIMITS, type EmbedData, splitText, truncate } from './limits.js';
import { contentStems } from '../search/words.js';

/** Rendered length of text once escaped for Discord. */
export const discordLength = (text: string): number => escapeDiscord(text).length;

const COLORS = { 'General Assembly': 0x2b6cb0, 'Security Council': 0xc53030, none: 0x4a5568 } as const;
/** Room kept free under the 6,000-character total for the message content's siblings and rounding. */
const TOTAL_BUDGET = DISCORD_LIMITS.embedsTotal - 200;

export interface ShownHit {
  passageId: number;
  rank: number;
  /** True when only part of the paragraph is shown (a "Show full paragraph" button makes sense). */
  excerpted: boolean;
}

export interface DiscordAnswer {
  /** Message content: a one-line summary, or the plain "nothing matches" notice. */
  content: string;
  embeds: EmbedData[];
  shown: ShownHit[];
}

export interface DiscordAnswerOptions {
  countryName?: CountryNamer;
  /** Words that choose which sentences of a long paragraph to show; defaults to the question. */
  focus?: string;
  /** Rank offset of this page (0 for the first page). */
  offset?: number;
  /** Most rendered characters for one quote (default 1,500; less when many results share the message). */
  maxQuoteChars?: number;
}

/** The plain notice for a search whose best paragraph matches poorly. */
function nothingMatches(result: SearchResult, countryName?: CountryNamer): string {
  const filters = describeReading(result, countryName);
  return filters
    ? `Nothing in the indexed statements answers this well (${escapeDiscord(filters)}). Try other words or fewer filters.`
    : 'Nothing in the indexed statements answers this well. Try other words.';
}

/**
 * An answer for Discord: one embed per paragraph (citation as title, the verbatim quote, or an excerpt
 * around its best-matching sentences, as a block quote), within Discord's limits, everything escaped.
 */
export function formatAnswerForDiscord(result: SearchResult, options: DiscordAnswerOptions = {}): DiscordAnswer {
  const offset = options.offset ?? 0;
  if (result.hits.length === 0) {
    return { content: offset > 0 ? 'No more matching paragraphs.' : nothingMatches(result, options.countryName), embeds: [], shown: [] };
  }
  if (!result.confident && offset === 0) {
    return { content: nothingMatches(result, options.countryName), embeds: [], shown: [] };
  }
  const hits = result.hits.slice(0, DISCORD_LIMITS.embedsPerMessage);
  const focus = contentStems(options.focus ?? result.question);
  const titles = hits.map((h) => truncate(`#${h.rank} · ${escapeDiscord(citationLine(h.meta, h.paragraph))}`, DISCORD_LIMITS.embedTitle));
  const similarities = similarityFigures(hits);
  const fixed = titles.reduce((n, t) => n + t.length, 0) + similarities.reduce((n, f) => n + (f?.length ?? 0) + 60, 0);
  const perQuote = Math.min(options.maxQuoteChars ?? 1500, Math.floor((TOTAL_BUDGET - fixed) / hits.length) - 8);

  const embeds: EmbedData[] = [];
  const shown: ShownHit[] = [];
  hits.forEach((hit, i) => {
    const ex = excerptAround(hit.text, focus, { maxChars: perQuote, measure: discordLength });
    const excerptNote = ex.truncated ? `excerpt: “Show full paragraph #${hit.rank}” shows all of it` : null;
    const footer = [similarities[i], excerptNote].filter(Boolean).join(' · ');
    embeds.push({
      title: titles[i]!,
      ...withRecordUrl(hit.meta),
      description: quote(ex.text, DISCORD_LIMITS.embedDescription),
      color: COLORS[hit.meta.body ?? 'none'],
      ...(footer ? { footer: { text: footer } } : {}),
    });
    shown.push({ passageId: hit.id, rank: hit.rank, excerpted: ex.truncated });
  });
  const filters = describeReading(result, options.countryName);
  let content = `**${resultRange(hits)}** of the best matches, quoted word for word${filters ? ` · ${escapeDiscord(filters)}` : ''}`;
  if (!result.confident) content += ' · these match less well';
  return { content: truncate(content, DISCORD_LIMITS.content), embeds, shown };
}

/**
 * "Results 1–3" (or "Result 4"): where these quotes stand among the matches. Not "paragraphs", which the
 * citations below use for the paragraph's place in its statement (¶11).
 */
function resultRange(hits: Hit[]): string {
  const first = hits[0]!.rank;
  const last = hits[hits.length - 1]!.rank;
  return first === last ? `Result ${first}` : `Results ${first}–${last}`;
}

/**
 * "similarity 0.84" for each quote, or nulls when the figures would not fall from one quote to the next:
 * quotes are ordered by the fused ranking (meaning and shared words), and a figure that rises down the page
 * (0.83, 0.83, 0.84) contradicts the order the reader is told.
 */
function similarityFigures(hits: Hit[]): (string | null)[] {
  const figures = hits.map((h) => h.similarity.toFixed(2));
  const followsOrder = figures.every((f, i) => i === 0 || Number(f) <= Number(figures[i - 1]));
  return figures.map((f) => (followsOrder ? `similarity ${f}` : null));
}

/** The embed's link to the statement's official record, where the metadata gives one. */
function withRecordUrl(meta: Passage['meta']): { url?: string } {
  const url = officialRecordUrl(meta);
  return url ? { url } : {};
}

export interface GroupedOptions extends DiscordAnswerOptions {
  /** "country-year" for an organization (who said it, when); "year" for one country's statements. */
  groupBy: 'country-year' | 'year';
  /** Bold first line of the content, e.g. "CICA · Conference on Interaction and Confidence-Building Measures in Asia". */
  heading: string;
  /** What ranked the paragraphs, if anything ("your question", "the topic"); else they are in order of year. */
  rankedBy?: string;
}

/** Paragraphs grouped under "Country · year" (or "year · body") headings, one embed per group, quotes verbatim. */
export function formatGroupedForDiscord(result: SearchResult, options: GroupedOptions): DiscordAnswer {
  const offset = options.offset ?? 0;
  const heading = `**${escapeDiscord(options.heading)}**`;
  if (result.hits.length === 0) {
    const none = offset > 0 ? 'No more paragraphs.' : 'No paragraphs found.';
    return { content: truncate(`${heading}\n${none}`, DISCORD_LIMITS.content), embeds: [], shown: [] };
  }
  const focus = contentStems(options.focus ?? result.question);
  const groups = new Map<string, Hit[]>();
  for (const hit of result.hits) {
    const label = groupLabel(hit, options.groupBy);
    const list = groups.get(label) ?? [];
    list.push(hit);
    groups.set(label, list);
  }
  // At most 10 embeds: later groups beyond that share the last embed.
  const labels = [...groups.keys()];
  while (labels.length > DISCORD_LIMITS.embedsPerMessage) {
    const extra = labels.pop()!;
    const into = labels[labels.length - 1]!;
    groups.set(into, [...groups.get(into)!, ...groups.get(extra)!]);
  }
  const n = result.hits.length;
  const perHit = Math.floor(TOTAL_BUDGET / n);
  const embeds: EmbedData[] = [];
  const shown: ShownHit[] = [];
  for (const label of labels) {
    const entries: string[] = [];
    for (const hit of groups.get(label)!) {
      const line = `**${hit.rank}.** ${restOfCitation(hit, options.groupBy)}`;
      const budget = Math.min(options.maxQuoteChars ?? 1200, perHit - line.length - 40);
      const ex = excerptAround(hit.text, focus, { maxChars: Math.max(120, budget), measure: discordLength });
      entries.push(`${line}\n${quote(ex.text, DISCORD_LIMITS.embedDescription)}`);
      shown.push({ passageId: hit.id, rank: hit.rank, excerpted: ex.truncated });
    }
    const members = groups.get(label)!;
    embeds.push({
      title: truncate(escapeDiscord(label), DISCORD_LIMITS.embedTitle),
      ...labelRecordUrl(members),
      description: truncate(entries.join('\n\n'), DISCORD_LIMITS.embedDescription),
      color: COLORS[members[0]!.meta.body ?? 'none'],
    });
  }
  const order = options.rankedBy ? `best match to ${escapeDiscord(options.rankedBy)} first` : 'in order of year';
  const content = `${heading}\n${resultRange(result.hits)}, ${order}`;
  return { content: truncate(content, DISCORD_LIMITS.content), embeds, shown };
}

/** A statement's date as a reader would put it when the file does not give one. */
const DATE_NOT_STATED = 'date not stated';

function groupLabel(hit: Hit, groupBy: GroupedOptions['groupBy']): string {
  const when = hit.meta.year !== null ? String(hit.meta.year) : (hit.meta.meeting ?? DATE_NOT_STATED);
  if (groupBy === 'year') return [when, hit.meta.body].filter(Boolean).join(CITATION_SEPARATOR);
  return `${speakerCountry(hit.meta) ?? 'country not stated'}${CITATION_SEPARATOR}${when}`;
}

/** A group titled by its meeting record (no year known) links to that record, when every quote shares it. */
function labelRecordUrl(members: Hit[]): { url?: string } {
  const urls = new Set(members.map((h) => (h.meta.year === null ? officialRecordUrl(h.meta) : null)));
  const [url] = urls;
  return urls.size === 1 && url ? { url } : {};
}

/** The citation besides the group's heading, as Discord markdown: the meeting record links to its official page. */
function restOfCitation(hit: Hit, groupBy: GroupedOptions['groupBy']): string {
  const meeting = hit.meta.year !== null ? hit.meta.meeting : null;
  const url = officialRecordUrl(hit.meta);
  const parts = [speakerLabel(hit.meta), groupBy === 'country-year' ? hit.meta.body : null, meeting, `¶${hit.paragraph}`];
  return parts
    .filter((p): p is string => Boolean(p))
    .map((p) => (p === meeting && url ? `[${escapeDiscord(p)}](${url})` : escapeDiscord(p)))
    .join(CITATION_SEPARATOR);
}

/** Escapes and block-quotes a verbatim text, cut (at a safe place, with "…") only if it cannot fit. */
function quote(text: string, max: number): string {
  return truncate(blockquote(escapeDiscord(text)), max);
}

/**
 * A whole paragraph, verbatim, as messages of one embed each (a long paragraph takes several), the first
 * titled with its citation.
 */
export function formatFullParagraph(passage: Passage): EmbedData[][] {
  const pieces = splitText(escapeDiscord(passage.text.trim()), DISCORD_LIMITS.embedDescription - 200);
  const heading = {
    title: truncate(escapeDiscord(citationLine(passage.meta, passage.paragraph)), DISCORD_LIMITS.embedTitle),
    ...withRecordUrl(passage.meta),
  };
  return pieces.map((piece, i) => {
    const embed: EmbedData = { ...(i === 0 ? heading : {}), description: blockquote(piece), color: COLORS[passage.meta.body ?? 'none'] };
    if (pieces.length > 1) embed.footer = { text: `Part ${i + 1} of ${pieces.length}` };
    return [embed];
  });
}

/**
 * The paragraphs around one paragraph: the end of those before it, the paragraph itself (around the focus
 * words when long), the beginning of those after it; each verbatim with "…" at cuts.
 */
export function formatContext(passages: Passage[], centerId: number, focus?: string): EmbedData[] {
  const list = passages.slice(0, DISCORD_LIMITS.embedsPerMessage);
  const center = list.find((p) => p.id === centerId) ?? list[Math.floor(list.length / 2)];
  if (!center) return [];
  const stems = contentStems(focus ?? '');
  const headerText = escapeDiscord(citationParts(center.meta, undefined).join(CITATION_SEPARATOR));
  const budget = Math.floor((TOTAL_BUDGET - headerText.length - list.length * 40) / (list.length + 1));
  const centerIndex = list.indexOf(center);
  return list.map((p, i) => {
    const isCenter = p === center;
    const opts = { maxChars: isCenter ? budget * 2 : budget, measure: discordLength };
    const ex = isCenter
      ? stems.size > 0
        ? excerptAround(p.text, stems, opts)
        : headExcerpt(p.text, opts)
      : i < centerIndex
        ? tailExcerpt(p.text, opts)
        : headExcerpt(p.text, opts);
    const embed: EmbedData = {
      title: isCenter ? `¶${p.paragraph} (the quoted paragraph)` : `¶${p.paragraph}`,
      description: quote(ex.text, DISCORD_LIMITS.embedDescription),
      color: isCenter ? COLORS[p.meta.body ?? 'none'] : COLORS.none,
    };
    if (i === 0) embed.author = { name: truncate(headerText, DISCORD_LIMITS.embedAuthor), ...withRecordUrl(center.meta) };
    return embed;
  });
}

/** "3 h ago", "2 days ago", "just now". */
function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

/** Index statistics as one embed. */
export function formatStats(stats: ArchiveStats, now: Date = new Date()): EmbedData {
  const num = (n: number): string => n.toLocaleString('en-US');
  const years =
    stats.years.first === null
      ? '—'
      : stats.years.first === stats.years.last
        ? String(stats.years.first)
        : `${stats.years.first}–${stats.years.last}`;
  const indexed = stats.indexedAt ? new Date(stats.indexedAt) : null;
  const age =
    indexed && !Number.isNaN(indexed.getTime())
      ? `${formatAge(now.getTime() - indexed.getTime())} (${indexed.toISOString().slice(0, 16).replace('T', ' ')} UTC)`
      : 'never';
  return {
    title: 'Verbatim index',
    color: COLORS.none,
    fields: [
      { name: 'Statements', value: num(stats.statements), inline: true },
      { name: 'Paragraphs', value: num(stats.paragraphs), inline: true },
      { name: 'Countries', value: num(stats.countries), inline: true },
      { name: 'Years', value: years, inline: true },
      { name: 'Bodies', value: stats.bodies.length > 0 ? stats.bodies.join(', ') : '—', inline: true },
      { name: 'Model', value: truncate(escapeDiscord(readableModelName(stats.model)), DISCORD_LIMITS.fieldValue), inline: true },
      { name: 'Index age', value: age, inline: false },
      { name: 'Integrity', value: describeIntegrity(stats.integrity), inline: false },
    ],
  };
}

const CHECK_WORDS: Record<ArchiveStats['integrity']['check'], string> = {
  checking: 'being checked',
  sound: 'checked: sound',
  damaged: 'damaged',
  unchecked: 'not checked',
};

/** What a moderator needs to know of the index's health: the check, and whether pages carry checksums yet. */
function describeIntegrity({ check, pageChecksums }: ArchiveStats['integrity']): string {
  const pages = pageChecksums
    ? 'every page read is verified against its checksum'
    : 'no page checksums yet (the next indexing run adds them)';
  return `${CHECK_WORDS[check]} · ${pages}`;
}

/**
 * The model as a reader knows it: "e5-small-v2 (int8)" for the index's record "e5-small-v2-q@2" (catalog name and
 * embedding revision); a name the catalog does not know is shown as recorded.
 */
export function readableModelName(recorded: string): string {
  const name = recorded.replace(/@\d+$/, '');
  if (!(MODEL_NAMES as readonly string[]).includes(name)) return recorded;
  const spec = MODELS[name as ModelName];
  return `${spec.hubId.split('/').pop()} (${spec.quantized ? 'int8' : 'float32'})`;
}
