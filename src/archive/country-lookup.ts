import type { Archive, CountrySummary } from './archive.js';

/** The country a user names: a code picked from a list, or whatever they typed, read by the archive. */
export function resolveCountry(archive: Archive, value: string): CountrySummary | null {
  const text = value.trim();
  if (!text) return null;
  const found = archive.findCountries(text, 10);
  return (
    found.find((c) => c.code.toLowerCase() === text.toLowerCase()) ??
    found.find((c) => c.name.toLowerCase() === text.toLowerCase()) ??
    found[0] ??
    null
  );
}

/** Country code to name, from the archive's own country list (remembered); the code when unknown. */
export function countryNamer(archive: Archive): (code: string) => string {
  const names = new Map<string, string>();
  return (code) => {
    let name = names.get(code);
    if (name === undefined) {
      name = archive.findCountries(code, 10).find((c) => c.code === code)?.name ?? code;
      names.set(code, name);
    }
    return name;
  };
}
