/**
 * Wrong answers of the right answer's kind and form: people for people (full
 * names beside full names), places for places, dates for dates. The
 * article's own entities come first, then a small curated list of REAL
 * entities of the same kind. Never an option that is also right (another
 * creator, "Reyes" beside "Tomas Reyes"), nor one the prompt names, nor a
 * fragment, a headline word in capitals or an award among people. When that
 * gives fewer than three, the caller asks the fact another way (typed, or
 * true or false with a name from the article) rather than pad the options.
 */
import { MONTHS, type DateMention } from "./read-article";
import type { EntityKind } from "./extract-facts";
import { normalizeAnswer } from "./question";

/**
 * Real entities of a kind, used only when the article has too few of it.
 * Kept small on purpose: real TV actors and showrunners from several
 * countries, real filming cities, networks, streamers and review sites. No
 * invented stand-ins ("Jordan Blake" beside the article's names gives the
 * answer away), and nothing for characters, shows, books or companies: a real
 * "Walter White" among an invented show's characters is no fairer.
 */
export const CURATED: Partial<Record<EntityKind, readonly string[]>> = {
  place: ["Vancouver", "Atlanta", "Belfast", "Albuquerque", "Toronto", "Budapest", "Cape Town", "Dublin", "Prague", "Glasgow", "Reykjavik", "Seville", "Marseille", "Lisbon", "Tbilisi", "Manchester", "Montreal", "Auckland", "Bergen", "Naples", "Kraków", "Istanbul", "Lagos", "Mumbai", "Seoul", "Bogotá", "Mexico City", "Melbourne"],
  service: ["Netflix", "Hulu", "Peacock", "Apple TV+", "Paramount+", "Prime Video", "Max", "BBC One", "Channel 4", "HBO"],
  site: ["Rotten Tomatoes", "Metacritic", "IMDb", "Letterboxd"],
};
/**
 * Curated places by region, each with the words that place an article there (countries, nations, demonyms):
 * a wrong town beside Larne is Derry or Galway, not Tbilisi.
 */
export const PLACE_REGIONS: ReadonlyArray<{ places: readonly string[]; cues: RegExp }> = [
  { places: ["Belfast", "Dublin", "Glasgow", "Manchester", "Cardiff", "Edinburgh", "Galway", "Cork", "Derry", "Aberdeen", "Swansea", "Leeds", "Bristol", "Whitby"], cues: /\b(?:Ireland|Irish|Northern Ireland|Scotland|Scottish|England|English|Wales|Welsh|Britain|British|UK|BBC|ITV|Channel 4|RTÉ|S4C|Belfast|Dublin|Glasgow|Manchester|Cardiff|Edinburgh|London|Yorkshire|Cornwall|Cornish)\b/g },
  { places: ["Bergen", "Reykjavik", "Tromsø", "Trondheim", "Gothenburg", "Aarhus", "Turku", "Stavanger", "Malmö", "Tampere", "Bodø", "Odense"], cues: /\b(?:Norway|Norwegian|Sweden|Swedish|Denmark|Danish|Finland|Finnish|Iceland|Icelandic|Nordic|Scandinavian?|NRK|SVT|DR|YLE|Oslo|Stockholm|Copenhagen|Helsinki|Bergen|Reykjavik)\b/g },
  { places: ["Vancouver", "Atlanta", "Albuquerque", "Toronto", "Montreal", "Halifax", "Calgary", "Pittsburgh", "Savannah", "Duluth", "Winnipeg", "Portland"], cues: /\b(?:Canada|Canadian|America|American|US|U\.S\.|United States|CBC|CBS|NBC|ABC|HBO|Hulu|Peacock|Toronto|Vancouver|Atlanta|Texas|California|Ontario|Quebec|Nova Scotia|Newfoundland|Minnesota|Maine)\b/g },
  { places: ["Seville", "Marseille", "Lisbon", "Naples", "Porto", "Bilbao", "Lyon", "Bordeaux", "Valencia", "Genoa", "Palermo", "Nantes"], cues: /\b(?:Spain|Spanish|France|French|Italy|Italian|Portugal|Portuguese|Canal\+|Madrid|Paris|Rome|Lisbon|Catalan|Basque|Galician)\b/g },
  { places: ["Budapest", "Prague", "Kraków", "Vienna", "Leipzig", "Hamburg", "Gdańsk", "Brno", "Ljubljana", "Tallinn", "Riga", "Vilnius"], cues: /\b(?:Germany|German|Austria|Austrian|Poland|Polish|Czech|Hungary|Hungarian|Slovak|Slovenian?|Estonian?|Latvian?|Lithuanian?|ZDF|ARD|Berlin|Munich|Warsaw|Prague|Budapest|Vienna)\b/g },
  { places: ["Tbilisi", "Istanbul", "Izmir", "Batumi", "Yerevan", "Baku", "Thessaloniki", "Athens", "Beirut", "Cairo", "Amman", "Ankara"], cues: /\b(?:Georgia|Georgian|Turkey|Turkish|Türkiye|Greece|Greek|Armenian?|Azerbaijan|Lebanon|Lebanese|Egypt|Egyptian|Jordan|Istanbul|Tbilisi|Athens)\b/g },
  { places: ["Cape Town", "Lagos", "Nairobi", "Accra", "Johannesburg", "Durban", "Abuja", "Kampala", "Dakar", "Pretoria", "Mombasa", "Kumasi"], cues: /\b(?:Africa|African|Nigeria|Nigerian|Kenya|Kenyan|Ghana|Ghanaian|Uganda|Senegal|Showmax|Lagos|Nairobi|Accra|Johannesburg)\b/g },
  { places: ["Mumbai", "Seoul", "Busan", "Osaka", "Taipei", "Manila", "Jaipur", "Hanoi", "Bangkok", "Kolkata", "Jakarta", "Yogyakarta"], cues: /\b(?:India|Indian|Korea|Korean|Japan|Japanese|Taiwan|Taiwanese|Philippines|Filipino|Vietnam|Vietnamese|Thailand|Thai|Indonesia|Indonesian|Malaysia|Malaysian|Singapore|tvN|JTBC|KBS|MBC|SBS|Hotstar|Tokyo|Delhi|Mumbai|Seoul)\b/g },
  { places: ["Bogotá", "Mexico City", "Medellín", "Valparaíso", "Guadalajara", "Buenos Aires", "Lima", "Montevideo", "Cartagena", "Monterrey", "Quito", "Santiago"], cues: /\b(?:Mexico|Mexican|Colombia|Colombian|Argentina|Argentine|Chile|Chilean|Peru|Peruvian|Uruguay|Brazil|Brazilian|Latin America|Bogotá|Buenos Aires)\b/g },
  { places: ["Auckland", "Melbourne", "Wellington", "Perth", "Brisbane", "Adelaide", "Hobart", "Christchurch", "Darwin", "Dunedin", "Cairns", "Byron Bay"], cues: /\b(?:Australia|Australian|New Zealand|Kiwi|Māori|Maori|Stan|Queensland|Tasmania|Sydney|Melbourne|Auckland)\b/g },
];

