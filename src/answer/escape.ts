/**
 * Escaping for Discord so that quoted text renders exactly as written: no markdown styling, no links made
 * from "[text](url)", no mentions, pings or channel links. The rendered text stays verbatim; only invisible
 * backslashes and zero-width spaces are added.
 */

const ZWSP = '\u200b';

/** Makes mentions inert: @everyone/@here get a zero-width space, and <@id>, <#id>, <@&id>, </cmd:id>, <:emoji:id>, <t:…> are escaped. */
export function neutralizeMentions(text: string): string {
  return text.replace(/@(everyone|here)\b/gi, `@${ZWSP}$1`).replace(/<(?=[@#:/]|a:|t:-?\d|id:)/g, '\\<');
}

/** Escapes Discord markdown (emphasis, code, spoilers, quotes, headings, lists, masked links) and mentions. */
export function escapeDiscord(text: string): string {
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/[*_~`|]/g, '\\$&')
    .replace(/\[(?=[^\]\n]*\]\()/g, '\\[')
    .replace(/^(\s*)(>|#{1,3}\s|-#\s|[-+]\s)/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(\s)/gm, '$1\\.$2');
  return neutralizeMentions(escaped);
}

/** Prefixes each line with "> " so the text shows as a Discord block quote. */
export function blockquote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/** A short single-line label (thread name, button label) without markdown or mention syntax. */
export function plainLabel(text: string, max: number): string {
  const flat = text
    .replace(/<a?:(\w+):\d+>/g, ':$1:')
    .replace(/<[@#][!&]?\d+>/g, '')
    .replace(/@(everyone|here)\b/gi, '$1')
    .replace(/[*_~`|<>]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return [...flat].length <= max
    ? flat
    : `${[...flat]
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}
