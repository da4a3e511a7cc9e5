import worldCountriesPackage, { type Country as PackageCountry } from 'world-countries';
import { PhraseMatcher, phraseKey } from './phrase-matcher.js';
import { stripInvisible, visibleText } from './text.js';

// The package's types declare an ES default export, but it is CommonJS: Node's default import is the array.
const worldCountries = worldCountriesPackage as unknown as PackageCountry[];

export interface Country {
  /** ISO 3166-1 alpha-3, or the General Debate corpus's code for a state that no longer exists ("YUG"). */
  code: string;
  /** The name the UN uses ("Viet Nam", "Russian Federation"), for citations. */
  name: string;
}

export interface CountryMention {
  code: string;
  start: number;
  end: number;
  matched: string;
}

/** Names the UN writes that the world-countries package lacks or words differently; the first is displayed. */
const UN_NAMES: Record<string, string[]> = {
  RUS: ['Russian Federation', 'Russia', 'USSR', 'Soviet Union', 'Union of Soviet Socialist Republics', 'Soviet'],
  TZA: ['United Republic of Tanzania'],
  KOR: ['Republic of Korea', 'ROK'],
  PRK: ["Democratic People's Republic of Korea", "Korea, Democratic People's Republic of"],
  IRN: ['Iran (Islamic Republic of)'],
  BOL: ['Bolivia (Plurinational State of)'],
  VEN: ['Venezuela (Bolivarian Republic of)'],
  FSM: ['Micronesia (Federated States of)'],
  VNM: ['Viet Nam'],
  LAO: ["Lao People's Democratic Republic", 'Lao PDR', 'Lao'],
  SYR: ['Syrian Arab Republic'],
  MDA: ['Republic of Moldova'],
  TUR: ['Türkiye', 'Turkey'],
  CIV: ["Côte d'Ivoire"],
  VAT: ['Holy See', 'Vatican'],
  PSE: ['State of Palestine', 'Palestine'],
  COD: ['Democratic Republic of the Congo', 'DRC'],
  COG: ['Congo', 'Republic of the Congo', 'Congo-Brazzaville'],
  CZE: ['Czechia', 'Czech Republic'],
  GBR: ['United Kingdom', 'United Kingdom of Great Britain and Northern Ireland', 'Britain', 'U.K.', 'Northern Ireland'],
  USA: ['United States', 'United States of America', 'America', 'U.S.', 'U.S.A.'],
  ARE: ['United Arab Emirates'],
  MKD: ['North Macedonia', 'The former Yugoslav Republic of Macedonia'],
  SWZ: ['Eswatini', 'Swaziland'],
  CPV: ['Cabo Verde', 'Cape Verde'],
  BRN: ['Brunei Darussalam', 'Brunei'],
  TLS: ['Timor-Leste', 'East Timor'],
  GMB: ['Gambia'],
  BHS: ['Bahamas'],
  NLD: ['Netherlands'],
  MMR: ['Myanmar', 'Burma'],
  KAZ: ['Kazakhstan', 'Kazakh'],
  KGZ: ['Kyrgyzstan', 'Kyrgyz'],
  UZB: ['Uzbekistan', 'Uzbek'],
  TJK: ['Tajikistan', 'Tajik'],
};

/** Codes of the General Debate corpus for members that no longer exist, named as speakers.csv names them. */
const FORMER_MEMBERS: Record<string, string[]> = {
  CSK: ['Czechoslovakia', 'Czechoslovak Socialist Republic', 'Czechoslovak'],
  YUG: ['Yugoslavia', 'Socialist Federal Republic of Yugoslavia', 'Serbia and Montenegro', 'Yugoslav'],
  DDR: ['German Democratic Republic', 'East Germany', 'Democratic Republic of Germany'],
  YMD: ['Democratic Yemen', "People's Democratic Republic of Yemen", 'South Yemen'],
};

/** The European Union speaks in the General Debate (files EU_*), but a question saying "EU" is about a topic. */
const SPEAKERS_THAT_ARE_NOT_COUNTRIES: Record<string, string> = { EU: 'European Union' };

/** Short forms users write; only these abbreviations are read as countries ("IN", "IT" are words). */
const SHORT_FORMS: Record<string, string[]> = {
  USA: ['USA', 'US'],
  GBR: ['UK'],
  PRK: ['DPRK'],
  ARE: ['UAE'],
  ZAF: ['RSA'],
};

/** "US" is also "us": the short forms that read as ordinary words in lower case count only in capitals. */
const CAPITALS_ONLY = new Set(['US']);

/** Phrases that contain a country word but name no country: they are matched and dropped. */
const NOT_A_COUNTRY = [
  'Latin America', 'Latin American', 'South America', 'South American', 'Central America', 'Central American',
  'North America', 'North American', 'American Samoa', 'New Guinea', 'Indian Ocean', 'Korean Peninsula',
];

