import { countryByCode, countryCodeForName, findCountryMentions } from './countries.js';
import { factsFromFileName, type FileNameFacts } from './file-names.js';
import { findOnBehalfOf } from './on-behalf-of.js';
import type { SpeakerPrefix } from './speaker-prefix.js';
import type { SpeakerTable } from './speakers-table.js';
import type { Body, StatementMeta } from './types.js';

export interface MetadataSources {
  /** Absolute path of the statement file. */
  path: string;
  prefix: SpeakerPrefix | null;
  /** The statement's first paragraph, without the speaker prefix. */
  firstParagraph: string;
  speakers?: SpeakerTable;
  /** What the caller knows better than the file (a moderator's upload form): wins over everything else. */
  overrides?: Partial<StatementMeta>;
}

/** A presiding officer who speaks for their country says so: "in my capacity as the representative of Viet Nam". */
const PRESIDENT_SPEAKING_FOR_COUNTRY = /\bin my (?:national )?capacity as (?:the )?representative of ((?:the )?\p{Lu}[\p{L}'’ -]*?(?: \([^)]*\))?)(?=[.,;:]|$)/u;

/**
 * Everything a citation shows. The caller's overrides win; then the file name, which the corpora make
 * reliably; then the speaker prefix; speakers.csv names the speaker only where the text itself does not.
 */
export function describeStatement(sources: MetadataSources): StatementMeta {
  const { path, prefix, firstParagraph, speakers } = sources;
  const overrides = definedOnly(sources.overrides ?? {});
  const fromName = factsFromFileName(path);

  const country =
    overrides.country ??
    fromName.country ??
    (prefix?.countryName ? countryCodeForName(prefix.countryName) : null) ??
    (prefix?.speaker === 'The President' ? countryThePresidentSpeaksFor(firstParagraph) : null);
  const year = overrides.year ?? fromName.year ?? null;
  const listed = country && year && speakers ? speakers.lookup(country, year) : null;

  const described: StatementMeta = {
    path,
    country,
    countryName: (country ? countryByCode(country)?.name : null) ?? prefix?.countryName ?? null,
    speaker: prefix?.speaker ?? listed?.speaker ?? null,
    post: prefix ? null : (listed?.post ?? null),
    body: fromName.body ?? null,
    year,
    session: fromName.session ?? null,
    meeting: fromName.meeting ?? null,
    language: prefix?.language ?? null,
    onBehalfOf: findOnBehalfOf(firstParagraph),
  };
  return { ...described, ...overrides, path };
}

function countryThePresidentSpeaksFor(text: string): string | null {
  const name = PRESIDENT_SPEAKING_FOR_COUNTRY.exec(text)?.[1];
  return name ? countryCodeForName(name) : null;
}

function definedOnly(overrides: Partial<StatementMeta>): Partial<StatementMeta> {
  return Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
}

/** Facts a person's own name for a statement file can give ("Kazakhstan 2015 General Assembly.txt"). */
export type UploadNameFacts = Pick<FileNameFacts, 'country' | 'year' | 'body'>;

const BODY_IN_NAME: [RegExp, Body][] = [
  [/\bsecurity council\b|\bUNSC\b/i, 'Security Council'],
  [/\bgeneral (?:assembly|debate)\b|\bUNGA\b/i, 'General Assembly'],
];

/**
 * What the name someone gave an uploaded file says, for what its text leaves open. The corpora's own naming
 * schemes are read first (`KAZ_70_2015.txt`); otherwise a name read as words gives a country only when it names
 * exactly one (by name, adjective or ISO code: "Kazakh statement", "KAZ 2015"), a year only when it holds exactly
 * one from 1945 on, and a body when it names one. Anything ambiguous is left out rather than guessed.
 */
export function factsFromUploadName(name: string, now = new Date()): UploadNameFacts {
  const scheme = factsFromFileName(name);
  if (scheme.country || scheme.year) return definedOnly({ country: scheme.country, year: scheme.year, body: scheme.body });
  const words = name.replace(/\.txt$/i, '').replace(/[_.\-–—]+/g, ' ');
  const facts: UploadNameFacts = {};
  const countries = new Set([
    ...findCountryMentions(words).map((m) => m.code),
    ...(words.match(/\b[A-Z]{3}\b/g) ?? []).flatMap((code) => countryByCode(code)?.code ?? []),
  ]);
  if (countries.size === 1) facts.country = [...countries][0]!;
  const years = [...new Set((words.match(/(?<!\d)(?:19\d\d|20\d\d)(?!\d)/g) ?? []).map(Number))];
  const possible = years.filter((year) => year >= 1945 && year <= now.getUTCFullYear() + 1);
  if (years.length === 1 && possible.length === 1) facts.year = possible[0]!;
  const body = BODY_IN_NAME.find(([pattern]) => pattern.test(words))?.[1];
  if (body) facts.body = body;
  return facts;
}
