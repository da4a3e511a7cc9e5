import { isStateName } from './countries.js';
import { PhraseMatcher, phraseKey } from './phrase-matcher.js';

/** "Association of Southeast Asian Nations" spelled out before "(ASEAN)" in a statement. */
export interface OrganizationPair {
  acronym: string;
  name: string;
}

/** An organization as the corpus names it: one canonical name with its acronym and other spellings. */
export interface Organization {
  /** The acronym as most often written ("CICA"). */
  key: string;
  /** Most written first. */
  names: string[];
  /** How often statements spell it out as "Name (ACRONYM)". */
  mentions: number;
}

export interface OrganizationAliasesJson {
  organizations: { acronyms: Record<string, number>; names: Record<string, number> }[];
}

/** Lower-case words that may stand inside a name: "Conference on Interaction and Confidence-Building ...". */
const CONNECTORS = new Set(['of', 'and', 'for', 'on', 'the', 'in', 'de', 'to', 'des', 'du', 'la', 'et', 'against', 'at', '&']);
const MAX_NAME_WORDS = 16;
/** "(ASEAN)", "(MDGs)", "(G-77)", "(OSCE)": 2 to 10 characters that start with a capital. */
const ACRONYM_IN_PARENTHESES = /\(([A-Z][A-Za-z0-9&-]{1,9})\)/g;

/** A word of a candidate name, split at hyphens: "Confidence-Building" gives two parts. */
interface NamePart {
  text: string;
  connector: boolean;
}

/** The acronym's letters and numbers, without the plural s, dashes and ampersands: "G-77" is G, 77. */
function acronymUnits(acronym: string): string[] | null {
  const singular = /[A-Z]{2}s$/.test(acronym) ? acronym.slice(0, -1) : acronym;
  if (/[a-z]/.test(singular)) return null; // "Mercosur", "AfCFTA": not read from initials
  const units = singular.match(/[A-Z]|\d+/g) ?? [];
  return units.length >= 2 ? units : null;
}

/**
 * Fewest name words left out when the acronym is read from the parts' initials, in order; null when it
 * cannot be. An acronym letter may also come from inside a word ("Southeast" gives S and E), at a small cost,
 * and connectors may be passed over for free. The last part must give a letter: the name ends at "(".
 */
