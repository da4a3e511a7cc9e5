/** Discord's documented message limits. */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFooter: 2048,
  embedAuthor: 256,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  /** Sum of all embed titles, descriptions, field names and values, footers and author names of one message. */
  embedsTotal: 6000,
  embedsPerMessage: 10,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  customId: 100,
  buttonLabel: 80,
  buttonsPerRow: 5,
  rowsPerMessage: 5,
  threadName: 100,
} as const;

/** An embed as plain data (the subset of Discord's embed object this project uses). */
export interface EmbedData {
  title?: string;
  description?: string;
  url?: string;
  color?: number;
  author?: { name: string; url?: string };
  footer?: { text: string };
  fields?: { name: string; value: string; inline?: boolean }[];
}

/** The length Discord counts towards the 6,000-character total of a message's embeds. */
function embedLength(embed: EmbedData): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  n += (embed.author?.name.length ?? 0) + (embed.footer?.text.length ?? 0);
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/** Whether one message's embeds respect every per-embed and per-message limit. */
export function embedsFit(embeds: EmbedData[]): boolean {
  if (embeds.length > DISCORD_LIMITS.embedsPerMessage) return false;
  let total = 0;
  for (const e of embeds) {
    if ((e.title?.length ?? 0) > DISCORD_LIMITS.embedTitle) return false;
    if ((e.description?.length ?? 0) > DISCORD_LIMITS.embedDescription) return false;
    if ((e.footer?.text.length ?? 0) > DISCORD_LIMITS.embedFooter) return false;
    if ((e.author?.name.length ?? 0) > DISCORD_LIMITS.embedAuthor) return false;
    if ((e.fields?.length ?? 0) > DISCORD_LIMITS.embedFields) return false;
    for (const f of e.fields ?? []) {
      if (f.name.length > DISCORD_LIMITS.fieldName || f.value.length > DISCORD_LIMITS.fieldValue) return false;
    }
    total += embedLength(e);
  }
  return total <= DISCORD_LIMITS.embedsTotal;
}

/** Groups embeds into as few messages as the 10-embed and 6,000-character limits allow, keeping order. */
export function packEmbeds(embeds: EmbedData[]): EmbedData[][] {
  const messages: EmbedData[][] = [];
  let current: EmbedData[] = [];
  let total = 0;
  for (const e of embeds) {
    const len = embedLength(e);
    if (current.length > 0 && (current.length >= DISCORD_LIMITS.embedsPerMessage || total + len > DISCORD_LIMITS.embedsTotal)) {
      messages.push(current);
      current = [];
      total = 0;
    }
    current.push(e);
    total += len;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

/**
 * Splits text into pieces of at most `max` characters, preferring paragraph breaks, then line breaks, then
 * sentence ends, then spaces; never inside a surrogate pair or right after an escaping backslash.
 * Joining the pieces with the whitespace that separated them gives the text back.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = -1;
    for (const sep of ['\n\n', '\n', '. ', '? ', '! ', '; ', ', ', ' ']) {
      const at = window.lastIndexOf(sep, max - sep.length);
      if (at > max * 0.5) {
        cut = at + sep.length;
        break;
      }
    }
    if (cut <= 0) cut = max;
    while (cut > 1 && (endsWithOddBackslashes(rest.slice(0, cut)) || isHighSurrogate(rest.charCodeAt(cut - 1)))) cut--;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

function endsWithOddBackslashes(s: string): boolean {
  let n = 0;
  for (let i = s.length - 1; i >= 0 && s[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Cuts a string to at most `max` characters (code points kept whole), ending in "…" when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  while (cut > 0 && (isHighSurrogate(text.charCodeAt(cut - 1)) || endsWithOddBackslashes(text.slice(0, cut)))) cut--;
  return `${text.slice(0, cut).trimEnd()}…`;
}
