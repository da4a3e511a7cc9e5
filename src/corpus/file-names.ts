import path from 'node:path';
import type { StatementMeta } from './types.js';

/** What a statement's file name (or the folder it came in) says about it. */
export type FileNameFacts = Pick<Partial<StatementMeta>, 'country' | 'session' | 'year' | 'body' | 'meeting'>;

/** UN General Debate Corpus: `KAZ_62_2007.txt` is Kazakhstan at the 62nd session, 2007. */
const GENERAL_DEBATE_FILE = /^([A-Z]{2,3})_(\d{1,3})_(\d{4})\.txt$/i;
/** UN Security Council Debates corpus: `UNSC_2020_SPV.8699_spch086.txt` is a speech in record S/PV.8699. */
const SECURITY_COUNCIL_FILE = /^UNSC_(\d{4})_SPV\.(\d+)(?:_spch\d+)?\.txt$/i;
/** The Harvard Dataverse archive of the General Debate corpus puts each session in `Session 62 - 2007/`. */
const DATAVERSE_SESSION_FOLDER = /^Session (\d{1,3}) - (\d{4})$/i;

export function factsFromFileName(file: string): FileNameFacts {
  const name = path.basename(file);
  const debate = GENERAL_DEBATE_FILE.exec(name);
  if (debate) {
    const [, country, session, year] = debate;
    return { country: country!.toUpperCase(), session: Number(session), year: Number(year), body: 'General Assembly' };
  }
  const council = SECURITY_COUNCIL_FILE.exec(name);
  if (council) return { year: Number(council[1]), meeting: `S/PV.${council[2]}`, body: 'Security Council' };
  const folder = DATAVERSE_SESSION_FOLDER.exec(path.basename(path.dirname(file)));
  if (folder) return { session: Number(folder[1]), year: Number(folder[2]), body: 'General Assembly' };
  return {};
}
