import path from 'node:path';
import type { StatementMeta } from '../corpus/types.js';

/** Separator between the parts of a citation line. */
export const CITATION_SEPARATOR = ' · ';

/** Who spoke: the country (and whom it spoke for), else null. */
export function speakerCountry(meta: StatementMeta): string | null {
  const who = meta.countryName ?? meta.country;
  if (!who) return meta.onBehalfOf ? `on behalf of ${meta.onBehalfOf}` : null;
  return meta.onBehalfOf ? `${who} (on behalf of ${meta.onBehalfOf})` : who;
}

/** The speaker with office and language when known: "Mr. Nebenzia (spoke in Russian)". */
export function speakerLabel(meta: StatementMeta): string | null {
  if (!meta.speaker) return null;
  let label = meta.speaker;
  if (meta.post) label += `, ${meta.post}`;
  if (meta.language) label += ` (${/^spoke in\b/i.test(meta.language) ? meta.language : `spoke in ${meta.language}`})`;
  return label;
}

/**
 * The parts of a citation in reading order: country, speaker, body, meeting record, year, paragraph.
 * Unknown parts are left out; with neither country nor speaker the file name stands in for them.
 */
export function citationParts(meta: StatementMeta, paragraph?: number, include: { paragraph?: boolean } = {}): string[] {
  const parts: string[] = [];
  const who = speakerCountry(meta);
  const speaker = speakerLabel(meta);
  if (who) parts.push(who);
  if (speaker) parts.push(speaker);
  if (!who && !speaker) parts.push(path.basename(meta.path));
  if (meta.body) parts.push(meta.body);
  if (meta.meeting) parts.push(meta.meeting);
  if (meta.year !== null) parts.push(String(meta.year));
  if (paragraph !== undefined && include.paragraph !== false) parts.push(`¶${paragraph}`);
  return parts;
}

/** A Security Council meeting record symbol as the corpus writes it: "S/PV.8699" (no resumptions, no guesses). */
const SECURITY_COUNCIL_RECORD = /^S\/PV\.\d+$/;

/**
 * The official record a citation can link to: a Security Council meeting's verbatim record on the UN document
 * system, whose address is the record's own symbol. Nothing else has an address the metadata fully gives, so
 * everything else gets null rather than a guessed link.
 */
export function officialRecordUrl(meta: StatementMeta): string | null {
  return meta.meeting && SECURITY_COUNCIL_RECORD.test(meta.meeting) ? `https://docs.un.org/en/${meta.meeting}` : null;
}

/** "Kazakhstan · Mrs. Aitimova · Security Council · 2007 · ¶12" */
export function citationLine(meta: StatementMeta, paragraph?: number): string {
  return citationParts(meta, paragraph).join(CITATION_SEPARATOR);
}
