import type { CountryMention } from '../corpus/countries.js';
import { familyName, foldName, nameWords, sameNameWord } from '../corpus/person-names.js';

/** Who gave one stored statement, as its metadata says (speakers.csv for the General Debate, speaker lines else). */
export interface SpeakerRow {
  country: string;
  speaker: string | null;
  post: string | null;
  year: number | null;
}

/** A speaker read from a question: a person by name, or an office of a country ("the Indian prime minister"). */
export interface SpeakerLimit {
  /** As shown to the member: "Barack Obama", "Prime Minister of India". */
  name: string;
  country: string;
  /** The years this speaker spoke in (all of them when the question does not date the speech). */
  years: number[];
  /** The office when the speaker was read from one ("Prime Minister"). */
  office: string | null;
  /** The words of the question that named the speaker, to take out of the words searched for. */
  matched: string[];
}

/** One person: the statements of one country whose speakers share a family name ("Lula da Silva", "Luiz Inácio Lula da Silva"). */
interface Person {
  country: string;
  family: string;
  words: Set<string>;
  /** Spellings as written, most recent last. */
  spellings: string[];
  years: Set<number>;
  /** The telling words of each year's name, so "Imran Khan" is not every Khan who spoke for Pakistan. */
  named: { year: number; words: string[] }[];
}

interface QuestionWord {
  key: string;
  raw: string;
  start: number;
  end: number;
}

/** A speaker suggestion for autocomplete: "Barack Obama (United States, 2009-2016)". */
export interface SpeakerSuggestion {
  name: string;
  country: string;
  years: number[];
}

/** More countries than this among the speakers bearing a word, and it is no name to read a speaker from. */
const COUNTRIES_SHARING_A_NAME_WORD = 2;
/** What each word of a name found in the question scores; the family name adds one. */
const NAME_WORD_SCORE = 10;

/** Offices as members name them, and how speakers.csv's Post column writes each. */
const OFFICES: { words: string; post: RegExp; title: string }[] = [
  {
    words: String.raw`prime\s+minister|premier|pm|chancellor`,
    post: /prime minister|premier|head of government|chancellor/i,
    title: 'Head of Government',
  },
  {
    words: String.raw`foreign\s+minister|minister\s+(?:of|for)\s+foreign\s+affairs|foreign\s+secretary|top\s+diplomat`,
    post: /foreign|external affairs/i,
    title: 'Minister for Foreign Affairs',
  },
  { words: String.raw`vice[\s-]+president`, post: /vice[\s-]*president/i, title: 'Vice-President' },
  {
    words: String.raw`president|head\s+of\s+state`,
    post: /^(?!.*vice)(?!.*(?:assembly|council|commission)).*president/i,
    title: 'President',
  },
  {
    words: String.raw`king|queen|emir|amir|sultan|crown\s+prince|monarch`,
    post: /king|queen|emir|amir|sultan|majesty|prince|monarch/i,
    title: 'Head of State',
  },
];
const QUALIFIER = String.raw`(?:then\s+|former\s+|current\s+|new\s+|late\s+)?`;
const OFFICE_AFTER = OFFICES.map((o) => new RegExp(String.raw`^(?:\s*['’]s)?\s+${QUALIFIER}(?:${o.words})\b`, 'i'));
const OFFICE_BEFORE = OFFICES.map((o) => new RegExp(String.raw`\b(?:${o.words})\s+of\s+(?:the\s+)?$`, 'i'));

/**
 * Every speaker the index holds, read from its statements: finds the person or the office a question names, and
 * offers names for autocomplete. A word the statements themselves write in lower case ("rice", "may", "hope") is
 * an ordinary word, never a name (`isOrdinaryWord`).
 */
export class SpeakerDirectory {
  private readonly byWord = new Map<string, Person[]>();
  private readonly offices = new Map<string, { year: number; post: string }[]>();

