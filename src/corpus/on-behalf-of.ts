import { findCountryMentions } from './countries.js';
import { splitSentences } from './sentences.js';

/**
 * "I have the honour to speak on behalf of ...", "We make this statement on behalf of ...", "Speaking on
 * behalf of ..., I": the speaker's own words about whom the statement is for. "Romania aligns itself with the
 * statement to be delivered on behalf of the European Union" names someone else's statement, so the verb must
 * follow I or we, and "be delivered", "align", "associate" rule a sentence out.
 */
const SPEAKS_FOR = /(?:\b(?:I|we)\s+(?:[a-z]+\s+){0,5}?(?:speak|speaking|make|making|deliver|delivering|read|present|presenting|address|addressing)\b(?:\s+[a-z]+){0,4}?|^speaking)\s+on\s+(?:the\s+)?behalf\s+of\s+([^.;:!?]+)/i;
const SOMEONE_ELSES_STATEMENT = /\b(?:align\w*|associat\w*|be)\b/i;

/** Words that make a name a group of States; "on behalf of the Government of Canada" is one country speaking. */
const GROUP_WORDS = /\b(?:Group|Union|Movement|Community|Association|Organi[sz]ation|countries|States|Alliance|Forum|League|Commonwealth|Coalition|Caucus|Bloc)\b/;
const MAX_GROUP_WORDS = 12;

/** Only the opening sentences say whom a whole statement speaks for; later ones are asides. */
const OPENING_SENTENCES = 2;

/** The group a statement speaks for, by its acronym when it gives one: "ASEAN", "EU", "Nordic countries". */
export function findOnBehalfOf(firstParagraph: string): string | null {
  for (const sentence of splitSentences(firstParagraph).slice(0, OPENING_SENTENCES)) {
    const match = SPEAKS_FOR.exec(sentence);
    if (!match || SOMEONE_ELSES_STATEMENT.test(match[0].slice(0, match[0].length - match[1]!.length))) continue;
    const group = nameOfGroup(match[1]!);
    if (group) return group;
  }
  return null;
}

function nameOfGroup(phrase: string): string | null {
  const acronym = /\(([A-Z][A-Za-z0-9&-]{1,9})\)/.exec(phrase)?.[1];
  if (acronym) return acronym;
  // "the Nordic countries - Denmark, Finland, ...": the group ends where its members are listed.
  const group = phrase
    .split(/\s[-–—]\s|,\s+(?=I\b|we\b|[a-z])/)[0]!
    .replace(/^the\s+/i, '')
    .trim();
  if (/^[A-Z][A-Z0-9&-]{1,9}$/.test(group)) return group; // "on behalf of CELAC"
  const named = /^[\p{Lu}\p{N}]/u.test(group) && group.split(/\s+/).length <= MAX_GROUP_WORDS;
  return named && (GROUP_WORDS.test(group) || isListOfCountries(group)) ? group : null;
}

/** "Canada, Germany, Sweden and Ukraine". */
function isListOfCountries(text: string): boolean {
  const mentions = findCountryMentions(text);
  if (mentions.length < 2) return false;
  let rest = text;
  for (const m of [...mentions].reverse()) rest = rest.slice(0, m.start) + rest.slice(m.end);
  return /^(?:\s|,|and|the)*$/.test(rest);
}
