/**
 * A small in-memory Archive for the bot's tests. Every paragraph it serves is real text read at test time
 * from the repository's seed statement and from ../shared/corpus (UN General Debate speeches, a Security
 * Council speech): nothing here is invented. Search is plain word overlap; filters, organizations, countries,
 * context, reindex and uploads behave as the Archive interface describes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { contentStems, overlap } from '../../../src/search/words.js';
import { projectRoot } from '../../../src/config.js';
import type { Body, StatementMeta } from '../../../src/corpus/types.js';
import type { Archive, ArchiveStats, CountrySummary, StatementOverrides } from '../../../src/archive/archive.js';
import type { Organization } from '../../../src/corpus/organizations.js';
import type { IndexProgress, IndexReport } from '../../../src/index/indexer.js';
import { SpeakerDirectory, type SpeakerSuggestion } from '../../../src/search/speakers.js';
import type { CountedStatements } from '../../../src/search/trend.js';
import { trendMilestones, type Trend, type TrendEvidence, type TrendQuery, type TrendYear } from '../../../src/search/trend.js';
import type { Hit, Passage, SearchFilters, SearchOptions, SearchResult } from '../../../src/search/types.js';
import { findCountryMentions } from '../../../src/corpus/countries.js';
import { readPastedQuote } from '../../../src/search/pasted-quote.js';
import { attributionOf, closestIn, countryClaim, verbatimIn, type SourceFinding } from '../../../src/search/source.js';
import { SHARED_CORPUS } from '../corpus.js';

export const SEED_FILE = path.join(projectRoot, 'corpus', '000_129fec8e5b34501d.txt');

/** Country codes and names of the fixture statements (names as the UN lists them). */
const COUNTRY_NAMES: Record<string, string> = { KAZ: 'Kazakhstan', RUS: 'Russian Federation' };

/** Organizations the fixture statements name, with their acronyms and spellings as found in them. */
const ORGANIZATIONS: { key: string; names: string[]; pattern: RegExp }[] = [
  {
    key: 'CICA',
    names: ['Conference on Interaction and Confidence-Building Measures in Asia'],
    pattern: /\bCICA\b|Conference on Interaction and\s+Confidence[- ]?[Bb]uilding/,
  },
  { key: 'CSTO', names: ['Collective Security Treaty Organization'], pattern: /\bCSTO\b|Collective Security\s+Treaty\s+Organi[sz]ation/ },
  { key: 'SCO', names: ['Shanghai Cooperation Organization'], pattern: /\bSCO\b|Shanghai\s+Cooperation\s+Organi[sz]ation/ },
  { key: 'EU', names: ['European Union'], pattern: /\bEuropean Union\b/ },
  {
    key: 'OSCE',
    names: ['Organization for Security and Co-operation in Europe'],
    pattern: /\bOSCE\b|Organi[sz]ation for Security and Co-?operation in Europe/,
  },
];

