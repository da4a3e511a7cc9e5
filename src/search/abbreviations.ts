/**
 * Members type the way people chat ("the PM", "govts", "intl", "WWII", "its GA speech"); statements spell every
 * title and body out. Written out, the words meet the statements' own on both sides: the full-text index has
 * "government", never "govt", and the dense model places "Security Council" nearer a briefing than "UNSC".
 * Only forms that cannot be anything else in a question about UN statements are here; acronyms the statements
 * themselves use (UNHCR, NPT, SIDS) are left alone, and so are "GA" and "WWII": written out, "at the General
 * Assembly" read as where a statement was made, and "the Second World War" moved the question's vector away from
 * the paragraph that answers (dev.jsonl S-006, dev2.jsonl D-053).
 */
const ABBREVIATIONS: [RegExp, string][] = [
  [/\bgov(?:'|’)?t(s?)\b/gi, 'government$1'],
  [/\bint(?:'|’)?l\b/gi, 'international'],
  [/\bnat(?:'|’)?l\b/gi, 'national'],
  [/\bdept(s?)\b/gi, 'department$1'],
  // Capitals only: "pm" is also a time of day.
  [/(?<!\d\s?)\bPMs\b/g, 'Prime Ministers'],
  [/(?<!\d\s?)\bPM\b/g, 'Prime Minister'],
  [/\bFM\b/g, 'Foreign Minister'],
  [/\bUNSG\b|\bSG\b/g, 'Secretary-General'],
  [/\bUNSC\b/g, 'Security Council'],
];

/** The question with chat abbreviations written out; everything else as typed. */
export function expandAbbreviations(question: string): string {
  return ABBREVIATIONS.reduce((text, [pattern, fullForm]) => text.replace(pattern, fullForm), question);
}
