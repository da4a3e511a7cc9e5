import { countryByCode } from '../corpus/countries.js';
import type { SearchFilters } from '../search/types.js';

/** Turns a country code into a name for display; the code itself when unknown. */
export type CountryNamer = (code: string) => string;

/** The UN's name for a code ("Viet Nam"), or the code itself when it is not a country the tables know. */
const unName: CountryNamer = (code) => countryByCode(code)?.name ?? code;

/** "Kazakhstan, Russian Federation · 2015 · General Assembly", or '' when nothing filters the search. */
export function describeFilters(filters: Partial<SearchFilters> | undefined, countryName: CountryNamer = unName): string {
  if (!filters) return '';
  const parts: string[] = [];
  if (filters.countries && filters.countries.length > 0) parts.push(filters.countries.map(countryName).join(', '));
  if (filters.years && filters.years.length > 0) parts.push([...filters.years].sort((a, b) => a - b).join(', '));
  if (filters.body) parts.push(filters.body);
  return parts.join(' · ');
}