  private constructor(
    private readonly people: Person[],
    rows: SpeakerRow[],
  ) {
    for (const person of people) {
      for (const word of person.words) pushTo(this.byWord, word, person);
    }
    for (const row of rows) {
      if (row.post && row.year !== null) pushTo(this.offices, row.country, { year: row.year, post: row.post });
    }
  }

  static fromRows(rows: SpeakerRow[]): SpeakerDirectory {
    const people = new Map<string, Person[]>();
    const ordered = [...rows].sort((a, b) => (a.year ?? 0) - (b.year ?? 0));
    const byFamily = new Map<string, Person>();
    for (const row of ordered) {
      const words = row.speaker ? nameWords(row.speaker) : [];
      const family = words[words.length - 1];
      if (!row.speaker || !family) continue;
      const ofCountry = people.get(row.country) ?? [];
      // Most rows repeat a family name exactly; only a new one is compared a letter apart ("Zelensky", "Zelenskyy").
      let person = byFamily.get(`${row.country}:${family}`) ?? ofCountry.find((p) => sameNameWord(p.family, family));
      if (!person) {
        person = { country: row.country, family, words: new Set(), spellings: [], years: new Set(), named: [] };
        ofCountry.push(person);
        people.set(row.country, ofCountry);
      }
      byFamily.set(`${row.country}:${family}`, person);
      for (const word of words) person.words.add(word);
      const spelling = displayName(row.speaker);
      if (person.spellings[person.spellings.length - 1] !== spelling)
        person.spellings = [...person.spellings.filter((s) => s !== spelling), spelling];
      if (row.year !== null) {
        person.years.add(row.year);
        person.named.push({ year: row.year, words });
      }
    }
    return new SpeakerDirectory([...people.values()].flat(), rows);
  }

  /**
   * The one person the question names, by any telling word of their name ("Obama", "Lula", "Zelensky"). Words
   * inside country names are not names; a word several countries' speakers share names nobody, unless the
   * question's other words tell which.
   */
  findPerson(question: string, countries: CountryMention[], isOrdinaryWord: (word: string) => boolean): SpeakerLimit | null {
    const words = questionWords(question).filter((w) => !countries.some((c) => w.start < c.end && w.end > c.start));
    const scores = new Map<Person, { score: number; matched: QuestionWord[] }>();
    const found = words
      .map((word) => ({ word, people: this.peopleWithWord(word.key) }))
      .filter((f) => f.people.length > 0 && !isOrdinaryWord(f.word.key));
    // A word in the names of speakers of many countries ("Khan", "Mohamed") tells nobody apart on its own: it only
    // adds to a person another word found ("Imran Khan").
    const common = (people: Person[]) => new Set(people.map((p) => p.country)).size > COUNTRIES_SHARING_A_NAME_WORD;
    const ordered = [...found.filter((f) => !common(f.people)), ...found.filter((f) => common(f.people))];
    for (const { word, people } of ordered) {
      for (const person of people) {
        if (common(people) && !scores.has(person)) continue;
        // A family name may be spelt a letter apart ("Zelensky"); a given name must be written as the person's.
        if (!person.words.has(word.key) && !sameNameWord(person.family, word.key)) continue;
        const entry = scores.get(person) ?? { score: 0, matched: [] };
        // More of the name's words tell more ("Evo Morales" over Jimmy Morales); the family name breaks ties.
        entry.score += NAME_WORD_SCORE + (sameNameWord(person.family, word.key) ? 1 : 0);
        entry.matched.push(word);
        scores.set(person, entry);
      }
    }
    const best = Math.max(0, ...[...scores.values()].map((s) => s.score));
    const top = [...scores].filter(([, s]) => s.score === best);
    if (best === 0 || new Set(top.map(([p]) => p.country)).size !== 1) return null;
    const chosen = top.map(([p]) => p).sort((a, b) => Math.max(...b.years) - Math.max(...a.years));
    const asked = [...new Set(top.flatMap(([, s]) => s.matched.map((w) => w.key)))];
    const namedSo = chosen.flatMap((p) => p.named).filter((n) => asked.every((w) => n.words.some((word) => sameNameWord(word, w))));
    const years = namedSo.length > 0 ? namedSo.map((n) => n.year) : chosen.flatMap((p) => [...p.years]);
    return {
      name: chosen[0]!.spellings[chosen[0]!.spellings.length - 1]!,
      country: chosen[0]!.country,
      years: [...new Set(years)].sort((a, b) => a - b),
      office: null,
      matched: [...new Set(top.flatMap(([, s]) => s.matched.map((w) => w.raw)))],
    };
  }

