/**
 * People's names as speakers.csv and speaker lines write them ("Mr. Barack Obama", "Luiz Inácio Lula da Silva,")
 * and as members type them ("obama", "lula", "zelensky"): the words that tell one person from another.
 */

/** Honorifics and offices written before a name; they say nothing about who. */
const HONORIFICS = new Set([
  'mr', 'mrs', 'ms', 'miss', 'dr', 'h', 'e', 'he', 'his', 'her', 'excellency', 'majesty', 'highness', 'royal',
  'sheikh', 'sheikha', 'shaikh', 'prince', 'princess', 'king', 'queen', 'emir', 'amir', 'sultan', 'sir', 'dame',
  'lord', 'general', 'gen', 'colonel', 'col', 'archbishop', 'cardinal', 'monsignor', 'msgr', 'pres', 'prof',
  'professor', 'president', 'minister', 'prime', 'ambassador', 'senator', 'right', 'honourable', 'honorable',
  'hon', 'rt', 'the', 'jr', 'sr', 'mme', 'mlle', 'dato', 'datuk', 'tan', 'sri', 'haji', 'hajji', 'son', 'father',
]);

/** Particles inside names ("da Silva", "bin Zayed", "von der Leyen"): shared by too many people to tell them apart. */
const PARTICLES = new Set([
  'da', 'de', 'del', 'della', 'di', 'do', 'dos', 'das', 'du', 'la', 'le', 'van', 'von', 'der', 'den', 'ter',
  'bin', 'ibn', 'al', 'el', 'y', 'e', 'abu', 'ben', 'bint', 'ould', 'ag', 'mac', 'st', 'saint',
]);

/** The shortest word that may name a person on its own ("Modi", "Lula", "Abe"). */
const SHORTEST_NAME_WORD = 3;

/** Lower case, accents off, letters and digits only, single spaces: "Zelenskyy," and "ZELENSKYY" read alike. */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of a name that tell its bearer apart, in order: "Mr. Luiz Inácio Lula da Silva" → luiz inacio lula silva. */
export function nameWords(name: string): string[] {
  return foldName(name)
    .split(' ')
    .filter((w) => w.length >= SHORTEST_NAME_WORD && !HONORIFICS.has(w) && !PARTICLES.has(w) && !/^\d+$/.test(w));
}

/** The family name: the last telling word ("Silva", "Obama"); null when the name has none. */
export function familyName(name: string): string | null {
  const words = nameWords(name);
  return words[words.length - 1] ?? null;
}

/**
 * Whether two spellings are one word: equal, or, from six letters, one edit apart ("zelensky" / "zelenskyy",
 * "nazarbayev" / "nazarbaev"). Shorter words must match exactly: "modi" is not "mori".
 */
export function sameNameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.min(a.length, b.length) < 6 || Math.abs(a.length - b.length) > 1) return false;
  return editDistanceAtMostOne(a, b);
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < short.length && j < long.length) {
    if (short[i] === long[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (short.length === long.length) i++;
    j++;
  }
  return edits + (long.length - j) + (short.length - i) <= 1;
}