function alignmentCost(units: string[], parts: NamePart[]): number | null {
  const memo = new Map<string, number>();
  const best = (unit: number, part: number): number => {
    if (unit === units.length) return part === parts.length ? 0 : Infinity;
    if (part === parts.length) return Infinity;
    const key = `${unit}:${part}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const skip = (parts[part]!.connector ? 0 : 1) + best(unit, part + 1);
    const result = Math.min(skip, useInitial(unit, part));
    memo.set(key, result);
    return result;
  };
  const useInitial = (unit: number, part: number): number => {
    const text = parts[part]!.text;
    const wanted = units[unit]!;
    if (/^\d/.test(wanted)) return text === wanted ? best(unit + 1, part + 1) : Infinity;
    if (text[0]?.toUpperCase() !== wanted) return Infinity;
    let cost = best(unit + 1, part + 1);
    // Up to two more letters from inside the same word, in order.
    let from = 1;
    for (let extra = 1; extra <= 2 && unit + extra < units.length; extra++) {
      const at = text.toUpperCase().indexOf(units[unit + extra]!, from);
      if (at === -1) break;
      cost = Math.min(cost, 0.5 * extra + best(unit + extra + 1, part + 1));
      from = at + 1;
    }
    return cost;
  };

  if (parts.length === 0 || parts[0]!.connector) return null;
  const cost = useInitial(0, 0);
  return cost === Infinity ? null : cost;
}

function partsOf(words: string[]): NamePart[] {
  return words.flatMap((word): NamePart[] => {
    const bare = word.replace(/,$/, '');
    if (CONNECTORS.has(bare)) return [{ text: bare, connector: true }];
    return bare.split(/[-–]/).filter((p) => p !== '').map((text) => ({ text, connector: false }));
  });
}

function isNameWord(word: string): boolean {
  const bare = word.replace(/,$/, '');
  return CONNECTORS.has(bare) || /^[\p{Lu}\p{N}][\p{L}\p{N}'’.&-]*$/u.test(bare);
}

/** The capitalized words (and connectors) right before the parenthesis, nearest last. */
function wordsBefore(text: string, end: number): string[] {
  const words = text.slice(Math.max(0, end - 250), end).trimEnd().split(/\s+/);
  const run: string[] = [];
  for (let i = words.length - 1; i >= 0 && run.length < MAX_NAME_WORDS; i--) {
    const word = words[i]!;
    if (!isNameWord(word) || (run.length > 0 && /[.;:!?]$/.test(word))) break;
    run.unshift(word);
  }
  return run;
}

/** The longest name ending at the parenthesis whose initials spell the acronym with fewest words left out. */
function nameForAcronym(words: string[], units: string[]): string | null {
  let best: { name: string; cost: number } | null = null;
  for (let start = 0; start <= words.length - 2; start++) {
    const candidate = words.slice(start);
    if (CONNECTORS.has(candidate[0]!)) continue;
    const cost = alignmentCost(units, partsOf(candidate));
    // Names that leave out more words than half the acronym's letters are coincidences.
    if (cost === null || cost > Math.ceil(units.length / 2)) continue;
    if (!best || cost < best.cost) best = { name: candidate.join(' ').replace(/,$/, '').replace(/['’]s$/, ''), cost };
  }
  return best?.name ?? null;
}

/** Every "Full Name (ACRONYM)" in a text whose initials agree; states ("United Arab Emirates (UAE)") are left out. */
export function mineOrganizationPairs(text: string): OrganizationPair[] {
  const pairs: OrganizationPair[] = [];
  for (const match of text.matchAll(ACRONYM_IN_PARENTHESES)) {
    const acronym = match[1]!;
    const units = acronymUnits(acronym);
    if (!units) continue;
    const name = nameForAcronym(wordsBefore(text, match.index), units);
    if (name && !isStateName(name)) pairs.push({ acronym, name });
  }
  return pairs;
}

/** "MDGs" and "MDG", "G-77" and "G77" are one acronym. */
function acronymKey(acronym: string): string {
  return acronym.replace(/(?<=[A-Z])s$/, '').replace(/[^A-Za-z0-9]/g, '').toUpperCase();
}

function mostWritten(counts: Map<string, number>): string[] {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([written]) => written);
}

interface Group {
  /** Acronym as written → how many times. */
  acronyms: Map<string, number>;
  /** phraseKey of a name → its spellings as written → how many times; case and dash variants count together. */
  names: Map<string, Map<string, number>>;
}

/**
 * The organizations a corpus spells out, one per acronym with all its names: "Conference on Interaction and
 * Confidence-Building Measures in Asia" and "... Confidence-Building in Asia" are both CICA.
 */
export class OrganizationAliases {
  private readonly organizations: Organization[];
  private readonly byKey = new Map<string, Organization>();
  private readonly matcher = new PhraseMatcher<string>();
  /** Each organization's acronym and names as phraseKey writes them, for matching what users type. */
  private readonly typed = new Map<Organization, TypedForms>();

  private constructor(private readonly groups: Group[]) {
    this.organizations = groups.map((group) => {
      const key = mostWritten(group.acronyms)[0]!;
      // Spellings of one name (case, dashes) count together under the one written most.
      const nameCounts = new Map(
        [...group.names.values()].map((spellings) => [mostWritten(spellings)[0]!, sum(spellings.values())]),
      );
      for (const acronym of group.acronyms.keys()) this.matcher.add(acronym, key, { exactCase: true });
      for (const spellings of group.names.values()) for (const name of spellings.keys()) this.matcher.add(name, key);
      return { key, names: mostWritten(nameCounts), mentions: sum(group.acronyms.values()) };
    });
    this.organizations.sort((a, b) => b.mentions - a.mentions || a.key.localeCompare(b.key));
    for (const organization of this.organizations) {
      this.byKey.set(organization.key, organization);
      this.typed.set(organization, {
        acronym: phraseKey(organization.key).replace(/ /g, ''),
        names: organization.names.map(phraseKey),
      });
    }
  }

  /** From mined pairs, each counted once unless it carries a count (the index stores them counted). */
  static fromNames(pairs: Iterable<OrganizationPair & { count?: number }>): OrganizationAliases {
    const groups = new Map<string, Group>();
    for (const { acronym, name, count = 1 } of pairs) {
      const groupKey = acronymKey(acronym);
      const group = groups.get(groupKey) ?? { acronyms: new Map(), names: new Map() };
      groups.set(groupKey, group);
      addCount(group.acronyms, acronym, count);
      const spellings = group.names.get(phraseKey(name)) ?? new Map<string, number>();
      group.names.set(phraseKey(name), spellings);
      addCount(spellings, name, count);
    }
    return new OrganizationAliases([...groups.values()]);
  }

  static fromJSON(json: OrganizationAliasesJson): OrganizationAliases {
    return new OrganizationAliases(
      json.organizations.map(({ acronyms, names }) => {
        const spellingsByKey = new Map<string, Map<string, number>>();
        for (const [name, count] of Object.entries(names)) {
          const spellings = spellingsByKey.get(phraseKey(name)) ?? new Map<string, number>();
          spellingsByKey.set(phraseKey(name), spellings.set(name, count));
        }
        return { acronyms: new Map(Object.entries(acronyms)), names: spellingsByKey };
      }),
    );
  }

  toJSON(): OrganizationAliasesJson {
    return {
      organizations: this.groups.map((group) => ({
        acronyms: Object.fromEntries(group.acronyms),
        names: Object.fromEntries([...group.names.values()].flatMap((spellings) => [...spellings])),
      })),
    };
  }

  get(key: string): Organization | null {
    return this.byKey.get(key) ?? null;
  }

  /** Keys of the organizations a text names, by acronym in capitals or by any of its names in any case. */
  organizationsIn(text: string): string[] {
    return [...new Set(this.matcher.findAll(text).map((m) => m.value))];
  }

  /** For autocomplete: acronym matches first, then names that start with the text, then names containing it. */
  find(text: string, limit: number): Organization[] {
    const query = phraseKey(text);
    return this.organizations
      .map((organization) => ({ organization, rank: query === '' ? 0 : matchRank(this.typed.get(organization)!, query) }))
      .filter((ranked): ranked is { organization: Organization; rank: number } => ranked.rank !== null)
      .sort((a, b) => a.rank - b.rank || b.organization.mentions - a.organization.mentions)
      .slice(0, limit)
      .map(({ organization }) => organization);
  }

  /** The organization a user means by an acronym in any case, a name, or the start of a name; null when unsure. */
  resolve(userText: string): Organization | null {
    const query = phraseKey(userText);
    if (query === '') return null;
    const [best] = this.find(userText, 1);
    const rank = best ? matchRank(this.typed.get(best)!, query) : null;
    return best && rank !== null && rank <= Rank.NameStart ? best : null;
  }
}

/** How well an organization matches what a user typed: lower is better. */
const Rank = { Acronym: 0, Name: 1, AcronymStart: 2, NameStart: 3, NameWordStart: 4, Contains: 5 } as const;

interface TypedForms {
  acronym: string;
  names: string[];
}

function matchRank({ acronym, names }: TypedForms, query: string): number | null {
  if (acronym === query.replace(/ /g, '')) return Rank.Acronym;
  if (names.includes(query)) return Rank.Name;
  if (acronym.startsWith(query)) return Rank.AcronymStart;
  if (names.some((n) => n.startsWith(query))) return Rank.NameStart;
  if (names.some((n) => n.includes(` ${query}`))) return Rank.NameWordStart;
  if (acronym.includes(query) || names.some((n) => n.includes(query))) return Rank.Contains;
  return null;
}

function addCount(counts: Map<string, number>, written: string, count: number): void {
  counts.set(written, (counts.get(written) ?? 0) + count);
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
