import { countryByCode } from '../corpus/countries.js';
import type { SearchFilters, SearchResult } from '../search/types.js';

/** Turns a country code into a name for display; the code itself when unknown. */
export type CountryNamer = (code: string) => string;

/** The UN's name for a code ("Viet Nam"), or the code itself when it is not a country the tables know. */
const unName: CountryNamer = (code) => countryByCode(code)?.name ?? code;

/** "Kazakhstan, Russian Federation · 2015 · General Assembly", or '' when nothing filters the search. */
function describeFilters(filters: Partial<SearchFilters> | undefined, countryName: CountryNamer = unName): string {
  if (!filters) return '';
  const parts: string[] = [];
  if (filters.countries && filters.countries.length > 0) parts.push(filters.countries.map(countryName).join(', '));
  if (filters.years && filters.years.length > 0) parts.push([...filters.years].sort((a, b) => a - b).join(', '));
  if (filters.body) parts.push(filters.body);
  return parts.join(' · ');
}

/** "2009–2016", "2007", "2014, 2019–2021": years as spans of consecutive years. */
export function yearSpans(years: number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const spans: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    spans.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
    i = j;
  }
  return spans.join(', ');
}

/**
 * What the search read from the question, as the member is shown it: "Speaker: Barack Obama (United States,
 * 2009–2016)", or "Filters: Fiji · 2017", and "Favouring: France" for what it raised without limiting to it.
 */
export function describeReading(
  result: Pick<SearchResult, 'filters' | 'speaker' | 'raised' | 'speakerNotIndexed'>,
  countryName: CountryNamer = unName,
): string {
  const { speaker, filters, raised, speakerNotIndexed: unheard } = result;
  const parts: string[] = [];
  if (unheard)
    parts.push(
      `No statement by ${unheard.name} (${countryName(unheard.country)}, ${yearSpans(unheard.years)}) is indexed; the closest of the rest`,
    );
  if (speaker) {
    // An office limits the country and only favours the years it spoke (src/search/question.ts).
    parts.push(
      speaker.office
        ? `Speaker: ${countryName(speaker.country)} · favouring its ${speaker.office}, ${yearSpans(speaker.years)}`
        : `Speaker: ${speaker.name} (${countryName(speaker.country)}), ${yearSpans(speaker.years)}`,
    );
    if (filters.body) parts.push(filters.body);
    return parts.join(' · ');
  }
  const stated = describeFilters(filters, countryName);
  if (stated) parts.push(`Filters: ${stated}`);
  const favoured = describeFilters(raised, countryName);
  if (favoured) parts.push(`Favouring: ${favoured}`);
  return parts.join(' · ');
}