/** Adjectives that two countries share ("Dominican", "Congolese"): they say nothing about which. */
function ambiguousNames(candidates: [string, string][]): Set<string> {
  const codesByName = new Map<string, Set<string>>();
  for (const [name, code] of candidates) {
    const key = phraseKey(name);
    codesByName.set(key, (codesByName.get(key) ?? new Set()).add(code));
  }
  return new Set([...codesByName].filter(([, codes]) => codes.size > 1).map(([name]) => name));
}

function isUnMemberOrObserver(c: PackageCountry): boolean {
  return c.unMember || c.cca3 === 'VAT' || c.cca3 === 'PSE';
}

/** Names from the package: common and official names, spellings without abbreviations, English demonyms. */
function packageNames(): [string, string][] {
  const names: [string, string][] = [];
  for (const c of worldCountries.filter(isUnMemberOrObserver)) {
    const spellings = c.altSpellings.filter((s) => /\p{Ll}/u.test(s)); // "KZ", "UAE": abbreviations come from SHORT_FORMS
    const demonyms = [c.demonyms?.eng?.m, c.demonyms?.eng?.f].filter((d): d is string => Boolean(d));
    for (const name of [c.name.common, c.name.official, ...spellings, ...demonyms]) names.push([name, c.cca3]);
  }
  return names;
}

function buildTables(): { byCode: Map<string, Country>; matcher: PhraseMatcher<string>; names: PhraseMatcher<string> } {
  const byCode = new Map<string, Country>();
  for (const c of worldCountries.filter(isUnMemberOrObserver)) byCode.set(c.cca3, { code: c.cca3, name: c.name.common });
  const handNamed = Object.entries({ ...UN_NAMES, ...FORMER_MEMBERS });
  for (const [code, names] of handNamed) byCode.set(code, { code, name: names[0]! });
  for (const [code, name] of Object.entries(SPEAKERS_THAT_ARE_NOT_COUNTRIES)) byCode.set(code, { code, name });

  const written: [string, string][] = [
    ...packageNames(),
    ...handNamed.flatMap(([code, names]) => names.map((name): [string, string] => [name, code])),
  ];
  const ambiguous = ambiguousNames(written);

  const matcher = new PhraseMatcher<string>();
  for (const phrase of NOT_A_COUNTRY) matcher.add(phrase, null);
  for (const [name, code] of written) if (!ambiguous.has(phraseKey(name))) matcher.add(name, code);
  for (const [code, forms] of Object.entries(SHORT_FORMS)) {
    for (const form of forms) matcher.add(form, code, { exactCase: CAPITALS_ONLY.has(form) });
  }

  // Names in a speaker's parenthesis may also be the European Union's, which is no country to find in questions.
  const names = new PhraseMatcher<string>();
  for (const [name, code] of written) if (!ambiguous.has(phraseKey(name))) names.add(name, code);
  for (const [code, name] of Object.entries(SPEAKERS_THAT_ARE_NOT_COUNTRIES)) names.add(name, code);
  return { byCode, matcher, names };
}

let tables: ReturnType<typeof buildTables> | undefined;
function countryTables(): ReturnType<typeof buildTables> {
  tables ??= buildTables();
  return tables;
}

export function countryByCode(code: string): Country | null {
  return countryTables().byCode.get(stripInvisible(code).trim().toUpperCase()) ?? null;
}

/**
 * The code of a name written as the whole of a phrase: "Russian Federation", "the Niger", "Iran (Islamic
 * Republic of)", "Côte d’Ivoire". Not for free text: see findCountryMentions.
 */
export function countryCodeForName(name: string): string | null {
  const withoutArticle = stripInvisible(name).trim().replace(/^the\s+/i, '');
  return countryTables().names.lookup(withoutArticle);
}

/** Whether a name is a state's ("Republic of Korea"), not another speaker's ("European Union"). */
export function isStateName(name: string): boolean {
  const code = countryCodeForName(name);
  return code !== null && !(code in SPEAKERS_THAT_ARE_NOT_COUNTRIES);
}

/**
 * Countries named in free text ("what did the Fijian president say", "the US", "in Viet Nam"), longest name
 * first: "Papua New Guinea" is PNG, never Guinea. Names match in any case; "US" only in capitals. A zero-width
 * character pasted inside a name does not hide it; offsets and `matched` are those of the text given.
 */
export function findCountryMentions(text: string): CountryMention[] {
  const visible = visibleText(text);
  return countryTables()
    .matcher.findAll(visible.text)
    .map(({ value, start, end }) => {
      const [from, to] = [visible.offsets[start]!, visible.offsets[end - 1]! + 1];
      return { code: value, start: from, end: to, matched: text.slice(from, to) };
    });
}
