/**
 * The speaker line that opens a speech in UN verbatim records and is not part of what was said:
 *   "Mrs. Aitimova (Kazakhstan):"  "Mr. Wu Haitao (China) (spoke in Chinese):"  "The President:"
 *   "Mr. Skoog:"  "Mr. Takht Ravanchi (Islamic Republic of Iran):"  "Mr. X (Iran (Islamic Republic of)):"
 */
export interface SpeakerPrefix {
  /** "Mrs. Aitimova", "The President". */
  speaker: string;
  /** The name in the parenthesis as written: "Russian Federation". */
  countryName: string | null;
  /** "spoke in Chinese". */
  language: string | null;
  /** How many characters of the text the prefix takes, with the spaces after its colon. */
  length: number;
}

const TITLE = String.raw`(?:Mr|Mrs|Ms|Miss|Mme|Mlle|Dr|Sir|Dame|Lord|Lady|Baroness|Sheikh|Sheikha|Prince|Princess|Archbishop|Cardinal|Monsignor|Bishop|Judge|Prof|Professor)\.?`;
/** Officers named by office alone: "The President", "The Acting President", "The Deputy Secretary-General". */
const OFFICE = String.raw`The(?:\s+(?:Acting|Deputy|Vice|Temporary))?\s+(?:President|Vice-President|Secretary-General|Chair|Chairman|Chairperson)`;
/** A name has no commas: "Mr. President, Excellencies:" is a salutation. */
const PERSON = String.raw`${TITLE}\s+[^\s:(),][^:(),\n]{0,60}?`;
/** One level of nested parentheses: "(Iran (Islamic Republic of))". */
const PARENTHESIS = String.raw`\(((?:[^()\n]|\([^()\n]*\))+)\)`;

const PREFIX = new RegExp(`^\\s*(${OFFICE}|${PERSON})\\s*(?:${PARENTHESIS})?\\s*(?:${PARENTHESIS})?\\s*:\\s*`, 'u');

/** "spoke in French", "interpretation from Arabic": the records' notes on the language of the speech. */
const LANGUAGE_NOTE = /^(?:spoke in|interpretation from)\s/i;

/** "Mr. President:" opens a speech addressed to the President; it does not name the speaker. */
const ADDRESSED_OFFICE = /^\S+\s+(?:President|Secretary-General|Chairman|Chair|Speaker|Moderator)\b/;

export function readSpeakerPrefix(text: string): SpeakerPrefix | null {
  const match = PREFIX.exec(text);
  if (!match) return null;
  const speaker = match[1]!.replace(/\s+/g, ' ').trim();
  if (ADDRESSED_OFFICE.test(speaker) && !speaker.startsWith('The ')) return null;

  const notes = [match[2], match[3]].filter((n): n is string => n !== undefined).map((n) => n.replace(/\s+/g, ' ').trim());
  const language = notes.find((n) => LANGUAGE_NOTE.test(n)) ?? null;
  const countries = notes.filter((n) => n !== language);
  if (countries.length > 1) return null;
  return { speaker, countryName: countries[0] ?? null, language, length: match[0].length };
}
