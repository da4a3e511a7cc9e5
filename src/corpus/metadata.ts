import { countryByCode, countryCodeForName } from './countries.js';
import { factsFromFileName } from './file-names.js';
import { findOnBehalfOf } from './on-behalf-of.js';
import type { SpeakerPrefix } from './speaker-prefix.js';
import type { SpeakerTable } from './speakers-table.js';
import type { StatementMeta } from './types.js';

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
