import { mineOrganizationPairs, type OrganizationPair } from './organizations.js';
import { discoverStatementFiles, readStatement, STATEMENT_RULES_VERSION } from './read-statement.js';
import { loadSpeakerTable, type SpeakerTable } from './speakers-table.js';
import type { Statement, StatementMeta, UnreadableFile } from './types.js';

/** The corpus stage as the indexer uses it: find files, read them, name the organizations they spell out. */
export interface CorpusReader {
  readonly rulesVersion: number;
  discover(roots: string[]): { files: string[]; problems: UnreadableFile[] };
  read(file: string, overrides?: Partial<StatementMeta>): Statement | UnreadableFile;
  organizationNames(text: string): OrganizationPair[];
}

export interface CorpusReaderOptions {
  /** Path of speakers.csv; read once, here, so that a wrong path stops start-up with the file's name. */
  speakersCsv?: string;
  speakers?: SpeakerTable;
}

export function statementReader(options: CorpusReaderOptions = {}): CorpusReader {
  const speakers = options.speakers ?? (options.speakersCsv ? loadSpeakerTable(options.speakersCsv) : undefined);
  return {
    rulesVersion: STATEMENT_RULES_VERSION,
    discover: discoverStatementFiles,
    read: (file, overrides) => readStatement(file, { speakers, overrides }),
    organizationNames: mineOrganizationPairs,
  };
}
