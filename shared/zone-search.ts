/**
 * Finding a time zone by what people type, pure and browser-safe: an
 * abbreviation ("EST", "PDT", "IST"), a name ("Eastern", "Pacific"), a UTC
 * offset ("UTC+9", "GMT-5", "+05:30"), a city that is not a zone's own name
 * ("Boston", "Mumbai") or a zone's city, region or name. An abbreviation that
 * means several zones (IST: India, Ireland, Israel) comes back with each
 * meaning, for the person to choose.
 */
import type { ZoneChoice } from "./time-zones";

export interface ZoneMeaning {
  /** "India Standard Time". */
  label: string;
  /** The zone to pick for it first, then others that keep the same time. */
  zones: readonly string[];
}

const m = (label: string, ...zones: string[]): ZoneMeaning => ({ label, zones });

const US_EASTERN = m("US Eastern time", "America/New_York", "America/Toronto", "America/Detroit");
const US_CENTRAL = m("US Central time", "America/Chicago", "America/Winnipeg", "America/Mexico_City");
const US_MOUNTAIN = m("US Mountain time", "America/Denver", "America/Phoenix", "America/Edmonton");
const US_PACIFIC = m("US Pacific time", "America/Los_Angeles", "America/Vancouver", "America/Tijuana");
const ALASKA = m("Alaska time", "America/Anchorage");
const HAWAII = m("Hawaii time", "Pacific/Honolulu");
const ATLANTIC = m("Atlantic time (Canada)", "America/Halifax", "America/Puerto_Rico");
const NEWFOUNDLAND = m("Newfoundland time", "America/St_Johns");
const UK = m("UK time (GMT in winter, BST in summer)", "Europe/London");
const IRELAND = m("Irish time", "Europe/Dublin");
const WESTERN_EU = m("Western European time", "Europe/Lisbon", "Atlantic/Canary");
const CENTRAL_EU = m("Central European time", "Europe/Berlin", "Europe/Paris", "Europe/Madrid", "Europe/Rome", "Europe/Amsterdam", "Europe/Stockholm", "Europe/Warsaw");
const EASTERN_EU = m("Eastern European time", "Europe/Athens", "Europe/Bucharest", "Europe/Helsinki", "Europe/Kyiv", "Africa/Cairo");
const MOSCOW = m("Moscow time", "Europe/Moscow");
const INDIA = m("India Standard Time", "Asia/Kolkata");
const ISRAEL = m("Israel time", "Asia/Jerusalem");
const BANGLADESH = m("Bangladesh Standard Time", "Asia/Dhaka");
const CHINA = m("China Standard Time", "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei");
const CUBA = m("Cuba time", "America/Havana");
const ARABIA = m("Arabia Standard Time", "Asia/Riyadh", "Asia/Qatar", "Asia/Baghdad");
const JAPAN = m("Japan Standard Time", "Asia/Tokyo");
const KOREA = m("Korea Standard Time", "Asia/Seoul");
const SINGAPORE = m("Singapore time", "Asia/Singapore", "Asia/Kuala_Lumpur");
const PHILIPPINES = m("Philippine time", "Asia/Manila");
const AUS_EASTERN = m("Australian Eastern time", "Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane", "Australia/Hobart");
const AUS_CENTRAL = m("Australian Central time", "Australia/Adelaide", "Australia/Darwin");
const AUS_WESTERN = m("Australian Western time", "Australia/Perth");
const NEW_ZEALAND = m("New Zealand time", "Pacific/Auckland");
const SOUTH_AFRICA = m("South Africa Standard Time", "Africa/Johannesburg");
const WEST_AFRICA = m("West Africa Time", "Africa/Lagos");
const EAST_AFRICA = m("East Africa Time", "Africa/Nairobi");
const BRASILIA = m("Brasília time", "America/Sao_Paulo");
const ARGENTINA = m("Argentina time", "America/Argentina/Buenos_Aires");
const UTC = m("Coordinated Universal Time", "UTC");

