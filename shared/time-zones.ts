/**
 * Time zones for people to pick by city, pure and browser-safe. Browsers list
 * some zones under names the IANA database has since replaced (ICU keeps
 * Asia/Calcutta, Europe/Kiev…); they are shown and stored under the current one.
 */
const RENAMED: Readonly<Record<string, string>> = {
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "America/Godthab": "America/Nuuk",
  "Europe/Kiev": "Europe/Kyiv",
  "Europe/Uzhgorod": "Europe/Kyiv",
  "Europe/Zaporozhye": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Truk": "Pacific/Chuuk",
  "Pacific/Ponape": "Pacific/Pohnpei",
};

export interface ZoneChoice {
  /** The current IANA name, e.g. "Asia/Kolkata". */
  id: string;
  /** "Kolkata", "Indiana / Indianapolis". */
  city: string;
  /** "Asia". */
  region: string;
}

/** The zone's current IANA name. */
export function currentZoneName(zone: string): string {
  return RENAMED[zone] ?? zone;
}

function choice(id: string): ZoneChoice {
  const [region = id, ...rest] = id.split("/");
  return { id, region, city: (rest.length > 0 ? rest.join(" / ") : region).replaceAll("_", " ") };
}

/** One choice per current zone, sorted by city. */
export function zoneChoices(zones: readonly string[]): ZoneChoice[] {
  const ids = new Set(zones.map(currentZoneName));
  return [...ids].map(choice).sort((a, b) => a.city.localeCompare(b.city) || a.region.localeCompare(b.region));
}

/** Choices whose city, region or name contains every word of the query (case and accents ignored). */
export function matchZones<T extends ZoneChoice>(choices: readonly T[], query: string): T[] {
  const fold = (s: string) => s.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
  const words = fold(query).split(/[\s/_,]+/).filter(Boolean);
  if (words.length === 0) return [...choices];
  return choices.filter((c) => {
    const text = fold(`${c.city} ${c.region} ${c.id}`);
    return words.every((w) => text.includes(w));
  });
}
