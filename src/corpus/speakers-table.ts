import fs from 'node:fs';
import path from 'node:path';
import { countryByCode, countryCodeForName } from './countries.js';
import { parseCsv } from './csv.js';

export interface SpeakerEntry {
  speaker: string | null;
  /** "President", "Minister for Foreign Affairs". */
  post: string | null;
}

const COLUMNS = {
  year: 'year',
  code: 'iso code',
  country: 'country',
  speaker: 'name of person speaking',
  post: 'post',
} as const;

/** Who spoke for each country in each year's General Debate (the UNGDC's speakers.csv). */
export class SpeakerTable {
  constructor(private readonly entries: ReadonlyMap<string, SpeakerEntry>) {}

  lookup(countryCode: string, year: number): SpeakerEntry | null {
    return this.entries.get(keyOf(countryCode, year)) ?? null;
  }

  /** Every row: who spoke for which country in which year. */
  rows(): (SpeakerEntry & { country: string; year: number })[] {
    return [...this.entries].map(([key, entry]) => {
      const [country, year] = key.split(':');
      return { ...entry, country: country!, year: Number(year) };
    });
  }
}

/**
 * The speakers tables beside statement files (ungdc/speakers.csv for ungdc/2015/KAZ_70_2015.txt): who spoke, also
 * in years the index does not hold. A table that cannot be read is left out; indexing reports it.
 */
export function speakerTablesBeside(statementPaths: string[]): SpeakerTable[] {
  const folders = new Set(statementPaths.flatMap((p) => [path.dirname(p), path.dirname(path.dirname(p))]));
  return [...folders].flatMap((folder) => {
    const table = tableIfReadable(path.join(folder, 'speakers.csv'));
    return table ? [table] : [];
  });
}

/** Tables already read, by file, with the modification time they were read at: a reader asks again at every index change. */
const tablesRead = new Map<string, { mtimeMs: number; table: SpeakerTable | null }>();

function tableIfReadable(csv: string): SpeakerTable | null {
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(csv).mtimeMs;
  } catch {
    return null;
  }
  const read = tablesRead.get(csv);
  if (read?.mtimeMs === mtimeMs) return read.table;
  let table: SpeakerTable | null;
  try {
    table = loadSpeakerTable(csv);
  } catch {
    table = null;
  }
  tablesRead.set(csv, { mtimeMs, table });
  return table;
}

/** Reads speakers.csv once; throws with the file and the missing column if the file is not that table. */
export function loadSpeakerTable(path: string): SpeakerTable {
  return parseSpeakerTable(fs.readFileSync(path, 'utf8'), path);
}

function parseSpeakerTable(csv: string, source: string): SpeakerTable {
  const [header, ...rows] = parseCsv(csv.replace(/^\uFEFF/, ''));
  const names = (header ?? []).map((h) => clean(h).toLowerCase());
  const column = (name: string) => {
    const index = names.indexOf(name);
    if (index === -1) throw new Error(`${source}: no "${name}" column (found: ${names.join(', ')})`);
    return index;
  };
  const at = {
    year: column(COLUMNS.year),
    code: column(COLUMNS.code),
    country: column(COLUMNS.country),
    speaker: column(COLUMNS.speaker),
    post: column(COLUMNS.post),
  };

  const entries = new Map<string, SpeakerEntry>();
  for (const row of rows) {
    const year = Number(clean(row[at.year] ?? ''));
    const code = countryCodeOf(clean(row[at.code] ?? ''), clean(row[at.country] ?? ''));
    if (!Number.isInteger(year) || year <= 0 || code === '') continue;
    const speaker = clean(row[at.speaker] ?? '').replace(/,$/, '') || null;
    const post = clean(row[at.post] ?? '') || null;
    const key = keyOf(code, year);
    // A few country-years are listed twice; the first row that names someone is the speech's speaker.
    if (!entries.get(key)?.speaker) entries.set(key, { speaker, post });
  }
  return new SpeakerTable(entries);
}

/** The table's code, unless it is a typo ("PKR", "ZFA") that the country's name corrects. */
function countryCodeOf(code: string, countryName: string): string {
  const upper = code.toUpperCase();
  if (countryByCode(upper)) return upper;
  return countryCodeForName(countryName) ?? upper;
}

function keyOf(code: string, year: number): string {
  return `${code.toUpperCase()}:${year}`;
}

/** Cells carry trailing spaces and names broken over two lines. */
function clean(cell: string): string {
  return cell.replace(/\s+/g, ' ').trim();
}