/** Lower-case names and abbreviations: one meaning, or several when they are ambiguous. */
const NAMED: Readonly<Record<string, readonly ZoneMeaning[]>> = {
  est: [US_EASTERN], edt: [US_EASTERN], et: [US_EASTERN], eastern: [US_EASTERN], "us eastern": [US_EASTERN], "eastern time": [US_EASTERN],
  cst: [US_CENTRAL, CHINA, CUBA], cdt: [US_CENTRAL], ct: [US_CENTRAL], central: [US_CENTRAL], "central time": [US_CENTRAL],
  mst: [US_MOUNTAIN], mdt: [US_MOUNTAIN], mt: [US_MOUNTAIN], mountain: [US_MOUNTAIN], "mountain time": [US_MOUNTAIN],
  pst: [US_PACIFIC], pdt: [US_PACIFIC], pt: [US_PACIFIC], pacific: [US_PACIFIC], "pacific time": [US_PACIFIC],
  akst: [ALASKA], akdt: [ALASKA], alaska: [ALASKA],
  hst: [HAWAII], hawaii: [HAWAII],
  ast: [ATLANTIC, ARABIA], adt: [ATLANTIC], atlantic: [ATLANTIC],
  nst: [NEWFOUNDLAND], ndt: [NEWFOUNDLAND], newfoundland: [NEWFOUNDLAND],
  gmt: [UK, UTC], bst: [UK, BANGLADESH], uk: [UK], britain: [UK], british: [UK], england: [UK], scotland: [UK], wales: [UK],
  ireland: [IRELAND], irish: [IRELAND],
  ist: [INDIA, IRELAND, ISRAEL], india: [INDIA], indian: [INDIA], israel: [ISRAEL], idt: [ISRAEL],
  wet: [WESTERN_EU], west: [WESTERN_EU], portugal: [WESTERN_EU],
  cet: [CENTRAL_EU], cest: [CENTRAL_EU], "central european": [CENTRAL_EU], germany: [CENTRAL_EU], france: [CENTRAL_EU], spain: [CENTRAL_EU], italy: [CENTRAL_EU],
  eet: [EASTERN_EU], eest: [EASTERN_EU], "eastern european": [EASTERN_EU], greece: [EASTERN_EU],
  msk: [MOSCOW], moscow: [MOSCOW],
  jst: [JAPAN], japan: [JAPAN], kst: [KOREA], korea: [KOREA],
  china: [CHINA], hkt: [CHINA], sgt: [SINGAPORE], pht: [PHILIPPINES],
  aest: [AUS_EASTERN], aedt: [AUS_EASTERN], acst: [AUS_CENTRAL], acdt: [AUS_CENTRAL], awst: [AUS_WESTERN], australia: [AUS_EASTERN, AUS_CENTRAL, AUS_WESTERN],
  nzst: [NEW_ZEALAND], nzdt: [NEW_ZEALAND], "new zealand": [NEW_ZEALAND],
  sast: [SOUTH_AFRICA], wat: [WEST_AFRICA], eat: [EAST_AFRICA],
  brt: [BRASILIA], art: [ARGENTINA],
  utc: [UTC], z: [UTC], zulu: [UTC],
};

/** The zones people know first, in the order the table above names them (a stable sort keeps the rest by city). */
const KNOWN_ORDER: readonly string[] = [...new Set(Object.values(NAMED).flatMap((ms) => ms.flatMap((meaning) => meaning.zones)))];

/** Cities people name that are not a zone's own name: each to the zone it keeps. */
const CITIES: Readonly<Record<string, string>> = {
  boston: "America/New_York", washington: "America/New_York", philadelphia: "America/New_York", atlanta: "America/New_York", miami: "America/New_York", nyc: "America/New_York",
  dallas: "America/Chicago", houston: "America/Chicago", austin: "America/Chicago", "new orleans": "America/Chicago", minneapolis: "America/Chicago",
  seattle: "America/Los_Angeles", "san francisco": "America/Los_Angeles", portland: "America/Los_Angeles", "las vegas": "America/Los_Angeles", "san diego": "America/Los_Angeles", sf: "America/Los_Angeles", la: "America/Los_Angeles",
  "salt lake city": "America/Denver", montreal: "America/Toronto", ottawa: "America/Toronto", calgary: "America/Edmonton",
  manchester: "Europe/London", edinburgh: "Europe/London", glasgow: "Europe/London", birmingham: "Europe/London",
  munich: "Europe/Berlin", frankfurt: "Europe/Berlin", hamburg: "Europe/Berlin", barcelona: "Europe/Madrid", milan: "Europe/Rome", geneva: "Europe/Zurich",
  mumbai: "Asia/Kolkata", delhi: "Asia/Kolkata", "new delhi": "Asia/Kolkata", bangalore: "Asia/Kolkata", bengaluru: "Asia/Kolkata", chennai: "Asia/Kolkata", hyderabad: "Asia/Kolkata",
  beijing: "Asia/Shanghai", "tel aviv": "Asia/Jerusalem", osaka: "Asia/Tokyo", kyoto: "Asia/Tokyo", canberra: "Australia/Sydney", wellington: "Pacific/Auckland",
  "rio de janeiro": "America/Sao_Paulo", "cape town": "Africa/Johannesburg",
};