/**
 * The curated places ordered for this article: its region's first (the region whose words the article uses most), then the rest;
 * each part rotated by `seed`.
 */
export function placesFor(articleText: string, seed: string): string[] {
  // Nordic letters ("Ålesund", "Tromsø", "Kjær") place an article in the north too.
  const hits = PLACE_REGIONS.map((r, i) => (articleText.match(r.cues) ?? []).length + (i === 1 ? (articleText.match(/\p{L}*[øåæØÅÆ]\p{L}*/gu) ?? []).length : 0));
  const best = hits.indexOf(Math.max(...hits));
  if (hits[best] === 0) return rotated(CURATED.place!, seed);
  const region = PLACE_REGIONS[best]!.places;
  return [...rotated(region, seed), ...rotated(CURATED.place!.filter((p) => !region.includes(p)), seed)];
}

/** A number that depends only on the text: the same article drafts the same questions. */
export function seedOf(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return h;
}

/**
 * The curated list turned to start at a place that depends on the question,
 * so that drafts do not offer the same three cities beside every answer.
 */
export function rotated(list: readonly string[], seed: string): string[] {
  const at = list.length === 0 ? 0 : seedOf(seed) % list.length;
  return [...list.slice(at), ...list.slice(0, at)];
}
/** Real actors (for who plays or stars) and real showrunners (for who made it), for the curated fill. */
export const CURATED_PEOPLE = {
  actors: ["Olivia Colman", "Pedro Pascal", "Sandra Oh", "Mads Mikkelsen", "Viola Davis", "Riz Ahmed", "Jodie Comer", "Omar Sy", "Lee Jung-jae", "Sidse Babett Knudsen"],
  makers: ["Shonda Rhimes", "Phoebe Waller-Bridge", "Vince Gilligan", "Jesse Armstrong", "Hwang Dong-hyuk", "Michaela Coel", "Taylor Sheridan", "Álex Pina"],
} as const;
export const REAL_SERVICES: ReadonlySet<string> = new Set([...CURATED.service!, "ITV", "FX", "AMC", "Showtime", "Starz", "Disney+", "Canal+", "ZDF", "RTÉ", "NRK", "Hotstar"]);

const words = (value: string) => normalizeAnswer(value).split(" ").filter(Boolean);
/** "Reyes" and "Tomas Reyes" name the same person. */
function overlaps(a: string, b: string): boolean {
  const [x, y] = [words(a), words(b)];
  const [small, large] = x.length <= y.length ? [x, y] : [y, x];
  return small.length > 0 && small.every((w) => large.includes(w));
}
const named = (prompt: string, option: string) => ` ${normalizeAnswer(prompt)} `.includes(` ${normalizeAnswer(option)} `);

/** Small words a name or title may hold in lower case ("Ilse van Dijk", "The House of Paper"). */
const PARTICLES = new Set(["van", "von", "der", "den", "de", "da", "di", "du", "del", "della", "la", "le", "bin", "binti", "al", "el", "y", "e", "ter", "ten", "of", "the", "and", "a", "an", "in", "on", "at", "to"]);
const AWARD = /\b(?:Awards?|Prize|Prix|Medal|Trophy|Globe|Festival|Ceremony|Jury)\b/;

