import { citationLine } from '../answer/citation.js';
import { escapeDiscord } from '../answer/escape.js';
import { factsFromUploadName, type UploadNameFacts } from '../corpus/metadata.js';
import { isUnreadableFile } from '../corpus/read-statement.js';
import type { CorpusReader } from '../corpus/reader.js';
import type { StatementMeta, UnreadableFile } from '../corpus/types.js';
import type { StatementOverrides } from '../archive/archive.js';

/** The parts of a citation an upload can leave open, each with the /statement add option that states it. */
const CITED_FACTS = [
  { field: 'country', option: 'country' },
  { field: 'speaker', option: 'speaker' },
  { field: 'body', option: 'body' },
  { field: 'year', option: 'date' },
] as const;

type CitedFact = (typeof CITED_FACTS)[number];

/** An uploaded file as the index will read it, and where each part of its citation came from. */
export interface UploadReading {
  /** What the index is told besides the file: the moderator's options, then what the upload's name adds. */
  overrides: StatementOverrides;
  stated: StatementOverrides;
  named: UploadNameFacts;
  meta: StatementMeta;
}

/**
 * Reads a saved upload as the indexer will, with the moderator's options; then fills what the text (and the
 * corpora's own naming schemes) leave open from the name the uploader gave the file, which the saved copy's
 * sanitized name no longer carries. The text wins over a free-form name.
 */
export function readUpload(
  reader: CorpusReader,
  saved: string,
  uploadName: string,
  stated: StatementOverrides,
): UploadReading | UnreadableFile {
  const fromText = reader.read(saved, stated);
  if (isUnreadableFile(fromText)) return fromText;
  const named = factsFromUploadName(uploadName);
  const fill = Object.fromEntries(Object.entries(named).filter(([field]) => fromText.meta[field as keyof UploadNameFacts] === null));
  if (Object.keys(fill).length === 0) return { overrides: stated, stated, named, meta: fromText.meta };
  const overrides: StatementOverrides = { ...stated, ...fill };
  const filled = reader.read(saved, overrides);
  return isUnreadableFile(filled) ? filled : { overrides, stated, named, meta: filled.meta };
}

function factValue(meta: StatementMeta, fact: CitedFact): string | null {
  if (fact.field === 'country') return meta.countryName ?? meta.country;
  const value = meta[fact.field];
  return value === null ? null : String(value);
}

function recognised(reading: UploadReading, fact: CitedFact): string {
  const value = factValue(reading.meta, fact)!;
  const source = reading.named[fact.field as keyof UploadNameFacts] === reading.meta[fact.field] ? 'its name' : 'the statement';
  return `${fact.field} ${escapeDiscord(value)} (from ${source})`;
}

const listed = (items: string[]): string => (items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? ''));

/**
 * What a moderator needs after an upload: how its paragraphs will be cited, what was recognised and from where,
 * and what was not, with the options that state it.
 */
export function describeReading(reading: UploadReading): string[] {
  const open = CITED_FACTS.filter((fact) => !(fact.field in reading.stated));
  const found = open.filter((fact) => factValue(reading.meta, fact) !== null);
  const missing = open.filter((fact) => factValue(reading.meta, fact) === null);
  const lines = [`Cited as “${escapeDiscord(citationLine(reading.meta, 1))}”.`];
  if (found.length > 0) lines.push(`Recognised: ${found.map((fact) => recognised(reading, fact)).join(', ')}.`);
  if (missing.length > 0) {
    const options = missing.map((fact) => `\`${fact.option}\``);
    lines.push(
      `Not recognised: ${listed(missing.map((fact) => fact.field))}. To state ${missing.length === 1 ? 'it' : 'them'}, remove the statement ` +
        `with \`/statement remove\` and add it again with the ${listed(options)} option${missing.length === 1 ? '' : 's'}.`,
    );
  }
  return lines;
}