/** Real text: UTF-8 unless it does not decode, then Latin-1 (some Security Council files are). */
export function readText(file: string): string {
  const bytes = fs.readFileSync(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = bytes.toString('latin1');
  }
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/**
 * Paragraphs of a statement file, lines joined: blank-line blocks (a block cut mid-sentence by a page break
 * joins the next), or lines starting with a space, or one paragraph per line.
 */
export function splitParagraphs(text: string): string[] {
  let blocks: string[];
  if (/\n[ \t]*\n/.test(text.trim())) blocks = text.split(/\n[ \t]*\n/);
  else if ((text.match(/\n /g) ?? []).length >= 3) blocks = text.split(/\n(?= )/);
  else blocks = text.split('\n');
  const flat = blocks.map((b) => b.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const merged: string[] = [];
  for (const block of flat) {
    const last = merged[merged.length - 1];
    if (last !== undefined && !/[.!?:;"”)]$/.test(last)) merged[merged.length - 1] = `${last} ${block}`;
    else merged.push(block);
  }
  return merged;
}

const SPEAKER_PREFIX = /^((?:Mr|Mrs|Ms|Miss|Dr)\.\s[^:()]+?)\s*\(([^)]+)\)(?:\s*\((spoke in [^)]+)\))?:\s*/;

function emptyMeta(file: string): StatementMeta {
  return {
    path: file,
    country: null,
    countryName: null,
    speaker: null,
    post: null,
    body: null,
    year: null,
    session: null,
    meeting: null,
    language: null,
    onBehalfOf: null,
  };
}

function speakersCsv(): Map<string, { speaker: string; post: string }> {
  const map = new Map<string, { speaker: string; post: string }>();
  const file = path.join(SHARED_CORPUS, 'ungdc', 'speakers.csv');
  for (const line of readText(file).split('\n').slice(1)) {
    const [year, , code, , speaker, post] = line.split(',');
    if (year && code && speaker) map.set(`${code.trim()}_${year.trim()}`, { speaker: speaker.trim(), post: (post ?? '').trim() });
  }
  return map;
}

/** A statement file with what the test fixtures know about it. */
export function describeFixture(file: string, speakers = speakersCsv()): StatementMeta {
  const meta = emptyMeta(file);
  const base = path.basename(file);
  const ungdc = /^([A-Z]{3})_(\d+)_(\d{4})\.txt$/.exec(base);
  if (file === SEED_FILE) {
    // From the statement itself and corpus/README.md: Mrs. Aitimova for Kazakhstan in the Security Council.
    return { ...meta, country: 'KAZ', countryName: 'Kazakhstan', speaker: 'Mrs. Aitimova', body: 'Security Council' };
  }
  if (ungdc) {
    const [, code, session, year] = ungdc;
    const who = speakers.get(`${code}_${year}`);
    return {
      ...meta,
      country: code!,
      countryName: COUNTRY_NAMES[code!] ?? code!,
      speaker: who?.speaker ?? null,
      post: who?.post || null,
      body: 'General Assembly',
      year: Number(year),
      session: Number(session),
    };
  }
  const unsc = /^UNSC_(\d{4})_SPV\.(\d+)_spch\d+\.txt$/.exec(base);
  if (unsc) {
    const prefix = SPEAKER_PREFIX.exec(readText(file));
    const countryName = prefix?.[2] ?? null;
    const code = Object.entries(COUNTRY_NAMES).find(([, n]) => n === countryName)?.[0] ?? null;
    return {
      ...meta,
      country: code,
      countryName,
      speaker: prefix?.[1] ?? null,
      language: prefix?.[3] ?? null,
      body: 'Security Council',
      year: Number(unsc[1]),
      meeting: `S/PV.${unsc[2]}`,
    };
  }
  return meta;
}

/** The statements the bot tests answer from. */
export function defaultFixtureFiles(): string[] {
  const u = (year: number, file: string) => path.join(SHARED_CORPUS, 'ungdc', String(year), file);
  return [
    SEED_FILE,
    u(2007, 'KAZ_62_2007.txt'),
    u(2015, 'KAZ_70_2015.txt'),
    u(2016, 'KAZ_71_2016.txt'),
    u(2015, 'RUS_70_2015.txt'),
    path.join(SHARED_CORPUS, 'unsc-2020', 'UNSC_2020_SPV.8699_spch017.txt'),
  ];
}

export class FakeArchive implements Archive {
  private passages: Passage[] = [];
  private nextId = 1;
  private indexedAt: string | null = new Date().toISOString();

  static load(files: string[] = defaultFixtureFiles()): FakeArchive {
    const archive = new FakeArchive();
    const speakers = speakersCsv();
    for (const file of files) {
      if (!fs.existsSync(file)) throw new Error(`fixture statement missing: ${file} (the shared corpus belongs beside the repository)`);
      archive.addFile(file, describeFixture(file, speakers));
    }
    return archive;
  }

  private addFile(file: string, meta: StatementMeta): number {
    const paragraphs = splitParagraphs(readText(file));
    if (paragraphs[0]) {
      const prefix = SPEAKER_PREFIX.exec(paragraphs[0]);
      if (prefix) paragraphs[0] = paragraphs[0].slice(prefix[0].length);
      else paragraphs[0] = paragraphs[0].replace(/^The President:\s*/, '');
    }
    paragraphs.forEach((text, i) => {
      this.passages.push({
        id: this.nextId++,
        text,
        paragraph: i + 1,
        meta,
        organizations: ORGANIZATIONS.filter((o) => o.pattern.test(text)).map((o) => o.key),
      });
    });
    return paragraphs.length;
  }

  /** Every paragraph served, for assertions. */
  all(): Passage[] {
    return [...this.passages];
  }

  private countries(): CountrySummary[] {
    const byCode = new Map<string, CountrySummary>();
    const seen = new Set<string>();
    for (const p of this.passages) {
      if (!p.meta.country) continue;
      const entry = byCode.get(p.meta.country) ?? { code: p.meta.country, name: p.meta.countryName ?? p.meta.country, statements: 0 };
      if (!seen.has(p.meta.path)) {
        seen.add(p.meta.path);
        entry.statements++;
      }
      byCode.set(p.meta.country, entry);
    }
    return [...byCode.values()];
  }

  /** What the question's words say about who, when and where; and the words left for matching. */
  private understand(question: string): { filters: SearchFilters; topic: string } {
    const years = [...question.matchAll(/\b(19[4-9]\d|20[0-2]\d)\b/g)].map((m) => Number(m[1]));
    let topic = question.replace(/\b(19[4-9]\d|20[0-2]\d)\b/g, ' ');
    const countries: string[] = [];
    for (const c of this.countries()) {
      const stemOfName = c.name.slice(0, 6);
      const re = new RegExp(`\\b${stemOfName}\\w*|\\b${c.code}\\b`, 'i');
      if (re.test(question)) {
        countries.push(c.code);
        topic = topic.replace(new RegExp(`\\b${stemOfName}\\w*(?:\\s+Federation)?|\\b${c.code}\\b`, 'gi'), ' ');
      }
    }
    let body: Body | null = null;
    if (/security council/i.test(question)) body = 'Security Council';
    else if (/general (assembly|debate)/i.test(question)) body = 'General Assembly';
    return { filters: { countries, years: [...new Set(years)], body }, topic };
  }

  async search(question: string, options: SearchOptions): Promise<SearchResult> {
    const understood =
      options.readLimits === false ? { filters: { countries: [], years: [], body: null }, topic: question } : this.understand(question);
    const explicit = options.filters;
    const speaker = options.speaker
      ? this.suggestSpeakers(options.speaker.name, 1).find((s) => s.country === options.speaker!.country)
      : undefined;
    const filters: SearchFilters = {
      countries: speaker ? [speaker.country] : explicit?.countries?.length ? explicit.countries : understood.filters.countries,
      years: speaker ? speaker.years : explicit?.years?.length ? explicit.years : understood.filters.years,
      body: explicit?.body ?? understood.filters.body,
    };
    const stems = contentStems(understood.topic);
    const scored = this.passages
      .filter((p) => matches(p, filters))
      .map((p) => ({ p, sim: stems.size === 0 ? 0 : overlap(stems, p.text) / stems.size }))
      .sort((a, b) => b.sim - a.sim || a.p.id - b.p.id);
    const offset = options.offset ?? 0;
    const hits = scored.slice(offset, offset + options.k).map(({ p, sim }, i) => toHit(p, offset + i + 1, sim));
    const reading = speaker
      ? { speaker: { name: speaker.name, country: speaker.country, years: speaker.years, office: null, matched: [] } }
      : {};
    return { question, filters, hits, confident: (scored[0]?.sim ?? 0) >= 0.5, ...reading };
  }

  context(passageId: number, radius: number): Passage[] {
    const center = this.passages.find((p) => p.id === passageId);
    if (!center) return [];
    return this.passages.filter((p) => p.meta.path === center.meta.path && Math.abs(p.paragraph - center.paragraph) <= radius);
  }

  passage(passageId: number): Passage | null {
    return this.passages.find((p) => p.id === passageId) ?? null;
  }

  private organizationsWithMentions(): Organization[] {
    return ORGANIZATIONS.map((o) => ({
      key: o.key,
      names: o.names,
      mentions: this.passages.filter((p) => p.organizations.includes(o.key)).length,
    })).filter((o) => o.mentions > 0);
  }

  findOrganizations(text: string, limit: number): Organization[] {
    const needle = text.trim().toLowerCase();
    return this.organizationsWithMentions()
      .filter((o) => !needle || [o.key, ...o.names].some((n) => n.toLowerCase().includes(needle)))
      .sort((a, b) => b.mentions - a.mentions || a.key.localeCompare(b.key))
      .slice(0, limit);
  }

  organization(key: string): Organization | null {
    const k = key.trim().toLowerCase();
    return this.organizationsWithMentions().find((o) => o.key.toLowerCase() === k || o.names.some((n) => n.toLowerCase() === k)) ?? null;
  }

  async aboutOrganization(key: string, options: { question?: string; k: number; offset?: number }): Promise<SearchResult> {
    const stems = contentStems(options.question ?? '');
    const list = this.passages
      .filter((p) => p.organizations.includes(key))
      .map((p) => ({ p, sim: stems.size ? overlap(stems, p.text) / stems.size : 1 }))
      .sort(
        (a, b) =>
          b.sim - a.sim ||
          (a.p.meta.countryName ?? '').localeCompare(b.p.meta.countryName ?? '') ||
          (a.p.meta.year ?? 0) - (b.p.meta.year ?? 0) ||
          a.p.id - b.p.id,
      );
    const offset = options.offset ?? 0;
    const hits = list.slice(offset, offset + options.k).map(({ p, sim }, i) => toHit(p, offset + i + 1, sim));
    return { question: options.question ?? '', filters: { countries: [], years: [], body: null }, hits, confident: hits.length > 0 };
  }

  findCountries(text: string, limit: number): CountrySummary[] {
    const needle = text.trim().toLowerCase();
    return this.countries()
      .filter((c) => !needle || c.code.toLowerCase() === needle || c.name.toLowerCase().includes(needle))
      .sort((a, b) => b.statements - a.statements || a.name.localeCompare(b.name))
      .slice(0, limit);
  }

  suggestSpeakers(typed: string, limit: number): SpeakerSuggestion[] {
    const rows = this.passages.flatMap((p) =>
      p.meta.country ? [{ country: p.meta.country, speaker: p.meta.speaker, post: p.meta.post, year: p.meta.year }] : [],
    );
    return SpeakerDirectory.fromRows(rows).suggest(typed, limit);
  }

  async byCountry(code: string, options: { topic?: string; k: number; offset?: number }): Promise<SearchResult> {
    const stems = contentStems(options.topic ?? '');
    const list = this.passages
      .filter((p) => p.meta.country === code)
      .map((p) => ({ p, sim: stems.size ? overlap(stems, p.text) / stems.size : 1 }))
      .sort((a, b) => b.sim - a.sim || (a.p.meta.year ?? 9999) - (b.p.meta.year ?? 9999) || a.p.id - b.p.id);
    const offset = options.offset ?? 0;
    const hits = list.slice(offset, offset + options.k).map(({ p, sim }, i) => toHit(p, offset + i + 1, sim));
    return { question: options.topic ?? '', filters: { countries: [code], years: [], body: null }, hits, confident: hits.length > 0 };
  }

  /** The product's own verdict (src/search/source.ts) over every paragraph served: no full-text index, same rules. */
  async findSource(text: string): Promise<SourceFinding> {
    const pasted = readPastedQuote(text);
    const verbatim = verbatimIn(pasted.segments, this.passages);
    const matches = verbatim.length > 0 ? verbatim : closestIn(pasted.segments, this.passages);
    const claim = pasted.around ? countryClaim(pasted.around, findCountryMentions(pasted.around), () => this.countries()) : null;
    const { statements, years } = this.stats();
    return {
      text,
      quoted: pasted.quoted,
      verdict: verbatim.length > 0 ? 'verbatim' : matches.length > 0 ? 'close' : 'not-found',
      matches,
      moreMatches: false,
      attribution: attributionOf(claim, matches),
      related: [],
      searched: { statements, first: years.first, last: years.last },
    };
  }

  stats(): ArchiveStats {
    const years = this.passages.map((p) => p.meta.year).filter((y): y is number => y !== null);
    return {
      statements: new Set(this.passages.map((p) => p.meta.path)).size,
      paragraphs: this.passages.length,
      countries: this.countries().length,
      years: { first: years.length ? Math.min(...years) : null, last: years.length ? Math.max(...years) : null },
      bodies: [...new Set(this.passages.map((p) => p.meta.body).filter((b): b is Body => b !== null))].sort(),
      model: 'word-overlap test archive',
      indexedAt: this.indexedAt,
      integrity: { check: 'sound', pageChecksums: true },
    };
  }

  /** Statements (by path) per body and year; a paragraph passes when it names the organization or holds every topic word. */
  /** Whether a paragraph names the topic, as the fake counts it. */
  private naming(topic: string): { evidence: TrendEvidence; passes: (p: Passage) => boolean } {
    const org = this.organization(topic);
    const evidence: TrendEvidence = org ? { kind: 'organization', key: org.key, names: org.names } : { kind: 'name', phrase: topic };
    const stems = contentStems(topic);
    return {
      evidence,
      passes: (p: Passage) => (org ? p.organizations.includes(org.key) : stems.size > 0 && overlap(stems, p.text) === stems.size),
    };
  }

  countedStatements(query: TrendQuery, year: number, page: { k: number; offset: number }): CountedStatements {
    const { passes } = this.naming(query.topic.trim());
    const firstByStatement = new Map<string, Passage>();
    for (const p of this.passages) {
      if (p.meta.body !== 'General Assembly' || p.meta.year !== year || (query.country && p.meta.country !== query.country) || !passes(p))
        continue;
      if (!firstByStatement.has(p.meta.path)) firstByStatement.set(p.meta.path, p);
    }
    const counted = [...firstByStatement.values()].sort((a, b) => (a.meta.countryName ?? '').localeCompare(b.meta.countryName ?? ''));
    return {
      year,
      total: counted.length,
      hits: counted.slice(page.offset, page.offset + page.k).map((p, i) => toHit(p, page.offset + i + 1, 0)),
    };
  }

  async trend(query: TrendQuery): Promise<Trend> {
    const topic = query.topic.trim();
    const { evidence, passes } = this.naming(topic);
    const inScope = this.passages.filter((p) => p.meta.year !== null && (!query.country || p.meta.country === query.country));
    const debateYears = inScope.filter((p) => p.meta.body === 'General Assembly').map((p) => p.meta.year!);
    const from = query.from ?? Math.min(...debateYears);
    const to = query.to ?? Math.max(...debateYears);
    const spanned = inScope.filter((p) => p.meta.year! >= from && p.meta.year! <= to);
    const statements = (body: Body, year?: number, only = (_: Passage) => true) =>
      new Set(
        spanned.filter((p) => p.meta.body === body && (year === undefined || p.meta.year === year) && only(p)).map((p) => p.meta.path),
      ).size;
    const years: TrendYear[] = [...new Set(debateYears.filter((y) => y >= from && y <= to))]
      .sort((a, b) => a - b)
      .map((year) => ({
        year,
        statements: statements('General Assembly', year),
        addressing: statements('General Assembly', year, passes),
      }));
    const quotes = (year: number) => ({
      year,
      hits: spanned
        .filter((p) => p.meta.body === 'General Assembly' && p.meta.year === year && passes(p))
        .slice(0, 3)
        .map((p, i) => toHit(p, i + 1, 1)),
    });
    const trend: Trend = {
      topic,
      evidence,
      country: query.country ?? null,
      from,
      to,
      years,
      securityCouncil: { statements: statements('Security Council'), addressing: statements('Security Council', undefined, passes) },
      firstMention: null,
      peak: null,
    };
    const { first, peak } = trendMilestones(trend);
    return { ...trend, firstMention: first ? quotes(first.year) : null, peak: peak ? quotes(peak.year) : null };
  }

  async reindex(_roots: string[], onProgress?: (p: IndexProgress) => void): Promise<IndexReport> {
    const total = new Set(this.passages.map((p) => p.meta.path)).size;
    for (let done = 1; done <= total; done++) {
      onProgress?.({ filesDone: done, filesTotal: total, paragraphsEmbedded: 0, paragraphsPerSecond: 0, etaSeconds: 0 });
      await new Promise((r) => setTimeout(r, 1));
    }
    this.indexedAt = new Date().toISOString();
    return emptyReport(total);
  }

  async addStatement(filePath: string, overrides: StatementOverrides): Promise<{ paragraphs: number }> {
    const meta: StatementMeta = {
      ...emptyMeta(filePath),
      ...(overrides.country ? { country: overrides.country, countryName: COUNTRY_NAMES[overrides.country] ?? overrides.country } : {}),
      ...(overrides.speaker ? { speaker: overrides.speaker } : {}),
      ...(overrides.body ? { body: overrides.body } : {}),
      ...(overrides.year ? { year: overrides.year } : {}),
    };
    const paragraphs = this.addFile(filePath, meta);
    if (paragraphs === 0) throw new Error('no paragraphs found in the file');
    return { paragraphs };
  }

  async removeStatement(filePath: string): Promise<{ paragraphs: number }> {
    const before = this.passages.length;
    this.passages = this.passages.filter((p) => p.meta.path !== filePath);
    return { paragraphs: before - this.passages.length };
  }

  close(): void {}
}

function matches(p: Passage, f: SearchFilters): boolean {
  if (f.countries.length > 0 && (!p.meta.country || !f.countries.includes(p.meta.country))) return false;
  if (f.years.length > 0 && (p.meta.year === null || !f.years.includes(p.meta.year))) return false;
  if (f.body && p.meta.body !== f.body) return false;
  return true;
}

function toHit(p: Passage, rank: number, sim: number): Hit {
  return { ...p, rank, score: sim, similarity: sim };
}

export function emptyReport(filesSeen: number): IndexReport {
  return {
    filesSeen,
    filesAdded: 0,
    filesChanged: 0,
    filesRemoved: 0,
    filesUnchanged: filesSeen,
    paragraphsAdded: 0,
    paragraphsRemoved: 0,
    paragraphsEmbedded: 0,
    unreadable: [],
    seconds: 0.01,
  };
}
