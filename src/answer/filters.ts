import type { SearchFilters } from '../search/types.js';

/** Turns a country code into a name for display; the code itself when unknown. */
export type CountryNamer = (code: string) => string;

const identity: CountryNamer = (code) => code;

/** "Kazakhstan, Russian Federation · 2015 · General Assembly", or '' when nothing filters the search. */
export function describeFilters(filters: Partial<SearchFilters> | undefined, countryName: CountryNamer = identity): string {
  if (!filters) return '';
  const parts: string[] = [];
  if (filters.countries && filters.countries.length > 0) parts.push(filters.countries.map(countryName).join(', '));
  if (filters.years && filters.years.length > 0) parts.push([...filters.years].sort((a, b) => a - b).join(', '));
  if (filters.body) parts.push(filters.body);
  return parts.join(' · ');
}