/**
 * A distractor of the answer's form: no lower-case word outside a name's
 * particles (a sentence fragment), no headline word in capitals, no bare
 * title ("Dr"), one word beside one word and a full name beside a full name
 * for people and characters, and no award or festival among people.
 */
export function sameForm(answer: string, candidate: string, kind: EntityKind): boolean {
  const tokens = (v: string) => v.split(/\s+/).filter(Boolean);
  const [a, c] = [tokens(answer), tokens(candidate)];
  const fragment = (ts: string[]) => ts.some((t) => /^\p{Ll}/u.test(t) && !PARTICLES.has(t.toLowerCase()));
  const shouting = (ts: string[]) => ts.some((t) => /^\p{Lu}{3,}$/u.test(t.replace(/[^\p{L}]/gu, "")));
  if (fragment(c) && !fragment(a)) return false;
  if (shouting(c) && !shouting(a)) return false;
  if (/\d/.test(candidate) !== /\d/.test(answer)) return false;
  if (/^(?:Dr|Mr|Mrs|Ms|Prof|Sir|Dame)\.?$/.test(candidate)) return false;
  if (kind === "person" || kind === "character") {
    if ((a.length > 1) !== (c.length > 1)) return false;
    if (AWARD.test(candidate) && !AWARD.test(answer)) return false;
  }
  return true;
}

export interface Picked {
  /** From the article, of the answer's kind and form. */
  article: string[];
  /** From the curated list of real entities, after the article's. */
  curated: string[];
  /** Both, article first, at most `count`. */
  options: string[];
}

/**
 * Up to `count` distractors for `answer`: from `article` first, then at most
 * `maxCurated` from `curated`, skipping everything in `alsoRight`, whatever
 * the prompt names and whatever is not of the answer's form.
 */
export function pickDistractors(options: { answer: string; kind: EntityKind; prompt: string; article: readonly string[]; curated?: readonly string[]; maxCurated?: number; alsoRight?: readonly string[]; count?: number }): Picked {
  const count = options.count ?? 3;
  const taken = [options.answer, ...(options.alsoRight ?? [])];
  const fromArticle: string[] = [];
  const fromCurated: string[] = [];
  const usable = (candidate: string) =>
    ![...taken, ...fromArticle, ...fromCurated].some((t) => overlaps(t, candidate)) && !named(options.prompt, candidate) && sameForm(options.answer, candidate, options.kind);
  for (const candidate of options.article) if (fromArticle.length < count && usable(candidate)) fromArticle.push(candidate);
  const room = Math.min(count - fromArticle.length, options.maxCurated ?? count);
  for (const candidate of options.curated ?? []) if (fromCurated.length < room && usable(candidate)) fromCurated.push(candidate);
  return { article: fromArticle, curated: fromCurated, options: [...fromArticle, ...fromCurated] };
}

/**
 * Other dates written the way the article wrote this one: the article's own
 * dates of the same form first, then a nearby day, month and year.
 */
const ordinalSuffix = (n: number) => (n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th"));

export function dateDistractors(date: DateMention, articleDates: readonly DateMention[], count = 3): string[] {
  // Written the same way: "14th of March" beside "2nd of November", never beside "Sept. 5".
  const form = (text: string) => text.replace(/\d+/g, "9").replace(new RegExp(`\\b(?:${MONTHS.join("|")}|${MONTHS.map((m) => m.slice(0, 3)).join("|")}|Sept)\\b`, "g"), "M");
  const sameForm = (d: DateMention) => (d.year === null) === (date.year === null) && form(d.text) === form(date.text);
  const fromArticle = articleDates.filter((d) => sameForm(d) && !(d.day === date.day && d.month === date.month && d.year === date.year)).map((d) => d.text);
  // "14th of March" → "17th of March" (the ordinal's suffix follows the new day).
  const swapDay = (day: number) =>
    date.text.replace(new RegExp(`(?<!\\d)0?${date.day}(st|nd|rd|th)?(?!\\d)`), (_m, suffix?: string) => `${day}${suffix ? ordinalSuffix(day) : ""}`);
  // Days every month has; near the end of a month the nearer ones before it ("30th of November" → 27th, 28th, 26th).
  const days = [date.day + 3, date.day - 2, date.day + 1, date.day - 3, date.day - 1, date.day - 4].filter((d) => d >= 1 && d <= 28).map(swapDay);
  const name = MONTHS[date.month - 1]!;
  const months = date.text.includes(name) ? [date.text.replace(name, MONTHS[date.month % 12]!)] : [];
  const years = date.year === null ? [] : [date.text.replace(String(date.year), String(date.year - 1))];
  const candidates = [...fromArticle, days[0], ...months, ...years, ...days.slice(1)].filter((o): o is string => o !== undefined);
  return [...new Set(candidates.filter((o) => normalizeAnswer(o) !== normalizeAnswer(date.text)))].slice(0, count);
}
