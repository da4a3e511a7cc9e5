import type { CountryMention } from '../corpus/countries.js';
import { findRegions } from '../corpus/regions.js';
import type { Body } from '../corpus/types.js';
import type { SpeakerDirectory, SpeakerLimit } from './speakers.js';
import type { SearchFilters } from './types.js';

/** What the question's words say about who spoke, when and where, each read with the confidence it deserves. */
export interface UnderstoodQuestion {
  /** Limits the words state as the speaker's: a person, an office, "what did Fiji say", "Fiji's 2017 speech". They filter. */
  filters: SearchFilters;
  /**
   * Countries and years that may be the speaker's or may be what was spoken about ("did mayotte vote to stay with
   * france?", a year that dates an event): statements within them are raised, the rest stay in view.
   */
  raised: SearchFilters;
  /** The person or office read as the speaker, shown to the member with a way to ask again without it. */
  speaker: SpeakerLimit | null;
  /** The words left for matching once filter phrases ("in 2015", "at the 72nd session", a speaker) are taken out. */
  topic: string;
}

/** What the question is read against: country names, the index's speakers, and the years it holds statements from. */
export interface QuestionReaders {
  findCountries: (text: string) => CountryMention[];
  speakers?: SpeakerDirectory;
  /** Whether the statements write a word in lower case: then it is a word, not a name ("rice", "may"). */
  isOrdinaryWord?: (word: string) => boolean;
  /** A year outside these is what was spoken about, never the speech's. */
  statementYears?: ReadonlySet<number>;
}

const FIRST_GENERAL_ASSEMBLY_YEAR = 1945;
const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december';

