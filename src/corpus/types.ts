/** The two UN organs whose statements the corpus holds. */
export type Body = 'General Assembly' | 'Security Council';

/** Who spoke, where and when: everything a citation shows, as far as the file and its name tell. */
export interface StatementMeta {
  /** Absolute path of the statement file: the statement's identity in the index. */
  path: string;
  /** ISO 3166-1 alpha-3 code of the speaker's country, when known. */
  country: string | null;
  countryName: string | null;
  speaker: string | null;
  /** The speaker's office from speakers.csv ("President", "Minister for Foreign Affairs"), when known. */
  post: string | null;
  body: Body | null;
  year: number | null;
  /** General Assembly session number (70 for 2015). */
  session: number | null;
  /** Security Council meeting record symbol, e.g. "S/PV.8699". */
  meeting: string | null;
  /** "spoke in French" and the like, from the speaker prefix. */
  language: string | null;
  /** Organization or group the speaker speaks for ("ASEAN", "European Union"), from "on behalf of ...". */
  onBehalfOf: string | null;
}

/** One paragraph exactly as the speaker said it: lines joined, nothing reworded. */
export interface Paragraph {
  /** 1-based position in the statement. */
  number: number;
  text: string;
}

export interface Statement {
  meta: StatementMeta;
  paragraphs: Paragraph[];
  /** sha256 of the file's bytes: unchanged files are skipped when reindexing. */
  contentHash: string;
}

/** A file that could not become a statement, with the reason a person can act on. */
export interface UnreadableFile {
  path: string;
  reason: string;
}