  /**
   * An office of a country the question names: "the indian prime minister", "Brazil's president", "the president
   * of Ghana". Its years are those in which that office spoke for the country, or those asked of them.
   */
  findOffice(question: string, countries: CountryMention[], yearsAsked: number[]): SpeakerLimit | null {
    for (const mention of countries) {
      const after = question.slice(mention.end);
      const before = question.slice(0, mention.start);
      const at = OFFICES.findIndex((_, i) => OFFICE_AFTER[i]!.test(after) || OFFICE_BEFORE[i]!.test(before));
      if (at === -1) continue;
      const office = OFFICES[at]!;
      const holders = (this.offices.get(mention.code) ?? []).filter((o) => office.post.test(o.post));
      const held = holders.map((o) => o.year);
      const asked = yearsAsked.filter((y) => held.includes(y));
      const matchedOffice = (OFFICE_AFTER[at]!.exec(after)?.[0] ?? OFFICE_BEFORE[at]!.exec(before)?.[0] ?? '').trim();
      const title =
        mostCommon(holders.filter((o) => asked.length === 0 || asked.includes(o.year)).map((o) => o.post.trim())) ?? office.title;
      return {
        name: title,
        country: mention.code,
        years: [...new Set(asked.length > 0 ? asked : held)].sort((a, b) => a - b),
        office: title,
        matched: [mention.matched, matchedOffice].filter(Boolean),
      };
    }
    return null;
  }

  /** Speakers whose name has a word starting with the text typed, latest first. */
  suggest(typed: string, limit: number): SpeakerSuggestion[] {
    const wanted = foldName(typed).split(' ').filter(Boolean);
    const matches = this.people.filter((p) => {
      const words = [...p.words, ...p.spellings.flatMap((s) => foldName(s).split(' '))];
      return wanted.every((w) => words.some((word) => word.startsWith(w)));
    });
    return matches
      .sort((a, b) => Math.max(...b.years) - Math.max(...a.years))
      .slice(0, limit)
      .map((p) => ({ name: p.spellings[p.spellings.length - 1]!, country: p.country, years: [...p.years].sort((a, b) => a - b) }));
  }

  /** The person a suggestion named, by its name and country, as autocomplete hands it back. */
  byName(name: string, country: string): SpeakerLimit | null {
    const family = familyName(name);
    const person = this.people.find((p) => p.country === country && family !== null && sameNameWord(p.family, family));
    if (!person) return null;
    return {
      name: person.spellings[person.spellings.length - 1]!,
      country,
      years: [...person.years].sort((a, b) => a - b),
      office: null,
      matched: [],
    };
  }

  private peopleWithWord(word: string): Person[] {
    const exact = this.byWord.get(word) ?? [];
    if (word.length < 6) return exact;
    const near = [...this.byWord].filter(([key]) => key !== word && sameNameWord(key, word)).flatMap(([, people]) => people);
    return [...new Set([...exact, ...near])];
  }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function mostCommon(values: string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

function questionWords(question: string): QuestionWord[] {
  return [...question.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({
    key: foldName(m[0]),
    raw: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** "Mr. Barack Obama" → "Barack Obama"; "Luiz Inácio Lula da Silva," → without the comma. */
function displayName(speaker: string): string {
  return speaker
    .replace(/^(?:(?:Mr|Mrs|Ms|Dr|H\.\s*E|Miss)\.?\s+)+/i, '')
    .replace(/[,;\s]+$/, '')
    .trim();
}