/** "in 2017", "during 2015", "and in 2015?": a year the statement was made in, not a date it talks about. */
const YEAR_OF_STATEMENT = new RegExp(
  `\\b(?:in|during|for|from)\\s+(?:the\\s+year\\s+)?((?:19[4-9]|20[0-9])\\d)\\b(?!\\s*(?:-|–|to)\\s*\\d)`,
  'gi',
);
const YEAR_BEFORE_WORD = /\b((?:19[4-9]|20[0-9])\d)(?:'s)?\s+(?:speech|statement|address|debate|general debate|session)\b/gi;
const SESSION = /\b(?:at\s+the\s+|in\s+the\s+)?(\d{1,2})(?:st|nd|rd|th)\s+(?:regular\s+)?session\b/gi;
/** "lebanon 2020 - how many...", "mexican president 2020, what...": a question that opens with who and when. */
const LEADING_YEAR = /^\s*(?:the\s+)?[\p{L}'’ .-]{2,40}?\s((?:19[4-9]|20[0-9])\d)\s*(?:[-–—:,]|$)/gu;
const MONTH_BEFORE = new RegExp(`(?:${MONTHS})\\s*$`, 'i');
const BODY_PATTERNS: [RegExp, Body][] = [
  [
    /\b(?:in|at|before)\s+the\s+(?:UN\s+)?security\s+council\b|\bsecurity\s+council\s+(?:debate|meeting|session|speech)/i,
    'Security Council',
  ],
  [/\b(?:in|at|before)\s+the\s+(?:UN\s+)?general\s+(?:assembly|debate)\b|\bgeneral\s+debate\b/i, 'General Assembly'],
];
/**
 * Questions asking who said something name other countries as topics ("which country ... together with Brazil?"),
 * so their country words must not limit who spoke.
 */
const ASKS_WHO =
  /^\s*(?:which|what)\s+(?:(?!(?:did|does|do|has|have|is|was|were|are|the)\b)[\w-]+\s+){0,3}(?:country|countries|nation|nations|state|states|kingdom|republic|leader|leaders|president|delegation|government|island|speaker|one)\b|^\s*who(?:'s|\s+is|\s+was|\s+said|\s+spoke|\s+claimed|\s+proposed)?\b|^\s*did\s+any\s+(?:country|nation|state|leader)/i;

/** The subject of a "which ..." question: "which (small Pacific island) country", "which (Baltic) state". */
const WHO_SUBJECT =
  /^\s*(?:which|what)\s+((?:[\w-]+\s+){0,4}?)(?:country|countries|nation|nations|state|states|kingdom|republic|leader|leaders|president|delegation|government|member)\b/i;

/**
 * "according to the UN's west africa envoy, how much did the death toll in burkina faso rise": the words come
 * from a UN official, so the countries the question names are what was spoken about, not who spoke.
 */
const UN_OFFICIAL = String.raw`(?:envoy|secretary[\s-]+general|special\s+(?:representative|adviser|coordinator|rapporteur)|high\s+commissioner|under[\s-]+secretary|relief\s+coordinator|UN\s+(?:chief|official|briefer))`;
const OFFICIAL_SPEAKS = new RegExp(
  String.raw`\baccording\s+to\s+(?:the\s+)?(?:[\w'’-]+\s+){0,5}?${UN_OFFICIAL}\b|\b(?:did|does|has)\s+the\s+(?:[\w'’-]+\s+){0,5}?${UN_OFFICIAL}\s+(?:say|tell|warn|report|brief|announce)\b`,
  'i',
);

/** "which African country" limits who spoke to Africa; several region words narrow each other. */
function regionLimit(question: string): { countries: string[]; words: string[] } {
  const subject = WHO_SUBJECT.exec(question)?.[1];
  const regions = subject ? findRegions(subject) : [];
  if (regions.length === 0) return { countries: [], words: [] };
  return {
    countries: regions.map((r) => r.codes).reduce((a, b) => a.filter((code) => b.includes(code))),
    words: regions.map((r) => r.word),
  };
}

function isPrecededByMonth(text: string, index: number): boolean {
  return MONTH_BEFORE.test(text.slice(Math.max(0, index - 12), index));
}

/** Verbs of speaking whose subject is the speaker: "did moldova say", "Kazakhstan proposed". */
const SPEECH_VERBS = String.raw`(?:say|said|says|saying|tell|told|tells|ask|asked|asks|propose[sd]?|announce[sd]?|call(?:ed|s)?|claim(?:ed|s)?|want(?:ed|s)?|think|thinks|thought|argue[sd]?|warn(?:ed|s)?|stress(?:ed|es)?|mention(?:ed|s)?|promise[sd]?|pledge[sd]?|offer(?:ed|s)?|suggest(?:ed|s)?|describe[sd]?|report(?:ed|s)?|state[sd]?|declare[sd]?|commit(?:ted|s)?|urge[sd]?|demand(?:ed|s)?|raise[sd]?|highlight(?:ed|s)?|talk(?:ed|s)?|speak|spoke|speaks|note[sd]?|complain(?:ed|s)?|insist(?:ed|s)?|admit(?:ted|s)?|reveal(?:ed|s)?|respond(?:ed|s)?|repl(?:y|ied|ies)|explain(?:ed|s)?|request(?:ed|s)?|recall(?:ed|s)?|express(?:ed|es)?|welcome[sd]?|condemn(?:ed|s)?|accuse[sd]?|blame[sd]?|urge|boast(?:ed|s)?|brag(?:ged|s)?|vow(?:ed|s)?|plan(?:ned|s)?|host(?:ed|s)?|believe[sd]?|feel|feels|see|sees|view|views|consider(?:ed|s)?|thank(?:ed|s)?|support(?:ed|s)?|oppose[sd]?)`;
/** Verbs of speaking only: "host in 2016" is when the hosting happens, "say in 2015" when the saying did. */
const SAYING_VERBS = String.raw`(?:say|said|says|tell|told|tells|ask|asked|asks|speak|spoke|speaks|talk(?:ed|s)?|mention(?:ed|s)?|announce[sd]?|propose[sd]?|state[sd]?|declare[sd]?|claim(?:ed|s)?|warn(?:ed|s)?|argue[sd]?|stress(?:ed|es)?|note[sd]?)`;
/** "say in 2015", "said anything during 2019": the year the speaking was done. */
const SPOKEN_IN_YEAR = new RegExp(
  String.raw`\b${SAYING_VERBS}\s+(?:(?:anything|something|nothing|much)\s+)?(?:in|during)\s+((?:19[4-9]|20[0-9])\d)\b(?!\s*(?:-|–|to)\s*\d)`,
  'gi',
);
/** Who speaks for a country: "the Fijian president", "the Kazakh delegation", "Brazil's foreign minister". */
const SPEAKER_ROLES = String.raw`(?:delegation|delegate|representative|government|president|prime\s+minister|pm|premier|minister|foreign\s+minister|leader|ambassador|king|queen|emir|amir|sultan|chancellor|head\s+of\s+state|authorities|officials?|envoy|mission)`;
/** Things a country's speech is: "Fiji's 2017 speech", "Cuba's position". */
const SPEECH_NOUNS = String.raw`(?:(?:\d{4}\s+)?(?:speech|statement|address|remarks|intervention)|position|view|stance|response|proposal|argument|message|pledge|promise|plea)`;
const AUXILIARY = String.raw`(?:did|does|do|has|have|had|will|would|was|is|were|can|could|should|might)`;

/** Whether the words around a country's name make it the one speaking, not what was spoken about. */
function namesTheSpeaker(question: string, mention: CountryMention): boolean {
  const before = question.slice(0, mention.start);
  const after = question.slice(mention.end);
  return (
    (new RegExp(String.raw`\b${AUXILIARY}\s+(?:the\s+)?$`, 'i').test(before) &&
      new RegExp(String.raw`^(?:['’]s\s+[\w-]+)?\s+(?:[\w-]+\s+){0,2}?(?:${SPEECH_VERBS}|have|has)\b`, 'i').test(after)) ||
    new RegExp(
      String.raw`^\s+(?:(?:also|then|once|ever|recently|again|has|have|had|did|does|first|officially|formally)\s+)*${SPEECH_VERBS}\b`,
      'i',
    ).test(after) ||
    new RegExp(String.raw`^\s*['’]s\s+(?:own\s+)?(?:${SPEAKER_ROLES}|${SPEECH_NOUNS})\b`, 'i').test(after) ||
    new RegExp(String.raw`^\s+${SPEAKER_ROLES}\b`, 'i').test(after) ||
    new RegExp(String.raw`\baccording\s+to\s+(?:the\s+)?$`, 'i').test(before) ||
    new RegExp(String.raw`\b(?:${SPEAKER_ROLES}|speech|statement|address|remarks)\s+(?:of|by|from)\s+(?:the\s+)?$`, 'i').test(before) ||
    (/^\s*(?:the\s+)?$/i.test(before) && /^\s*(?:\d{4}\b|[-–—:,])/.test(after))
  );
}

/** "ibero-american", "sino-soviet": a country word inside a compound names no speaker, and limits nothing. */
function isInsideCompound(question: string, mention: CountryMention): boolean {
  return /\p{L}-$/u.test(question.slice(0, mention.start));
}

/**
 * "the central african countries", "the american states": a country's adjective before a plural of countries
 * names a group of them, neither the one country speaking nor its topic.
 */
function namesAGroupOfCountries(question: string, mention: CountryMention): boolean {
  return /^\s+(?:countries|states|nations|governments|delegations)\b/i.test(question.slice(mention.end));
}

/**
 * Reads the limits a question states in words: who spoke (a person, an office, country names, adjectives, short
 * forms), when (a year, a session) and where (a body). A limit the words state as the speaker's filters; a
 * country or year that may be what was spoken about only raises those statements. Words it does not understand
 * are left for matching, never turned into a limit; so is a year in which the archive holds no statement.
 */
export function understandQuestion(question: string, readers: QuestionReaders): UnderstoodQuestion {
  const { statementYears } = readers;
  const speechYears = new Set<number>();
  const askedYears = new Set<number>();
  let topic = question;
  const take = (pattern: RegExp, into: Set<number>, toYear: (m: RegExpExecArray) => number | null) => {
    for (const match of question.matchAll(pattern)) {
      if (isPrecededByMonth(question, match.index)) continue;
      const year = toYear(match);
      // "which country will host COP17 in 2026?" asked of an archive that ends in 2024: no statement was made
      // then, so the year is what was spoken about and stays a word to match.
      if (year !== null && (!statementYears || statementYears.has(year))) {
        into.add(year);
        topic = topic.replace(match[0], ' ');
      }
    }
  };
  // "in 2015" may date the speech or the event it speaks of; "its 2013 speech" and "the 70th session" date the speech.
  take(SPOKEN_IN_YEAR, speechYears, (m) => Number(m[1]));
  take(YEAR_OF_STATEMENT, askedYears, (m) => Number(m[1]));
  take(YEAR_BEFORE_WORD, speechYears, (m) => Number(m[1]));
  take(LEADING_YEAR, speechYears, (m) => Number(m[1]));
  take(SESSION, speechYears, (m) => {
    const session = Number(m[1]);
    return session >= 1 ? FIRST_GENERAL_ASSEMBLY_YEAR + session : null;
  });
  const years = [...speechYears].sort();
  const yearsAsked = [...askedYears].filter((y) => !speechYears.has(y)).sort();

  const body = BODY_PATTERNS.find(([pattern]) => pattern.test(question))?.[1] ?? null;
  const none = { countries: [], years: [], body: null };
  const mentions = readers.findCountries(question).filter((m) => !isInsideCompound(question, m) && !namesAGroupOfCountries(question, m));
  const officialSpeaks = OFFICIAL_SPEAKS.test(question);
  const asksWho = ASKS_WHO.test(question);
  const speaker = officialSpeaks || asksWho ? null : speakerNamed(question, mentions, [...years, ...yearsAsked], readers);
  if (speaker) {
    for (const words of speaker.matched) topic = topic.replace(words, ' ');
    const dated = speaker.years.filter((y) => years.includes(y) || yearsAsked.includes(y));
    const spoke = dated.length > 0 ? dated : speaker.years;
    // speakers.csv names offices unevenly (a German chancellor is "Prime Minister" one year): an office limits the
    // country, and the years it names are raised, not required.
    const office = speaker.office !== null;
    return {
      filters: { countries: [speaker.country], years: office ? years : spoke, body },
      raised: office ? { countries: [], years: spoke.length > 0 ? spoke : yearsAsked, body: null } : none,
      speaker: { ...speaker, years: spoke },
      topic: tidy(topic),
    };
  }

  let countries: string[];
  let raisedCountries: string[] = [];
  if (officialSpeaks) {
    countries = [];
  } else if (asksWho) {
    const region = regionLimit(question);
    countries = region.countries;
    // As with country names below: the region now limits who spoke, and as search words ("Central Asian") it
    // would only favour paragraphs about the region over the one that answers.
    for (const word of region.words) topic = topic.replace(word, ' ');
  } else {
    const speaking = mentions.filter((m) => namesTheSpeaker(question, m));
    countries = [...new Set(speaking.map((m) => m.code))];
    // The limit already says who spoke; as search words the names would only favour paragraphs that repeat them.
    for (const mention of speaking) topic = topic.replace(mention.matched, ' ');
    // Named but not as the speaker: perhaps the speaker, perhaps what was spoken about; the names stay search words.
    if (countries.length === 0) raisedCountries = [...new Set(mentions.map((m) => m.code))];
  }
  return {
    filters: { countries, years, body },
    raised: { countries: raisedCountries, years: yearsAsked, body: null },
    speaker: null,
    topic: tidy(topic),
  };
}

/**
 * "let me congratulate Mrs. Pandit on her election", "did anyone thank Kofi Annan": the person is greeted,
 * thanked or elected, not speaking (every General Debate speech opens by congratulating the Assembly's President
 * by name, and a paragraph pasted from one named that President as its speaker).
 */
const ADDRESSED_PERSON = new RegExp(
  String.raw`\b(?:congratulat\w*|thank\w*|welcom\w*|greet\w*|tribute\s+to|condolences\s+to|election\s+of|elected|elect)\s+(?:[\w.]+\s+){0,3}$`,
  'i',
);

/** Where the question first names the person or office. */
function firstNamedAt(question: string, limit: SpeakerLimit): number {
  return Math.min(...limit.matched.map((words) => question.indexOf(words)).filter((i) => i >= 0));
}

/** A person the question names, else an office of a country it names ("the Indian prime minister"). */
function speakerNamed(question: string, mentions: CountryMention[], years: number[], readers: QuestionReaders): SpeakerLimit | null {
  const { speakers } = readers;
  if (!speakers) return null;
  const found = speakers.findPerson(question, mentions, readers.isOrdinaryWord ?? (() => false));
  const person = found && !ADDRESSED_PERSON.test(question.slice(0, firstNamedAt(question, found))) ? found : null;
  const office = speakers.findOffice(question, mentions, years);
  // "according to the german chancellor, when will putin ...": whoever is named first is the one speaking.
  if (person && office) return firstNamedAt(question, office) < firstNamedAt(question, person) ? office : person;
  return person ?? office;
}

function tidy(topic: string): string {
  return topic.replace(/\s+/g, ' ').trim();
}

export function mergeFilters(understood: SearchFilters, explicit: Partial<SearchFilters> | undefined): SearchFilters {
  return {
    countries: explicit?.countries?.length ? explicit.countries : understood.countries,
    years: explicit?.years?.length ? explicit.years : understood.years,
    body: explicit?.body ?? understood.body,
  };
}

/** Raised limits lose the kinds a member stated explicitly (a `country` or `year` option is exact). */
export function withoutExplicit(raised: SearchFilters, explicit: Partial<SearchFilters> | undefined): SearchFilters {
  return {
    countries: explicit?.countries?.length ? [] : raised.countries,
    years: explicit?.years?.length ? [] : raised.years,
    body: explicit?.body ? null : raised.body,
  };
}

/** The filters narrowed by the raised limits: the statements that gain within the filters. */
export function narrowed(filters: SearchFilters, raised: SearchFilters): SearchFilters {
  return {
    countries: filters.countries.length > 0 ? filters.countries : raised.countries,
    years: filters.years.length > 0 ? filters.years : raised.years,
    body: filters.body ?? raised.body,
  };
}

export function noFilters(): SearchFilters {
  return { countries: [], years: [], body: null };
}

export function hasFilters(filters: SearchFilters): boolean {
  return filters.countries.length > 0 || filters.years.length > 0 || filters.body !== null;
}
