import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { mineOrganizationPairs, type OrganizationPair } from './organizations.js';
import { discoverStatementFiles, isUnreadableFile, readStatement, STATEMENT_RULES_VERSION } from './read-statement.js';
import { loadSpeakerTable, type SpeakerTable } from './speakers-table.js';
import type { Statement, StatementMeta, UnreadableFile } from './types.js';

/** The corpus stage as the indexer uses it: find files, read them, name the organizations they spell out. */
export interface CorpusReader {
  readonly rulesVersion: number;
  discover(roots: string[]): { files: string[]; problems: UnreadableFile[] };
  /** Changes whenever the file or its metadata file changes; null when the file cannot be read. */
  fingerprint(file: string): string | null;
  read(file: string, overrides?: Partial<StatementMeta>): Statement | UnreadableFile;
  organizationNames(text: string): OrganizationPair[];
}

export interface CorpusReaderOptions {
  /** Path of speakers.csv; read once, here, so that a wrong path stops start-up with the file's name. */
  speakersCsv?: string;
  speakers?: SpeakerTable;
}

/** What a moderator stated about an uploaded statement, kept beside it so a rebuild keeps it too. */
const metadataFileSchema = z
  .object({
    country: z.string().nullable(),
    countryName: z.string().nullable(),
    speaker: z.string().nullable(),
    body: z.enum(['General Assembly', 'Security Council']).nullable(),
    year: z.number().int().nullable(),
    meeting: z.string().nullable(),
  })
  .partial();

export function metadataFileOf(file: string): string {
  return `${file}.meta.json`;
}

function readMetadataFile(file: string): Partial<StatementMeta> {
  try {
    return metadataFileSchema.parse(JSON.parse(fs.readFileSync(metadataFileOf(file), 'utf8')));
  } catch {
    return {};
  }
}

/**
 * The General Debate corpus keeps `speakers.csv` beside its year folders (`ungdc/2015/KAZ_70_2015.txt`), so a
 * file's own folder and its parent are where to look when no table is configured.
 */
function nearbySpeakerTables(): (file: string) => SpeakerTable | undefined {
  const byFolder = new Map<string, SpeakerTable | undefined>();
  const tableIn = (folder: string) => {
    if (!byFolder.has(folder)) {
      const csv = path.join(folder, 'speakers.csv');
      byFolder.set(folder, fs.existsSync(csv) ? loadSpeakerTable(csv) : undefined);
    }
    return byFolder.get(folder);
  };
  return (file) => tableIn(path.dirname(file)) ?? tableIn(path.dirname(path.dirname(file)));
}

export function statementReader(options: CorpusReaderOptions = {}): CorpusReader {
  const configured = options.speakers ?? (options.speakersCsv ? loadSpeakerTable(options.speakersCsv) : undefined);
  const nearby = nearbySpeakerTables();
  const fingerprint = (file: string): string | null => {
    try {
      const hash = createHash('sha256').update(fs.readFileSync(file));
      if (fs.existsSync(metadataFileOf(file))) hash.update(fs.readFileSync(metadataFileOf(file)));
      return hash.digest('hex');
    } catch {
      return null;
    }
  };
  return {
    rulesVersion: STATEMENT_RULES_VERSION,
    discover: discoverStatementFiles,
    fingerprint,
    read(file, overrides) {
      const statement = readStatement(file, {
        speakers: configured ?? nearby(file),
        overrides: { ...readMetadataFile(file), ...overrides },
      });
      return isUnreadableFile(statement) ? statement : { ...statement, contentHash: fingerprint(file) ?? statement.contentHash };
    },
    organizationNames: mineOrganizationPairs,
  };
}