const fold = (s: string) => s.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase().trim().replace(/\s+/g, " ");

/** "UTC+9", "GMT-05:00", "+5:30", "utc 9" → minutes east of UTC; null when the query is no offset. */
export function parseUtcOffset(query: string): number | null {
  const match = /^(?:utc|gmt)?\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?$/.exec(fold(query)) ?? /^(?:utc|gmt)\s*(\s)(\d{1,2})(?::?(\d{2}))?$/.exec(fold(query));
  if (!match) return null;
  const [, sign, hours, minutes = "0"] = match;
  const total = Number(hours) * 60 + Number(minutes);
  if (Number(hours) > 14 || Number(minutes) >= 60) return null;
  return sign === "-" || sign === "−" ? -total : total;
}

/** A zone's offset from UTC at `at`, in minutes east (Intl's "GMT+5:30"). */
export function offsetMinutesOf(zone: string, at: Date): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "shortOffset" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const match = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name);
  if (!match) return 0;
  const total = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === "-" ? -total : total;
}

export type ZoneSearch<T> =
  /** Nothing typed: everything. */
  | { kind: "all"; matches: T[] }
  /** A name or abbreviation: the zones of each meaning; `meanings` has more than one when it is ambiguous. */
  | { kind: "named"; matches: T[]; meanings: Array<{ label: string; zone: T }> }
  /** A UTC offset: the zones at that offset now. */
  | { kind: "offset"; matches: T[]; offsetMinutes: number }
  /** Words found in zones' cities, regions or names. */
  | { kind: "text"; matches: T[] };

/**
 * What a query finds among the choices (each with its offset now). Words match
 * the start of a word ("los ang" → Los Angeles): "EST" is not Bucharest.
 */
export function searchZones<T extends ZoneChoice & { offsetMinutes: number }>(choices: readonly T[], query: string): ZoneSearch<T> {
  const q = fold(query);
  if (q === "") return { kind: "all", matches: [...choices] };
  const byId = new Map(choices.map((c) => [c.id, c]));
  const pick = (ids: readonly string[]) => ids.flatMap((id) => byId.get(id) ?? []);

  const named = NAMED[q] ?? NAMED[q.replace(/ (standard |daylight )?time$/, "")];
  if (named) {
    const meanings = named.flatMap((meaning) => {
      const zone = pick(meaning.zones)[0];
      return zone ? [{ label: meaning.label, zone }] : [];
    });
    const matches = [...new Set(named.flatMap((meaning) => pick(meaning.zones)))];
    if (matches.length > 0) return { kind: "named", matches, meanings };
  }
  const city = CITIES[q];
  if (city && byId.has(city)) return { kind: "named", matches: pick([city]), meanings: [{ label: `${query.trim()}: ${byId.get(city)!.city} time`, zone: byId.get(city)! }] };

  const offset = parseUtcOffset(q);
  if (offset !== null) {
    const matches = choices.filter((c) => c.offsetMinutes === offset);
    // The zones people know first (New York before Nassau).
    const rank = (c: T) => {
      const i = KNOWN_ORDER.indexOf(c.id);
      return i === -1 ? KNOWN_ORDER.length : i;
    };
    return { kind: "offset", offsetMinutes: offset, matches: [...matches].sort((a, b) => rank(a) - rank(b)) };
  }

  const words = q.split(/[\s/_,]+/).filter(Boolean);
  const matches = choices.filter((c) => {
    const text = fold(`${c.city} ${c.region} ${c.id}`).split(/[\s/_,-]+/);
    return words.every((w) => text.some((t) => t.startsWith(w)));
  });
  return { kind: "text", matches };
}

/** "UTC+5:30", "UTC−7", "UTC". */
export function formatOffset(minutes: number): string {
  if (minutes === 0) return "UTC";
  const abs = Math.abs(minutes);
  return `UTC${minutes < 0 ? "−" : "+"}${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, "0")}` : ""}`;
}
