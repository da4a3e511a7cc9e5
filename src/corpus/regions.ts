import worldCountriesPackage, { type Country as PackageCountry } from 'world-countries';

const worldCountries = worldCountriesPackage as unknown as PackageCountry[];

/** A group of countries named by a word such as "African", "Baltic" or "island". */
export interface Region {
  word: string;
  codes: string[];
}

const members = worldCountries.filter((c) => c.unMember || c.cca3 === 'PSE' || c.cca3 === 'VAT');
const inRegion = (region: string) => members.filter((c) => c.region === region).map((c) => c.cca3);
const inSubregions = (...subregions: string[]) => members.filter((c) => subregions.includes(c.subregion)).map((c) => c.cca3);
/** States on islands: no land border and a coast, plus those that share an island with a neighbour. */
const islandStates = [
  ...members.filter((c) => c.borders.length === 0 && !c.landlocked).map((c) => c.cca3),
  'LKA', 'TLS', 'PNG', 'HTI', 'DOM', 'IDN', 'IRL',
];

/**
 * Region words as people use them in "which African country ...", longest first so that "Central Asian" wins
 * over "Asian". Subregions follow the UN geoscheme as the world-countries package records it.
 */
const REGIONS: [RegExp, string[]][] = [
  [/\bcentral[\s-]+asian?\b/i, inSubregions('Central Asia')],
  [/\bsouth[\s-]*east(?:ern)?[\s-]+asian?\b/i, inSubregions('South-Eastern Asia')],
  [/\beast(?:ern)?[\s-]+asian?\b/i, inSubregions('Eastern Asia')],
  [/\bsouth(?:ern)?[\s-]+asian?\b/i, inSubregions('Southern Asia')],
  [/\b(?:middle[\s-]+east(?:ern)?|gulf)\b/i, inSubregions('Western Asia')],
  [/\b(?:latin[\s-]+american?|latin)\b/i, inSubregions('South America', 'Central America', 'Caribbean').concat('MEX')],
  [/\bsouth[\s-]+american?\b/i, inSubregions('South America')],
  [/\bcentral[\s-]+american?\b/i, inSubregions('Central America')],
  [/\bcaribbean\b/i, inSubregions('Caribbean')],
  [/\bnorth[\s-]+african?\b/i, inSubregions('Northern Africa')],
  [/\bwest[\s-]+african?\b/i, inSubregions('Western Africa')],
  [/\beast[\s-]+african?\b/i, inSubregions('Eastern Africa')],
  [/\bsouthern[\s-]+african?\b/i, inSubregions('Southern Africa')],
  // The ten countries of the UN Integrated Strategy for the Sahel; no geoscheme subregion covers the Sahel.
  [/\bsahel(?:ian)?\b/i, ['BFA', 'CMR', 'GIN', 'GMB', 'MLI', 'MRT', 'NER', 'NGA', 'SEN', 'TCD']],
  [/\bafrican?\b/i, inRegion('Africa')],
  [/\basian?\b/i, inRegion('Asia')],
  [/\bbaltic\b/i, ['EST', 'LVA', 'LTU']],
  [/\b(?:nordic|scandinavian)\b/i, ['DNK', 'FIN', 'ISL', 'NOR', 'SWE']],
  [/\bbalkan\b/i, inSubregions('Southeast Europe')],
  [/\beuropean?\b/i, inRegion('Europe')],
  [/\b(?:pacific|oceanian?)\b/i, inRegion('Oceania')],
  [/\bisland\b/i, islandStates],
  [/\blandlocked\b/i, members.filter((c) => c.landlocked).map((c) => c.cca3)],
];

/** The regions named in a short phrase (the words before "country" in "which small Pacific island country"). */
export function findRegions(phrase: string): Region[] {
  const found: Region[] = [];
  let rest = phrase;
  for (const [pattern, codes] of REGIONS) {
    const match = pattern.exec(rest);
    if (!match) continue;
    found.push({ word: match[0], codes });
    rest = rest.replace(match[0], ' ');
  }
  return found;
}
