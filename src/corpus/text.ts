/**
 * Characters that take no room on screen: zero width space, zero width non-joiner and joiner, word joiner, and
 * U+FEFF inside text. Pasted from web pages and chat clients, they split words unseen ("Kaza\u200Bkhstan"), so
 * names are not found and a question of nothing but them looks like text.
 */
const INVISIBLE_CHARACTERS = '\u200B\u200C\u200D\u2060\uFEFF';
// eslint-disable-next-line no-misleading-character-class -- the joiner is one of the characters removed, not a joint between two
const INVISIBLE = new RegExp(`[${INVISIBLE_CHARACTERS}]`, 'g');

/** The text without zero-width characters; for what users type (questions, names), never for statement text. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** The text without zero-width characters, and where each remaining character stood in the text given. */
export function visibleText(text: string): { text: string; offsets: number[] } {
  const offsets: number[] = [];
  let visible = '';
  for (let i = 0; i < text.length; i++) {
    if (INVISIBLE_CHARACTERS.includes(text[i]!)) continue;
    offsets.push(i);
    visible += text[i];
  }
  return { text: visible, offsets };
}
