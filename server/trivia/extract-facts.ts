/**
 * Recognises the relations articles about shows state: who plays whom, who
 * created / produces / wrote it, where it is filmed or set, which service
 * carries it, when it premiered / was renewed / ends, what it counts
 * (episodes, viewers, reviews, days) and what score it got from whom.
 *
 * Each sentence is matched as a "shape": its names replaced by ⟨i⟩ and its
 * dates by ⟪i⟫, so that the rules read like the sentences they match.
 */
import nlp from "compromise";
import type { Article, DateMention, Sentence } from "./read-article";
import type { NumberMention } from "./read-numbers";

export type EntityKind = "person" | "character" | "place" | "service" | "site" | "company" | "show" | "work";

export interface Entity {
  kind: EntityKind;
  /** The fullest form in the article ("Colm Reddy" for "Reddy"). */
  name: string;
  /** "Maine" for "Port Galen, Maine". */
  region?: string;
}

interface FactBase {
  sentence: Sentence;
  /** The show the fact is about: the one the sentence or its paragraph names, else the article's title. */
  show?: string | null;
  /** 0–1: how sure the rule is. */
  strength: number;
}
export type Fact = FactBase &
  (
    | { relation: "plays"; actor: Entity; character: Entity; descriptor: string | null; voice?: boolean; /** "English" of "in the English version". */ version?: string }
    | { relation: "created" | "produces" | "wrote" | "directs" | "writes" | "hosts" | "composes" | "stars"; people: Entity[] }
    | { relation: "source"; work: Entity; kind: string }
    | { relation: "company"; company: Entity }
    | { relation: "award"; winner: Entity; award: string; isShow: boolean }
    | { relation: "jury"; person: Entity }
    /** Where a festival or a ceremony takes place: "at the fourth Lumière Series Festival in Lille", "at a ceremony in Singapore". */
    | { relation: "venue"; place: Entity; what: "festival" | "ceremony"; future: boolean }
    /** A job on the show ("the cinematographer, Haruki Matsumoto") or at a company ("Lumo's chief content officer"): `org` null for the show. */
    | { relation: "role"; person: Entity; role: string; org: string | null }
    | { relation: "filmed" | "set"; place: Entity; fictional: boolean }
    | { relation: "service"; service: Entity; verb: string }
    | { relation: "when"; event: DateEvent; date: DateMention; subject: string; past: boolean; verb: string }
    | { relation: "count"; number: NumberMention }
    | { relation: "rank"; number: NumberMention; chart: string }
    | { relation: "score"; number: NumberMention; site: Entity | null; of: string | null }
    | { relation: "site"; site: Entity; what: string }
    | { relation: "said"; person: Entity; quote: string }
    /** The year a show's story is set in: "set in 1961 in a fictional embassy", "set during the 1984 miners' strike". */
    | { relation: "era"; year: number }
  );

export interface Reading {
  title: string | null;
  /** Every show the article names (the title among them). */
  shows: ReadonlySet<string>;
  /** Episodes the article names by their titles ("the finale, titled 'Salt and Iron'"): never a show, never a person. */
  episodes?: ReadonlySet<string>;
  facts: Fact[];
  /** Every entity the rules placed, by normalised name. */
  entities: Map<string, Entity>;
}

/** US states, Canadian provinces and countries: the second half of "Duluth, Minnesota". */
export const REGIONS: ReadonlySet<string> = new Set([
  ..."Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming Ontario Quebec Manitoba Saskatchewan Alberta Newfoundland Scotland England Wales Ireland France Spain Italy Germany Portugal Canada Mexico Australia Iceland Norway Sweden Denmark".split(" "),
  ..."New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Rhode Island|South Carolina|South Dakota|West Virginia|British Columbia|Nova Scotia|New Brunswick|Northern Ireland|New Zealand".split("|"),
]);
/** Services and networks every reader knows, named without "the streamer" or "the network". */
const REAL_SERVICE_NAMES = /^(?:Netflix|Hulu|Peacock|Apple TV\+?|Paramount\+|Prime Video|Amazon|Max|HBO|BBC(?: One| Two| Three| Four)?|ITV|Channel 4|Channel 5|Sky(?: Atlantic| One)?|NOW|FX|AMC|Showtime|Starz|Disney\+|Hotstar|Canal\+|ZDF|ARD|RTÉ|NRK|SVT|DR|YLE|CBC|CBS|NBC|ABC|Fox|Stan|Crave|tvN|JTBC|SBS|KBS|MBC|Cartoon Network|Nickelodeon|PBS|S4C)$/;
const REVIEW_SITES = new Set(["Rotten Tomatoes", "Metacritic", "IMDb", "Letterboxd"]);
const TITLE_WORDS = /^(?:Sheriff|Inspector|Detective|Captain|Deputy|Officer|Agent|Chef|Mayor|Judge|Dr\.?|Doctor|Professor|Sergeant|Lieutenant|Chief|Father|Sister|Aunt|Uncle|Lady|Lord|King|Queen|Prince|Princess)\s+/;
const SHOW_NOUN = "(?:drama|comedy|series|western|thriller|show|sitcom|mystery|spinoff|spin-off|miniseries|procedural|saga|noir|anthology|docuseries|dramedy|telenovela|soap|satire|whodunit|serial|adaptation|romance|horror|fantasy|period piece)";

/** "Sheriff Adela Cruz" → "Adela Cruz"; a name as players would type it. */
export const withoutTitle = (name: string) => name.replace(TITLE_WORDS, "");
export const surname = (name: string) => withoutTitle(name).split(" ").at(-1)!;

interface Shaped {
  sentence: Sentence;
  shape: string;
}

function shapeOf(sentence: Sentence): Shaped {
  const marks = [
    // A quoted title's marks go with it; a comma or full stop inside them stays after it ("Tbilisi, Winter," → ⟨3⟩,).
    ...sentence.names.map((n, i) => ({ ...n, mark: `⟨${i}⟩${n.quoted ? (sentence.text.slice(n.end - 2, n.end - 1).match(/[,.]/)?.[0] ?? "") : ""}` })),
    ...sentence.dates.map((d, i) => ({ ...d, mark: `⟪${i}⟫` })),
  ].sort((a, b) => b.start - a.start);
  let shape = sentence.text;
  for (const m of marks) if (!marks.some((o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start)) shape = shape.slice(0, m.start) + m.mark + shape.slice(m.end);
  return { sentence, shape };
}

/** Words that name a company, a channel or a service, never a show. */
const ORGANISATION_WORDS = /\b(?:TV|Channel|Network|Media|Studios?|Pictures|Productions|Films|Broadcasting|Streaming|Docs|Television|Entertainment|Animation)\b|\+$/;
const all = (shape: string, pattern: RegExp) => [...shape.matchAll(new RegExp(pattern.source, pattern.unicode ? "giu" : "gi"))];
const N = "⟨(\\d+)⟩";

/**
 * A show named as someone's earlier work ("best known from the Nordic thriller
 * Fjellvakt", "who starred in Harbour Street", "her previous series, Canal
 * Street"), or a working title ("under the working title Low Water"): never
 * the show a paragraph goes on about. `before` is the shape up to the name.
 */
const PAST_CREDIT = /(?:\b(?:known|famous|remembered|recognisable|recognizable)\b[^.;]{0,40}\b(?:for|from|in|as)\b|\b(?:starred|appeared|worked|played|wrote|broke through|made (?:her|his|their) name) (?:in|on|for)\b|\b(?:previously|formerly|once)\b[^.;⟨]{0,40}|\b(?:previous|earlier|former|last|breakout|debut|first|hit|acclaimed) (?:[\p{L}-]+ ){0,2}(?:series|show|drama|comedy|thriller|soap|sitcom|film|hit)\b,?|\bthe soap\b|\bwriters['’] room of\b(?: the)?(?: [\p{L}-]+){0,2})(?:[^.;⟨]|⟨\d+⟩(?= [\p{Ll}]))*$/u;
const WORKING_TITLE = /\b(?:working title|formerly (?:known as|titled|called)|previously (?:known as|titled|called)|originally (?:titled|called))\s*$/i;
export const pastCredit = (shape: string, index: number): boolean => {
  const at = shape.indexOf(`⟨${index}⟩`);
  return at >= 0 && (PAST_CREDIT.test(shape.slice(0, at)) || WORKING_TITLE.test(shape.slice(0, at)));
};

/**
 * Finds the shows an article names (the names it calls a drama/series, renews,
 * cancels, releases, credits to a creator, or lists) and picks the title: the
 * show with most such mentions, a show in the headline counting double.
 */
/** A headline's verb that acts on a show: "CBC Renews Ferryland", "Netflix Orders Kaldera". */
const HEADLINE_ACTS = /^(?:Renews|Renewed|Orders|Ordered|Cancels|Cancelled|Canceled|Axes|Dates|Greenlights|Greenlit|Commissions|Commissioned|Acquires|Acquired|Unveils|Announces|Picks|Lands|Sets|Casts|Adds|Premieres|Releases|Drops)$/;
function headlineObject(words: readonly string[], verb: number, body: readonly Shaped[]): string | undefined {
  const named = new Set(body.flatMap((s) => s.sentence.names.map((n) => n.text)));
  for (let length = words.length - verb - 1; length > 0; length--)
    for (let from = verb + 1; from + length <= words.length; from++) {
      const stretch = words.slice(from, from + length).join(" ");
      if (named.has(stretch)) return stretch;
    }
  return undefined;
}
/** "Park Seo-yeon", "Lee Jae-hoon": a Korean family name before a hyphenated given name (compromise reads "Park" as a place). */
const FAMILY_NAME_FIRST = /^(?:Kim|Lee|Park|Choi|Jung|Jeong|Kang|Cho|Yoon|Jang|Lim|Han|Oh|Seo|Shin|Kwon|Hwang|Ahn|Song|Jeon|Hong|Ko|Moon|Yang|Son|Bae|Baek|Heo|Yoo|Nam|Noh|Ha|Ryu|Go) \p{Lu}\p{Ll}+-\p{Ll}+$/u;
const isPlaceOrOrg = (name: string) => nlp(name).has("(#Place|#Organization|#Person)");

function findShows(shaped: Shaped[], hint: string | undefined): { title: string | null; shows: Set<string>; episodes: Set<string> } {
  const votes = new Map<string, number>();
  const episodes = new Set<string>();
  const vote = (s: Shaped, index: string | undefined, weight = 1) => {
    const name = index === undefined ? undefined : s.sentence.names[Number(index)]?.text;
    // A service is never a show ("Apple TV+ renewed its other series").
    if (name && !REGIONS.has(name) && !REVIEW_SITES.has(name) && !REAL_SERVICE_NAMES.test(name) && !/\+$/.test(name)) votes.set(name, (votes.get(name) ?? 0) + weight);
  };
  for (const s of shaped) {
    // An apposition ("Kaldera, the crime drama that…"), never a fronted place before the sentence's subject ("Filmed in Whitstable, the series is…").
    for (const m of all(s.shape, new RegExp(`(?<!\\b(?:in|at|near|around|across) )${N},? (?:the|a|an|its|his|her|their) (?:(?:[\\w'’-]+,?|⟨\\d+⟩(?:-[\\w-]+)?) ){0,4}${SHOW_NOUN}\\b(?! (?:is|was|has|had|will|would|stars|follows|returns|premieres|opens|ends|began|begins|centres|centers)\\b)`))) vote(s, m[1], 2);
    for (const m of all(s.shape, new RegExp(`(?:renew(?:s|ed)?|releas(?:es|ed|e)|order(?:s|ed)?|cancel(?:s|led|ed)?|picked up|greenlights|greenlit|announced|announces|commissioned) ${N}`))) vote(s, m[1], 2);
    // "The Quiet Orchard is a slow, lovely family saga", "Ironbridge will be a ten-episode drama".
    for (const m of all(s.shape, new RegExp(`${N} (?:is|was|will be) (?:a|an|the) (?:[\\w'’,-]+ ){0,5}${SHOW_NOUN}\\b`))) vote(s, m[1], 2);
    // "the cast of Hanoi Nights", "the second season of Brightwater".
    for (const m of all(s.shape, new RegExp(`\\b(?:cast|season|seasons|episode|episodes|finale|premiere|pilot|creator|showrunner|stars?)(?: (?:one|two|three|four|five|six|\\d+))? of ${N}(?!['’]s)`))) vote(s, m[1]);
    // "Little Harbour has added two actors to its cast", "Hollow Point lost a third of its audience": a show's own cast, seasons and audience.
    for (const m of all(s.shape, new RegExp(`^${N}(?!['’]s)[^.;]{0,80}?\\bits (?:cast|first season|second season|third season|new season|final season|season|finale|premiere|audience|viewers|ratings|creator|showrunner|episodes)\\b`)))
      if (!ORGANISATION_WORDS.test(s.sentence.names[Number(m[1])]?.text ?? "")) vote(s, m[1]);
    for (const m of all(s.shape, new RegExp(`${N},? (?:has been |was |is )?(?:renewed|cancelled|canceled)\\b`))) vote(s, m[1], 2);
    // "the crime drama Saltmarsh", never "head of drama, Callum Whitlow".
    for (const m of all(s.shape, new RegExp(`(?<!\\bof )${SHOW_NOUN},? ${N}`))) vote(s, m[1]);
    // Never a place before the credit ("a food stall in Taipei, created by…").
    for (const m of all(s.shape, new RegExp(`${N},? (?:is|was) (?:set|filmed|shot|based|created|written)|(?<!\\b(?:in|at|near|around|across|of|from)(?: \\d{4})? )${N}, (?:made|produced|directed) by|(?<!\\b(?:in|at|near|around|across|of|from|service|streamer|network|channel|broadcaster)(?: \\d{4})? )${N},? (?:created|written) by`))) vote(s, m[1] ?? m[2] ?? m[3]);
    // "The Long Quiet's second season", "Hollowmere's creator": what a show has.
    for (const m of all(s.shape, new RegExp(`${N}['’]s? (?:(?:first|second|third|fourth|fifth|sixth|new|final|latest|last|debut|opening|previous|upcoming|next) )?(?:season|seasons|series finale|finale|premiere|pilot|cast|creator|showrunner|episodes?|renewal|cancellation)\\b`)))
      if (!ORGANISATION_WORDS.test(s.sentence.names[Number(m[1])]?.text ?? "")) vote(s, m[1]);
    // "The Crown Jewels of Lagos returns on Friday": what a show does, at the head of its sentence.
    for (const m of all(s.shape, new RegExp(`^${N} (?:returns|premieres|debuts|launches|arrives|opens|wraps|concludes|bows out|is renewed|is cancelled|has been renewed|has been cancelled)\\b(?! as\\b| to (?:the role|play|the cast)\\b)`)))
      if (!ORGANISATION_WORDS.test(s.sentence.names[Number(m[1])]?.text ?? "")) vote(s, m[1]);
    // "'Mistral,' which premieres on Canal Horizon", "'Kuura,' which means…": what a quoted title does, a show does.
    for (const m of all(s.shape, new RegExp(`${N},? (?:which|that) (?:premieres|premiered|returns|returned|follows|followed|stars|starred|opens|airs|aired|streams|debuts|debuted|means|is set|was set|is adapted|was adapted|was created|is created)\\b`)))
      if (s.sentence.names[Number(m[1])]?.quoted) vote(s, m[1], 2);
    // A listicle's items: "2. The Long Field (Meridian+, Saturday)".
    for (const m of all(s.shape, new RegExp(`^\\d+\\. ${N}`))) vote(s, m[1], 2);
  }
  if (hint) for (const name of votes.keys()) if (name.toLowerCase() === hint.toLowerCase()) votes.set(name, votes.get(name)! + 2);
  // The headline (a first paragraph without a full stop) names the article's main show.
  const first = shaped.filter((s) => s.sentence.paragraph === 1);
  if (first.length === 1 && !/[.!?]["”]?$/.test(first[0]!.sentence.text)) {
    // A headline's name the body names again is a candidate even without a vote ("Hanoi Nights adds five to its cast").
    const body = shaped.filter((s) => s.sentence.paragraph > 1);
    // Never the one that acts on a show ("Kinetic Docs orders 'Sixty-Four Squares'").
    const head = first[0]!;
    const acts = (i: number) => new RegExp(`⟨${i}⟩ (?:orders|renews|cancels|commissions|greenlights|acquires|announces|unveils|picks up|axes|drops)\\b`).test(head.shape) || ORGANISATION_WORDS.test(head.sentence.names[i]!.text);
    for (const [i, n] of head.sentence.names.entries())
      // A single word counts when the headline opens with it ("Saltmarsh, the Estuary Noir…, Sets Its Premiere").
      if (!votes.has(n.text) && !acts(i) && (n.text.includes(" ") || n.quoted || (n.start === 0 && !ORGANISATION_WORDS.test(n.text) && !isPlaceOrOrg(n.text))) && !REGIONS.has(n.text) && body.filter((s) => s.sentence.names.some((m) => m.text === n.text)).length >= 2) votes.set(n.text, 1);
    // A headline in title case reads as one run of capitals ("CBC Renews Ferryland"): the run after a verb that acts on a show is the show, when the body names it.
    for (const n of head.sentence.names) {
      const words = n.text.split(" ");
      const verb = words.findIndex((w, i) => i > 0 && i < words.length - 1 && HEADLINE_ACTS.test(w));
      if (verb < 0) continue;
      // "NBC Cancels Medical Drama Ironwood Heights After Two Seasons": the longest stretch after the verb that the body names.
      const object = headlineObject(words, verb, body);
      if (object && !votes.has(object) && !REGIONS.has(object)) votes.set(object, 2);
    }
    for (const n of first[0]!.sentence.names) if (votes.has(n.text)) votes.set(n.text, votes.get(n.text)! * 2 + 1);
    // …and it is the headline's show.
    for (const n of head.sentence.names) {
      const words = n.text.split(" ");
      const verb = words.findIndex((w, i) => i > 0 && i < words.length - 1 && HEADLINE_ACTS.test(w));
      const object = verb < 0 ? undefined : headlineObject(words, verb, body);
      if (object && votes.has(object)) votes.set(object, votes.get(object)! * 2 + 1);
    }
    // The headline's first show is the one it leads with ("'Mistral' and 'Breakwater' open a week apart").
    const lead = first[0]!.sentence.names.find((n) => votes.has(n.text));
    if (lead) votes.set(lead.text, votes.get(lead.text)! + 1);
  }
  // The lede (the first full sentence) names the article's subject first: its first show gets a little more weight.
  const lede = shaped.find((s) => /[.!?]["”]?$/.test(s.sentence.text));
  const ledeShow = lede?.sentence.names.find((n) => votes.has(n.text))?.text;
  if (ledeShow) votes.set(ledeShow, votes.get(ledeShow)! + 1);
  // Not a show: a name the article credits ("by Can Özdemir"), carries a show ("from Meridian+", "the streamer Harbourline"), or that compromise's tagger reads as a person.
  // One tagging per distinct sentence (a long article repeats itself), and only where a voted name needs it.
  const peopleIn = new Map<string, string>();
  const people = (text: string) => {
    if (!peopleIn.has(text)) peopleIn.set(text, (nlp(text).people().out("array") as string[]).join(" | "));
    return peopleIn.get(text)!;
  };
  /**
   * The tagger read the name's first word as a person's: a whole word of a person it found, never a word in
   * brackets after one ("Kari Dahl (Harbour Lights)" in a nominee list is a person and her show).
   */
  const taggedPerson = (text: string, name: string) => {
    const first = name.split(" ")[0]!;
    return people(text).split(" | ").some((p) => p.split(/\s+/).some((w) => !w.startsWith("(") && w.replace(/[.,;:!?)]+$/, "") === first));
  };
  const earlier = new Set<string>();
  for (const s of shaped)
    for (const [i, n] of s.sentence.names.entries()) {
      if (!votes.has(n.text)) continue;
      const before = s.shape.slice(0, s.shape.indexOf(`⟨${i}⟩`));
      // "Ellinor Stråhle's novel The Apple Year": a book, not the show.
      const book = /\b(?:novel|book|memoir|play|film|podcast|novella|comic)\s*$/i.test(before);
      // "said Marta Kwiatkowska." names a speaker; "Nordstrøm says Kaldera is…" reports what is said about the show.
      const after = s.shape.slice(s.shape.indexOf(`⟨${i}⟩`) + `⟨${i}⟩`.length);
      const reported = /\b(?:said|says|told)(?: the)?\s*$/i.test(before) && !/^[,.;]|^$|^ (?:of|who|at|in)\b/.test(after);
      const crediting =
        book ||
        (!reported && /(?:\b(?:created|written|directed|produced|hosted|developed|adapted|chaired|led|played|voiced|founded|run|owned) by|\b(?:from|on|said|says|told))(?: the)?(?: (?:streaming service|streamer|network|channel|broadcaster|comedian|actor|actress|director|writer|novelist|author|producer|creator|showrunner))?\s*$/i.test(before));
      const person = !crediting && n.text.split(" ").length > 1 && taggedPerson(s.sentence.text, n.text);
      if (crediting || person) votes.set(n.text, votes.get(n.text)! - 3);
      // A working title is not the show's name; someone's earlier show is not what the article is about.
      if (WORKING_TITLE.test(before)) votes.set(n.text, -99);
      else if (PAST_CREDIT.test(before)) {
        // Still a show (its facts are its own, and it is never offered as a person), never the article's title for that.
        if (votes.get(n.text)! > 0) earlier.add(n.text);
        votes.set(n.text, votes.get(n.text)! - 2);
      }
    }
  // What owns a show is no show: "Kestrel One's crime drama Low Tide" (the network), "HBO's Low Tide".
  // An episode's title is no show: "The final episode, titled "Salt and Iron"", "the finale, 'Salt and Iron',".
  for (const s of shaped) {
    for (const m of all(s.shape, new RegExp(`${N}['’]s? ((?:[\\w-]+ ){0,3}${SHOW_NOUN}s? )?⟨(\\d+)⟩`))) {
      const owner = s.sentence.names[Number(m[1])]?.text;
      const owned = s.sentence.names[Number(m[3])]?.text;
      const carrier = REAL_SERVICE_NAMES.test(owner ?? "") || ORGANISATION_WORDS.test(owner ?? "") || (m[2] !== undefined && !/\b(?:spin-?off|sequel|prequel|adaptation)\b/.test(m[2]));
      if (owner && owned && (votes.get(owned) ?? 0) > 0 && owner !== owned && carrier) votes.set(owner, -99);
    }
    // Where a show is set or filmed is no show: "set in the port city of Marnesby", "filmed in Larne", "Marnesby, a fishing town".
    for (const m of all(s.shape, new RegExp(`\\b(?:(?:set|filmed|shot|located|born|raised|grew up|lives|lived) in(?: the (?:[a-z-]+ ){0,2}(?:town|city|village|port|island|county|region|valley) of)?|(?:town|city|village|port|island|county|region|valley) of) ${N}|${N}, (?:an?|the) (?:[a-z-]+ ){0,2}(?:town|city|village|port|island|county|region|valley)\\b`)))
      for (const i of [m[1], m[2]]) {
        const place = i === undefined ? undefined : s.sentence.names[Number(i)]?.text;
        if (place && votes.has(place) && place.toLowerCase() !== hint?.toLowerCase()) votes.set(place, -99);
      }
    for (const m of all(s.shape, new RegExp(`\\b(?:episode|finale|pilot|chapter|instalment|installment)(?:\\b[^.;]{0,80}?,? (?:titled|called|named|entitled))?,? ${N}`)))
      if (s.sentence.names[Number(m[1])]?.quoted || /titled|called|named/.test(m[0])) {
        const episode = s.sentence.names[Number(m[1])]!.text;
        episodes.add(episode);
        if (votes.has(episode)) votes.set(episode, -99);
      }
  }
  for (const [name, v] of votes) if (v <= 0 && name.toLowerCase() !== hint?.toLowerCase()) votes.delete(name);
  const mentions = new Map<string, number>();
  for (const s of shaped) for (const n of s.sentence.names) mentions.set(n.text, (mentions.get(n.text) ?? 0) + 1);
  const ranked = [...votes.entries()].map(([name, v]) => [name, v + 0.5 * (mentions.get(name) ?? 0)] as const).sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0) {
    // No rule named a show: a title the article quotes, or a name of its headline, that it names again and that is no person, place or company.
    const headline = shaped[0]?.sentence.paragraph === 1 && !/[.!?]["”]?$/.test(shaped[0].sentence.text) ? shaped[0].sentence : null;
    const fallback = shaped
      .flatMap((s) => s.sentence.names.filter((n) => n.quoted || headline?.names.some((h) => h.text === n.text)).map((n) => ({ n, s })))
      .filter(({ n, s }) => (mentions.get(n.text) ?? 0) >= 2 && !REGIONS.has(n.text) && !REVIEW_SITES.has(n.text) && !ORGANISATION_WORDS.test(n.text) && !nlp(n.text).has("(#Place|#Organization)") && !taggedPerson(s.sentence.text, n.text))
      .map(({ n }) => n.text)
      .sort((a, b) => (mentions.get(b) ?? 0) - (mentions.get(a) ?? 0))[0];
    if (fallback) return { title: fallback, shows: new Set([fallback]), episodes };
  }
  return { title: ranked[0]?.[0] ?? null, shows: new Set([...votes.keys(), ...[...earlier].filter((n) => votes.get(n) !== -99)]), episodes };
}

type DateEvent = "premiere" | "renewal" | "end" | "other";
const EVENT_VERBS: Array<{ event: DateEvent; pattern: RegExp }> = [
  { event: "renewal", pattern: /\b(renew(?:ed|s)?|order(?:ed|s)?|picked up|picks up)\b/ },
  { event: "end", pattern: /\b(ends?|ended|conclud(?:es|ed)|wraps?|wrapped|finish(?:es|ed)|finale)\b/ },
  { event: "premiere", pattern: /\b(premier(?:es|ed|e)|debut(?:s|ed)?|opens|opened|released|returns|returned|launch(?:es|ed)|arrives|arrived|begins|began|starts|started|streams|stream(?!ing)(?! service)|streaming(?! service| app| platform| giant| rights)|airs|lands|drops)\b/ },
];
const VERB_BASE: Record<string, string> = { premieres: "premiere", premiered: "premiere", premiere: "premiere", debuts: "debut", debuted: "debut", debut: "debut", opens: "open", opened: "open", returns: "return", returned: "return", launches: "launch", launched: "launch", arrives: "arrive", arrived: "arrive", released: "released", begins: "begin", began: "begin", starts: "start", started: "start", ends: "end", ended: "end", end: "end", concludes: "conclude", concluded: "conclude", finishes: "finish", finished: "finish", wraps: "wrap", wrapped: "wrap", wrap: "wrap", finale: "end", streams: "start streaming", stream: "start streaming", streaming: "start streaming", airs: "air", lands: "arrive", drops: "arrive" };

/** Words of a list of nominees or winners, where "Name (Title)" pairs a person with a show, not a part with its actor. */
const NOMINATIONS = /\b(?:nominat\w*|nominees?|shortlist\w*|longlist\w*|contenders?|finalists?|in the running|up for|categor(?:y|ies)|winners?|[Bb]est (?:actor|actress|director|drama|comedy|series|writing|screenplay|supporting|lead|ensemble|score|music|documentary|limited))\b/;

export function extractFacts(article: Article, hint?: string): Reading {
  const shaped = article.sentences.map(shapeOf);
  const paragraphText = new Map<number, string>();
  for (const s of article.sentences) paragraphText.set(s.paragraph, `${paragraphText.get(s.paragraph) ?? ""} ${s.text}`);
  const nominees = (sentence: Sentence) => NOMINATIONS.test(paragraphText.get(sentence.paragraph) ?? sentence.text);
  const { title, shows, episodes } = findShows(shaped, hint);
  const allNames = article.sentences.flatMap((s) => s.names.map((n) => n.text));
  // "Reddy" stands for "Colm Reddy" when the article names him in full.
  const fullNames = new Map<string, string>();
  for (const name of allNames) {
    const words = withoutTitle(name).split(" ");
    // A headline's run of capitals ("Estuary Noir From Inés de la Cruz") gives way to a name of four words or fewer.
    const known = fullNames.get(words.at(-1)!);
    if (words.length > 1 && name !== title && (!known || (known.split(" ").length > 4 && words.length <= 4))) fullNames.set(words.at(-1)!, name);
  }
  // "Jung" for "Jung Ha-eun", "Mateo" for "Mateo Arrizabalaga": a first word only one full name starts with.
  const firstWords = new Map<string, string | null>();
  for (const name of allNames) {
    const words = withoutTitle(name).split(" ");
    if (words.length < 2 || shows.has(name) || words[0]!.length < 2) continue;
    const known = firstWords.get(words[0]!);
    firstWords.set(words[0]!, known === undefined || known === name ? name : null);
  }
  const resolve = (raw: string, kind: EntityKind = "person"): string => {
    if (raw === title || shows.has(raw)) return raw;
    // A Q&A's label in capitals ("SRIVASTAVA:") is the name as written elsewhere.
    const name = /^\p{Lu}{3,}$/u.test(raw) ? raw.charAt(0) + raw.slice(1).toLowerCase() : raw;
    // A first word stands for a person's full name only ("Mlok" the character is not "Mlok Goes Upstream").
    // "De la Cruz", "Ter Horst" opening a sentence: the family name with its particles, of the full name that ends with it.
    const particled = kind === "person" && /^\p{Lu}\p{Ll}{0,2} /u.test(name) ? allNames.filter((n) => n.length > name.length && n.split(" ").length <= 5 && n.toLowerCase().endsWith(` ${name.toLowerCase()}`)).sort((a, b) => a.length - b.length)[0] : undefined;
    const full = particled ?? fullNames.get(name) ?? (name.includes(" ") || kind !== "person" ? undefined : firstWords.get(name));
    return full && isPersonName(full) ? full : full && fullNames.has(name) ? full : raw;
  };

  const entities = new Map<string, Entity>();
  const entity = (kind: EntityKind, raw: string, region?: string): Entity => {
    const name = resolve(raw, kind);
    const known = entities.get(name);
    if (known && (known.kind === kind || kind === "person")) return known;
    const made: Entity = { kind, name, ...(region ? { region } : {}) };
    if (!known || known.kind === "person") entities.set(name, made);
    return made;
  };
  const facts: Fact[] = [];
  let lastPerson: Entity | null = null;
  let subject: Entity | null = null;
  // The speaker of the last quotation, for one that follows on its own.
  const quoted: { last: { paragraph: number; person: Entity } | null; answer?: { paragraph: number; person: Entity } } = { last: null };
  // A person's name: two words or more (or a surname the article gives in full), not an organisation, and not what compromise's model tags a place or an organisation.
  const personNames = new Map<string, boolean>();
  const isPersonName = (n: string) => {
    if (!personNames.has(n)) personNames.set(n, looksLikePerson(n));
    return personNames.get(n)!;
  };
  // "the fourth Vistula Series Days festival": a name the article writes after "the" or before an institution's noun is not a person's.
  const texts = article.sentences.map((s) => s.text);
  const institution = (n: string) => {
    const escaped = n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return texts.some((t) => new RegExp(`\\b(?:the|its)(?: (?!(?:actor|actress|newcomer|director|writer|screenwriter|filmmaker|playwright|journalist|reporter|cinematographer|editor|designer|choreographer|musician|rapper|poet|artist|dancer|model|athlete|climber|narrator|creator|showrunner|star|producer|composer|novelist|author|presenter|host|comedian|singer|critic|reviewer|veteran|chef|executive|head|co-founder|founder|spokesperson|spokeswoman|spokesman)\\b)[a-z0-9]+)? ${escaped}\\b|${escaped} (?:festival|awards?|ceremony|gala|network|channel|company|studios?|prize|jury|conference|market|series|drama|show)\\b`).test(t));
  };
  const looksLikePerson = (n: string) =>
    !institution(n) && n.includes(" ") && !/\b(?:Awards?|Festival|Academy|Pictures|Productions|Films?|Studios?|Media|Network|TV|Channel|Times|Post|Journal|Daily|One|Group|Entertainment)\b/.test(n) && !ORGANISATION_WORDS.test(n) && (!nlp(n).has("(#Place|#Organization)") || FAMILY_NAME_FIRST.test(n));

  let paragraphShow: { paragraph: number; show: string } | null = null;
  let lastService: Entity | null = null;
  // An article about several shows in parts ("MISTRAL", "2. The Ninth Floor (Corvid+, Tuesdays)"): a part's heading names its show.
  let section: string | null = null;
  const perParagraph = new Map<number, number>();
  for (const s of article.sentences) perParagraph.set(s.paragraph, (perParagraph.get(s.paragraph) ?? 0) + 1);
  const showList = [...shows].sort((a, b) => b.length - a.length);
  let previousParagraph = 0;
  for (const { sentence, shape } of shaped) {
    if (sentence.paragraph !== previousParagraph) {
      previousParagraph = sentence.paragraph;
      const heading = perParagraph.get(sentence.paragraph) === 1 && !/[.!]["”]?$/.test(sentence.text) && sentence.text.split(" ").length <= 10;
      const item = /^\d{1,2}\.\s/.test(sentence.text);
      const lower = ` ${sentence.text.toLowerCase().replace(/[^\p{L}\p{N}'’&+ -]/gu, " ")} `;
      const named = showList.filter((t) => lower.includes(` ${t.toLowerCase()} `));
      // The headline is no part's heading; a heading names one show, an item the one it lists first.
      const first = named.map((t) => ({ t, at: lower.indexOf(` ${t.toLowerCase()} `) })).sort((a, b) => a.at - b.at)[0]?.t;
      if (sentence.paragraph > 1 && ((heading && named.length === 1) || (item && first))) section = (item ? first : named[0]) ?? null;
      else if (heading && !/\p{Ll}/u.test(sentence.text) && sentence.paragraph > 1) section = null;
    }
    // The show this sentence is about: the last one named in its paragraph so far, else its part's, else the title.
    // The sentence's subject when it opens with a show ("Night Ward, created by…, … behind the game show Double Down": "its" next is Night Ward's), else the last show it names.
    // Someone's earlier show ("best known from the thriller Fjellvakt") is not what the sentence goes on about.
    const current = (n: { text: string }, i: number) => shows.has(n.text) && !pastCredit(shape, i);
    const opens = sentence.names.find((n, i) => n.start === 0 && current(n, i))?.text;
    const namedHere = opens ?? sentence.names.filter(current).at(-1)?.text;
    if (namedHere) paragraphShow = { paragraph: sentence.paragraph, show: namedHere };
    const show = paragraphShow?.paragraph === sentence.paragraph ? paragraphShow.show : (section ?? title);
    const name = (index: string | undefined) => (index === undefined ? undefined : sentence.names[Number(index)]?.text);
    const person = (index: string | undefined) => {
      const n = name(index);
      return n && !shows.has(n) && !REGIONS.has(n) ? entity("person", n) : undefined;
    };
    // Only a name that looks like a person's is made one (a guess must not turn "Caravel" into a person for later rules).
    const likelyPerson = (index: string | undefined) => {
      const n = name(index);
      return n && isPersonName(resolve(n)) ? person(index) : undefined;
    };
    const place = (index: string | undefined) => {
      const n = name(index);
      if (!n || shows.has(n)) return undefined;
      // "Port Galen, Maine": the region after the comma travels with the place.
      const after = shape.slice(shape.indexOf(`⟨${index}⟩`) + `⟨${index}⟩`.length).match(/^, ⟨(\d+)⟩/);
      const region = name(after?.[1]);
      return entity("place", n, region && REGIONS.has(region) && !REGIONS.has(n) ? region : undefined);
    };
    // A sentence that names two shows ("Marrow, the thriller created by Owain Jenkins, and The Ferrymen, from writer Amira Khalil"):
    // each fact belongs to the show named last before it.
    const named = sentence.names.filter(current);
    const twoShows = new Set(named.map((n) => n.text)).size > 1;
    const anchorOf = (fact: Fact): number | undefined => {
      const entityName = "people" in fact ? fact.people[0]?.name : "actor" in fact ? fact.actor.name : "place" in fact ? fact.place.name : "service" in fact ? fact.service.name : "work" in fact ? fact.work.name : "company" in fact ? fact.company.name : "winner" in fact ? fact.winner.name : undefined;
      if (entityName !== undefined) return sentence.names.find((n) => n.text === entityName || resolve(n.text) === entityName)?.start;
      if ("number" in fact) return fact.number.start;
      if ("date" in fact) return fact.date.start;
      return undefined;
    };
    // Someone's earlier show the sentence names ("whose first series, the political drama Folketinget, aired on DR"): what follows it is its own.
    const earlierShows = sentence.names.filter((n, i) => shows.has(n.text) && pastCredit(shape, i));
    const push = (fact: Fact) => {
      const anchor = earlierShows.length > 0 ? anchorOf(fact) : undefined;
      const past = anchor === undefined ? undefined : [...named, ...earlierShows].filter((n) => n.start < anchor).sort((a, b) => a.start - b.start).at(-1);
      if (past && earlierShows.includes(past)) {
        facts.push({ ...fact, show: past.text });
        return;
      }
      const at = twoShows ? anchorOf(fact) : undefined;
      const before = at === undefined ? undefined : named.filter((n) => n.start < at).at(-1)?.text;
      // A show's own award is its own; otherwise the show named before the fact.
      const own = fact.relation === "award" && fact.isShow ? fact.winner.name : undefined;
      facts.push({ ...fact, show: own ?? before ?? show });
    };

    // When the story is set: "set in a Lyon hotel in 1911", "set during the great quarry strike of 1900", "set in 2291 aboard a ship"
    // (never "set to begin production in March 2027", "set a record in 2023").
    const era = sentence.text.match(/\bset (?:(?:in|on|at|aboard|among|inside|around) [^.;:]{0,60}? )?(?:in|during|of)(?: the)?(?: [\p{L}'’-]+){0,4}? ((?:1[0-9]|2[0-9])\d{2})\b(?![-–/]\d)(?!s\b)(?! \p{Lu})/u);
    if (era && !/\bset (?:to|for)\b/.test(era[0]) && !/\b(?:January|February|March|April|May|June|July|August|September|October|November|December)$/.test(sentence.text.slice(0, era.index! + era[0].length - 4).trim()))
      push({ relation: "era", sentence, strength: 0.6, year: Number(era[1]) });

    // Who plays whom.
    // The role before the character's name: "the mine captain", "her former partner,", "the keeper's brother,", "Thư's teenage niece,".
    // "his daughter and reluctant accountant,", "a Scotland Yard liaison,": "and" between role words, a name inside the role before a lowercase word.
    const ROLE = `(?: (?:the|his|her|their|its|a|an))?((?: (?:(?!(?:in|at|from|on|of|for|with|to|by|or|who|which|that)\\b|and\\b(?! [a-z]))[a-z'’-]+|⟨\\d+⟩['’]s|⟨\\d+⟩(?= [a-z])),?){0,4})`;
    const CHARACTER = `${N}(?!['’]s)`;
    const plays = [
      // "Newcomer Gonçalo Vidigal, 19, plays their nephew Duarte"; "Chiamaka Eze is the new cook, Martha Glass".
      ...all(shape, new RegExp(`${N} (?:is|will be) the((?: (?!(?:in|at|from|on|of|for|with|to|by|and|or|who|which|that)\\b)[a-z'’-]+){1,3}), ${CHARACTER}`)).map((m) => ({ actor: m[1], descriptor: m[2], character: m[3] })),
      ...all(shape, new RegExp(`${N}(?:, \\d{1,3},)?,? (?:who )?(?:also |now |[a-z]+ years )?(?:plays|played(?! by)|portrays|portrayed(?! by)|will play|is playing|stars as|starred as|co-stars as|co-starred as|playing|appears as|has been cast as|is cast as|joins as|rounds out the cast as|was cast as)${ROLE}(?: (?:Dr|Prof)\\.)? ${CHARACTER}`)).map((m) => ({ actor: m[1], descriptor: m[2], character: m[3] })),
      // "Jago Pascoe as the mine captain Ezra Tregarthen", "Nguyễn Thị Lan will lead the series as Captain Trần Minh Thư", "Liv Ullsten-Moe, magnificent as Margit".
      ...all(shape, new RegExp(`${N}(?:,? [^⟨⟩⟪⟫.;:"“”()]{1,60}?)? as${ROLE}(?: (?:Dr|Prof)\\.)? ${CHARACTER}`)).map((m) => ({ actor: m[1], descriptor: m[2], character: m[3] })),
      ...all(shape, new RegExp(`${N},? \\(?(?:is |was |will be |to be )?(?:played|portrayed) by(?: (?:the )?[a-z-]+(?: [a-z-]+)?)? ${N}`)).map((m) => ({ actor: m[2], descriptor: "", character: m[1] })),
      // An actor, a lowercase apposition that may name a film or a place, then the part: "Icelandic actress Sigrún Hallsdóttir, who won… for the film Kaldur, will play Dagny Wirtanen",
      // "Liang Wenjie, best known… for the thriller series Night Tram, has been cast as Tang Shaoyu", "Ishaan Chaturvedi, a star of Hindi cinema…, as Arjun Mehra" (never a list: "A, B and C, who plays").
      ...all(shape, new RegExp(`${N}, (?=who |whose |best |known |an? |the |\\p{Ll})(?:(?! and ⟨)[^⟨⟩⟪⟫;:"“”()]|⟨\\d+⟩){1,140}?, (?:will play|plays|is playing|has been cast as|is cast as|was cast as|stars as|will star as|joins as|as)${ROLE}(?: (?:Dr|Prof)\\.)? ${CHARACTER}`, "u")).map((m) => ({ actor: m[1], descriptor: m[2], character: m[3] })),
      // "Kommissarin Merle Ohlsen, a harbour police detective played by Leyla Aydın-Krause".
      ...all(shape, new RegExp(`${N}, (?:an?|the|her|his|their) (?:[a-z-]+ ){1,4}(?:played|portrayed) by ${N}`)).map((m) => ({ actor: m[2], descriptor: "", character: m[1] })),
      // A review's shorthand: "her brother Edmund (Aurelio Bassani)"; never a list of nominees, "Kari Dahl (Harbour Lights)" being a person and her show.
      ...(nominees(sentence) ? [] : all(shape, new RegExp(`${N} \\(${N}\\)`)).map((m) => ({ actor: m[2], descriptor: "", character: m[1] }))),
    ];
    for (const p of plays) {
      // Never a title ("best known for the film 'River of Paper Lanterns,' will play…": the person the sentence opens with), nor a country in brackets ("Paloma Ferreira (Brazil)").
      const quotedActor = sentence.names[Number(p.actor)]?.quoted;
      const opener = sentence.names[0]?.start === 0 || /^[^⟨]{0,40}⟨0⟩/.test(shape) ? "0" : undefined;
      const actor = quotedActor ? (opener !== undefined && !sentence.names[0]!.quoted ? likelyPerson(opener) : undefined) : person(p.actor);
      const bare = name(p.character);
      if (!actor || !bare || shows.has(bare)) continue;
      if (/\)$/.test(p.descriptor ?? "") || (shape.includes(`(⟨${p.actor}⟩)`) && !isPersonName(actor.name))) continue;
      // "the Ashworth family as their Yorkshire mill burns down": a name before a noun is an adjective, no character.
      const following = sentence.text.slice(sentence.names[Number(p.character)]!.end).match(/^ ([a-z]+)\b/)?.[1];
      if (following && nlp(following).has("#Noun") && !nlp(following).has("(#Verb|#Preposition|#Conjunction|#Pronoun|#Determiner|#Adverb)")) continue;
      // "serving as an executive producer alongside Tavakoli" is a job beside a person, not a part.
      if (/\b(?:alongside|with|beside)\b|^\s*(?:an?|the) (?:executive |co-)?(?:producer|director|writer|consultant|showrunner|host|narrator|editor|creator|composer)\b/.test(p.descriptor ?? "")) continue;
      // "as Dr. Emil Kranz": the title the article gives the character stays with the name.
      const at = sentence.names[Number(p.character)]!.start;
      const title = sentence.text.slice(Math.max(0, at - 6), at).match(/\b(Dr|Prof)\.\s$/)?.[0];
      const characterName = title ? `${title}${bare}` : bare;
      const descriptor = p.descriptor?.replace(/,/g, "").replace(/⟨(\d+)⟩/g, (_, i: string) => name(i) ?? "").trim() || null;
      push({ relation: "plays", sentence, strength: 0.92, actor, character: entity("character", characterName), descriptor });
      lastPerson = actor;
    }
    // "Best actor went to Callum Urquhart for the comedy Croft Life, in which he plays the farmer Dougie MacLeod".
    for (const m of all(shape, new RegExp(`${N} for(?: the)?(?: [\\w'’-]+){0,3}? ${N}, in which (?:he|she|they) (?:plays|played|stars as|starred as)${ROLE} ${CHARACTER}`))) {
      const actor = person(m[1]);
      const work = name(m[2]);
      const character = name(m[4]);
      if (actor && work && shows.has(work) && character && !shows.has(character))
        facts.push({ relation: "plays", sentence, strength: 0.85, actor, character: entity("character", character), descriptor: m[3]?.replace(/,/g, "").trim() || null, show: work });
    }
    // A Q&A's question: "Q: Mateo, you play the smuggler Iñaki Zubiri." (the first name stands for the full name the article gives).
    for (const m of all(shape, new RegExp(`^(?:Q|⟨\\d+⟩): ${N}, you (?:play|played|are playing)${ROLE} ${CHARACTER}`))) {
      const first = name(m[1]);
      const full = first ? allNames.find((n) => n.startsWith(`${first} `) && n.split(" ").length > 1) : undefined;
      const character = name(m[3]);
      if (full && character && !shows.has(character)) push({ relation: "plays", sentence, strength: 0.8, actor: entity("person", full), character: entity("character", character), descriptor: m[2]?.replace(/,/g, "").trim() || null });
    }
    // "She plays Renée Ballard": the person last named stands for the pronoun.
    for (const m of all(shape, new RegExp(`(?:^|, )(?:She|He|They) (?:plays|played|portrays|stars as)(?: (?:the|a|an))?((?: [a-z-]+,?){0,2}) ${N}`))) {
      const characterName = name(m[2]);
      if (lastPerson && characterName && !shows.has(characterName))
        push({ relation: "plays", sentence, strength: 0.75, actor: lastPerson, character: entity("character", characterName), descriptor: m[1]?.replace(/,/g, "").trim() || null });
    }
    // An animation's cast: "Ayu Lestari Wibowo voices Bulan", "Eyang Sri, is voiced by the veteran actress Sri Rahayu Prawirodirdjo", "The voice of Mlok … is the comedian Tom Ashdown".
    const voiced = [
      ...all(shape, new RegExp(`${N},? (?:who )?(?:voices|voiced(?! by)|will voice|is voicing|lends (?:his|her|their) voice to)${ROLE} ${CHARACTER}`)).map((m) => ({ actor: m[1], descriptor: m[2], character: m[3] })),
      ...all(shape, new RegExp(`${N},? (?:is |was |will be )?voiced by(?: the)?(?: [a-z-]+){0,3} ${N}`)).map((m) => ({ actor: m[2], descriptor: "", character: m[1] })),
      // "The voice of Mlok in the English version is the comedian Tom Ashdown; in the Czech version it is the actress Klára Novotná."
      ...all(shape, new RegExp(`\\b[Tt]he voice of ${N}(?: in the (\\p{Lu}\\p{Ll}+|[a-z]+) version)? (?:is|was|will be)(?: the)?(?: [\\p{Ll}-]+){0,3} ${N}(?:; in the (\\p{Lu}\\p{Ll}+) version (?:it is|it's|is)(?: the)?(?: [\\p{Ll}-]+){0,3} ${N})?`, "u")).flatMap((m) => [
        { actor: m[3], descriptor: "", character: m[1], version: m[2] },
        ...(m[5] !== undefined ? [{ actor: m[5], descriptor: "", character: m[1], version: m[4] }] : []),
      ]),
    ];
    for (const v of voiced) {
      const actor = likelyPerson(v.actor);
      const bare = name(v.character);
      if (!actor || !bare || shows.has(bare) || isPersonName(bare) && bare === actor.name) continue;
      const descriptor = v.descriptor?.replace(/,/g, "").replace(/⟨(\d+)⟩/g, (_, i: string) => name(i) ?? "").trim() || null;
      const language = (v as { version?: string }).version;
      const version = language && /^\p{Lu}/u.test(language) ? { version: language } : {};
      push({ relation: "plays", sentence, strength: 0.86, actor, character: entity("character", bare), descriptor, voice: true, ...version });
    }
    for (const m of all(shape, new RegExp(`(?:led by|starring|stars) ${N}`))) lastPerson = person(m[1]) ?? lastPerson;
    // "the show, which stars Ilse van Dijk,", "starring Kwame Asante-Bello as…" without a character named: who stars in it.
    for (const m of all(shape, new RegExp(`(?:which|that|who) (?:stars|starred|starring) ${N}(?! as[^⟨.;]{0,40}⟨)|\\bstarring ${N}(?! as[^⟨.;]{0,40}⟨)`))) {
      const p = likelyPerson(m[1] ?? m[2]);
      if (p) push({ relation: "stars", sentence, strength: 0.72, people: [p] });
    }

    // Who made it.
    // "created by the Brazilian writer Tatiana Albuquerque-Reis": a nationality is not a name.
    // "Created by New Zealand writer Aroha Ngata-Wilson", "created by the Northern Irish novelist and screenwriter Conor McIlwaine-Adeyemi": never the nationality.
    const ROLE_AFTER = `(?! (?:[a-z-]+ ){0,2}(?:writer|novelist|director|screenwriter|playwright|showrunner|journalist|actor|actress|comedian|filmmaker|producer|author|creator|poet|artist)\\b)`;
    for (const m of all(shape, new RegExp(`(?:created|devised|co-created)(?: and (?:written|directed|produced|showrun))? by(?: the)?(?: (?:[^\\s⟨⟩]+|⟨\\d+⟩(?= [a-z]))){0,5}? ${N}${ROLE_AFTER}(?: and ${N})?`))) {
      const people = [person(m[1]), person(m[2])].filter((p): p is Entity => p !== undefined);
      if (people.length > 0) push({ relation: "created", sentence, strength: 0.9, people });
    }
    // "Bakare-Lund is the creator and showrunner of Silk and Steel".
    for (const m of all(shape, new RegExp(`${N},? (?:is|was|has been|, the) (?:the )?(?:co-)?creator(?: and (?:showrunner|head writer|writer|director|executive producer))? of ${N}`))) {
      const p = likelyPerson(m[1]);
      const made = name(m[2]);
      if (p && made && shows.has(made)) facts.push({ relation: "created", sentence, strength: 0.86, people: [p], show: made });
    }
    // "Production company Rough Tickle Films, based in St. John's,".
    for (const m of all(shape, new RegExp(`\\b[Pp]roduction (?:company|house),? ${N}`))) {
      const n = name(m[1]);
      if (n && !shows.has(n) && !REGIONS.has(n) && !isPersonName(n)) push({ relation: "company", sentence, strength: 0.82, company: entity("company", n) });
    }
    // "creator Demelza Trewin", "Its creator and showrunner, Ngozi Adeyemi-Clarke,".
    for (const m of all(shape, new RegExp(`(?<!festival |casting |co-)(?:creator|showrunner)(?: and (?:creator|showrunner|writer|director|head writer))?,? ${N}`))) {
      const p = person(m[1]);
      if (p) push({ relation: "created", sentence, strength: 0.8, people: [p] });
    }
    for (const m of all(shape, new RegExp(`${N}(?:, [^,⟨]*,)?,? (?:who )?(?:is|serves as|remains|will serve as)(?: also)?(?: involved as)?(?: an?| its| the)? executive producer(?:, alongside ${N})?`))) {
      const people = [person(m[1]), person(m[2])].filter((p): p is Entity => p !== undefined);
      if (people.length > 0) push({ relation: "produces", sentence, strength: 0.85, people });
    }
    // Never "the Norwegian producer Solveig Haugland" who chairs a jury: a bare or executive producer.
    // "executive produced by A, B and C": each of the list.
    for (const m of all(shape, new RegExp(`(?:executive produced by|(?<!\\b(?:the|a|an) (?:[^\\s⟨⟩]+ )?)producer) ${N}((?:, ⟨\\d+⟩)*,? and ⟨\\d+⟩)?`))) {
      const listed = m[0].startsWith("executive produced by") ? [...(m[2] ?? "").matchAll(/⟨(\d+)⟩/g)].map((x) => person(x[1])) : [];
      const people = [person(m[1]), ...listed].filter((p): p is Entity => p !== undefined);
      if (people.length > 0) push({ relation: "produces", sentence, strength: 0.8, people });
    }
    for (const m of all(shape, new RegExp(`(?:(?:novels?|books?|works?) (?:of|by)(?: (?:the )?(?:author|novelist|writer))? ${N}|${N},? who (?:wrote|based it on) (?:the|his|her|their own|his own|her own) (?:novels?|books?))`))) {
      const p = person(m[1] ?? m[2]);
      if (p) push({ relation: "wrote", sentence, strength: 0.87, people: [p] });
    }

    // "The Ferrymen, a Tyneside period piece from writer Amira Khalil"; "best director (Fiona MacLeod)".
    for (const m of all(shape, new RegExp(`\\b(?:from|by) (?:the )?(?:[a-z-]+ )?(writer|creator|showrunner|director) ${N}|\\bbest (director|writer|screenplay) \\(${N}\\)`))) {
      const p = person(m[2] ?? m[4]);
      const role = (m[1] ?? m[3])!;
      // The name before the credit is what is credited: a show the article names, else nothing sure.
      // ("a Tyneside period piece from writer…": a place may stand between.)
      const before = [...shape.slice(0, m.index).matchAll(/⟨(\d+)⟩/g)].map((x) => name(x[1])!).slice(-2);
      if (m[2] !== undefined && before.length > 0 && !before.some((n) => shows.has(n))) continue;
      if (p) push({ relation: role === "director" ? "directs" : role === "creator" || role === "showrunner" ? "created" : "writes", sentence, strength: 0.76, people: [p] });
    }
    // "But director Sunniva Ekre frames…", "the score by composer Kaito Morishima": a bare role before a name (not "the Romanian director" of a jury, nor a festival's).
    for (const m of all(shape, new RegExp(`(?:^|[,;] |\\b(?:but|and|while|with) )(?:[Dd]irector|[Cc]omposer|[Ss]creenwriter|[Hh]ead writer) ${N}|(?:score|music|soundtrack) (?:is )?by(?: the)?(?:(?: (?:[A-Za-z'’-]+|⟨\\d+⟩)){0,3}? composer)? ${N}`))) {
      const p = person(m[1] ?? m[2]);
      if (p) push({ relation: /[Dd]irector/.test(m[0]) ? "directs" : /writer/.test(m[0]) ? "writes" : "composes", sentence, strength: 0.76, people: [p] });
    }
    // "Pedro Assunção Lobo directed the first four episodes", "The Korean director Choi Yoon-ah will direct the first three episodes".
    for (const m of all(shape, new RegExp(`${N} (?:directed|directs|will direct|is directing|is set to direct)(?: the| all| every)?(?: [a-z-]+){0,3}? episodes?\\b`))) {
      const p = likelyPerson(m[1]);
      if (p) push({ relation: "directs", sentence, strength: 0.8, people: [p] });
    }
    // Who directs, writes, hosts it; which company makes it.
    for (const m of all(shape, new RegExp(`\\b(directed|written|hosted)(?: and (?:created|directed|written))? by(?: the)?(?: [a-z-]+){0,2} ${N}(?: and ${N})?`))) {
      const people = [person(m[2]), person(m[3])].filter((p): p is Entity => p !== undefined && !/\b(?:Pictures|Productions|Films|Studios|Works|Media)\b/.test(p.name));
      const relation = ({ directed: "directs", written: "writes", hosted: "hosts" } as const)[m[1]!.toLowerCase() as "directed" | "written" | "hosted"];
      if (people.length > 0) push({ relation, sentence, strength: 0.82, people });
    }
    for (const m of all(shape, new RegExp(`\\b(?:produced by|production company is|for|from|by) ${N}`))) {
      const n = name(m[1]);
      if (n && /\b(?:Pictures|Productions|Films?|Studios?|Works|Media|Entertainment|Film)$/.test(n) && (/produc/.test(m[0]) || /produc|executive/i.test(sentence.text))) push({ relation: "company", sentence, strength: 0.82, company: entity("company", n) });
    }
    // "produced by the Lisbon company Maré Alta Filmes", "made by her Toronto company, Blindfold Films", "a co-production with the Bangkok studio Chao Phraya Pictures".
    for (const m of all(shape, new RegExp(`\\b(?:produced|made|animated|developed|co-produced) by (?:the |her |his |their |its )?(?:(?:[\\p{L}'’-]+|⟨\\d+⟩) ){0,2}?(?:production company|company|studio|outfit|production house|house),? ${N}|\\bco-production with the (?:(?:[\\p{L}'’-]+|⟨\\d+⟩) ){0,2}?(?:company|studio) ${N}|\\b[Tt]he production company is ${N}|${N}, which (?:makes|produces|made|produced) the (?:show|series|drama|comedy)`, "u"))) {
      const n = name(m[1] ?? m[2] ?? m[3] ?? m[4]);
      if (n && !shows.has(n) && !REGIONS.has(n) && !isPersonName(n)) push({ relation: "company", sentence, strength: 0.82, company: entity("company", n) });
    }
    for (const m of all(shape, new RegExp(`[Ee]xecutive producers? (?:are|is|include|will be) ${N}((?:, ⟨\\d+⟩)*)(?:,? and ${N})?`))) {
      const more = [...(m[2] ?? "").matchAll(/⟨(\d+)⟩/g)].map((x) => x[1]);
      const people = [m[1], ...more, m[3]].map((i) => person(i)).filter((p): p is Entity => p !== undefined);
      if (people.length > 0) push({ relation: "produces", sentence, strength: 0.85, people });
    }
    // The source: "based on the bestselling novel The Furnace Daughters by…", "adapted from Ellinor Stråhle's novel The Apple Year".
    for (const m of all(shape, new RegExp(`(?:based on|adapted from|adaptation of|inspired by)(?: the| a| an)?(?: [a-z-]+){0,2}? (?:⟨(\\d+)⟩['’]s )?(?:[a-z0-9-]+ )?(novel|book|memoir|novella|graphic novel|play|comic|podcast|short story),? ${N}`))) {
      const work = name(m[3]);
      if (work && !shows.has(work)) push({ relation: "source", sentence, strength: 0.84, work: entity("work", work), kind: m[2]!.toLowerCase() });
      const author = person(m[1]);
      if (author) push({ relation: "wrote", sentence, strength: 0.85, people: [author] });
    }
    for (const m of all(shape, new RegExp(`(?:novel|book) ⟨\\d+⟩ by(?: the)?(?: [a-z-]+){0,2} ${N}`))) {
      const p = person(m[1]);
      if (p) push({ relation: "wrote", sentence, strength: 0.87, people: [p] });
    }
    // Awards: "X won best actor", "the best actress award to X", "Best comedy went to X", "X won the Golden Beacon for best series".
    const award = (winnerIndex: string | undefined, what: string) => {
      const n = name(winnerIndex);
      if (!n) return;
      const isShow = shows.has(n);
      // A winner who is not a show is a person by name ("Kakheti" of "the wine country of Kakheti" is not).
      const winner = isShow ? { kind: "show" as const, name: n } : likelyPerson(winnerIndex);
      if (winner) push({ relation: "award", sentence, strength: 0.84, winner, award: what.trim(), isShow });
    };
    for (const m of all(shape, new RegExp(`${N},? (?:also )?(?:won|wins|took|takes|received|receives)(?: the)? (best [a-z ]+?)(?: award)?(?= for| at|,|\\.|$)`))) award(m[1], m[2]!);
    // Prizes the article capitalises: "Ari Jökull Sveinsson also won Best Actor", "The Best Actress award went to Nino Beridze",
    // "The prize for Best Screenplay went to Jakub Mroczek", "The Audience Award, voted by…, went to another Polish series, the comedy 'Everything Must Go'",
    // "gave a Special Mention to the Kenyan series 'Matatu'".
    const prizeName = (i: string | undefined) => {
      const p = name(i);
      return p && !shows.has(p) && /^(?:Best |Grand Prix|Special Mention|Audience Award|Jury Prize|Golden |Silver |Crystal )|\b(?:Award|Prize|Mention)$/.test(p) ? p : undefined;
    };
    const prizeTitle = (p: string) => (/^Best /.test(p) ? p.toLowerCase() : /^The /.test(p) ? `the ${p.slice(4)}` : `the ${p}`);
    for (const m of all(shape, new RegExp(`${N},? (?:also )?(?:won|wins|took|takes|received|receives|was awarded)(?: the)? ⟨(\\d+)⟩`))) {
      const p = prizeName(m[2]);
      if (p) award(m[1], prizeTitle(p));
    }
    for (const m of all(shape, new RegExp(`(?:[Tt]he (?:(?:award|prize) for )?)?⟨(\\d+)⟩(?: (?:award|prize))?(?:, [^⟨⟩]*?,)? (?:went|goes|was given|is given|was awarded) to (?:(?:the |a |an |another )?(?:[\\p{L}'’-]+ ){0,3}?(?:series|drama|comedy|thriller|show|documentary|docuseries|miniseries)?,? )?(?:the (?:[\\p{L}'’-]+ ){0,3}?)?${N}`, "u"))) {
      const p = prizeName(m[1]);
      if (p) award(m[2], prizeTitle(p));
    }
    for (const m of all(shape, new RegExp(`(?:gave|gives|awarded)(?: its| the| a)? ⟨(\\d+)⟩ to(?: the(?: [^\\s⟨⟩]+){0,3}?)? ${N}`))) {
      const p = prizeName(m[1]);
      if (p) award(m[2], prizeTitle(p));
    }
    // "Its star, Mette Kjærgaard, who plays…, was named best actress".
    for (const m of all(shape, new RegExp(`${N}(?:,? (?:who|whose) [^.;]*?,)? (?:was|is|has been|were) (?:named|crowned|voted) (best [a-z ]+?)(?= for| at|,|\\.|$)`))) award(m[1], m[2]!);
    for (const m of all(shape, new RegExp(`(?:gave|gives|give|went|goes|and|awarded)(?: the)? (best [a-z ]+?) (?:award|prize) to ${N}`))) award(m[2], m[1]!);
    // "The audience award, voted by…, went to the Finnish comedy Sauna Society", "the best screenplay prize went to…".
    for (const m of all(shape, new RegExp(`(?:[Tt]he )?([Bb]est [a-z ]+?|[a-z]+ (?:award|prize))(?: (?:award|prize))?(?:, [^⟨]+?,)? (?:went|goes|was given|is given) to(?: the(?: (?:[^\\s⟨⟩]+|⟨\\d+⟩)){0,3}?)?(?: [A-Z][\\w-]*['’]s)? ${N}(?= for| at| in|[,.;)]|$)`))) award(m[2], m[1]!.toLowerCase());
    // "with the Grand Prix going to Kraty", "The Golden Beacon went to…".
    // "the top prize, the Golden Tram, going to the Korean thriller Salt Winter"; "Best Actress went to X…, and Best Actor to Y".
    for (const m of all(shape, new RegExp(`(?:[Tt]he )?⟨(\\d+)⟩,? (?:went |goes |going |was given |was awarded )?to(?: the(?: [^\\s⟨⟩]+){0,3}?)? ${N}`))) {
      const prize = name(m[1]);
      const told = /\b(?:went|goes|going|given|awarded)\b/.test(m[0]) || /^Best /.test(prize ?? "");
      const prized = /\b(?:Prix|Prize|Award|Trophy|Medal|Globe|Lantern|Bear|Lion|Palm|Beacon|Star|Cup)\b|^(?:Golden|Silver|Bronze|Crystal|Grand) /.test(prize ?? "") || /\b(?:top|main|grand|jury) prize, ⟨/.test(shape);
      if (prize && told && !shows.has(prize) && /^Best /.test(prize)) award(m[2], prize.toLowerCase());
      else if (prize && told && !shows.has(prize) && prized) award(m[2], `the ${prize}`);
    }
    // "also gave its special mention to the French comedy Les Voisins".
    for (const m of all(shape, new RegExp(`(?:gave|gives|awarded)(?: its| the| a)? (special mention|[a-z]+ (?:award|prize)) to(?: the(?: [^\\s⟨⟩]+){0,3}?)? ${N}`))) award(m[2], m[1]!.toLowerCase());
    for (const m of all(shape, new RegExp(`${N} (?:won|wins|took|takes)(?: the)? ⟨(\\d+)⟩`))) {
      const prize = name(m[2]);
      if (prize && !shows.has(prize)) award(m[1], /^Best /.test(prize) ? prize.toLowerCase() : `the ${prize}`);
    }
    for (const m of all(shape, new RegExp(`jury(?:, | is | was | will be )?(?:chaired|led|headed|presided over) by(?: the)?(?: (?:[a-z-]+|⟨\\d+⟩)){0,3} ${N}|jury president is(?: the)?(?: (?:[a-z-]+|⟨\\d+⟩)){0,3} ${N}`))) {
      const p = person(m[1] ?? m[2]);
      if (p) push({ relation: "jury", sentence, strength: 0.82, person: p });
    }

    // Jobs: "cinematographer Lucía Ferraz", "the cinematographer, Haruki Matsumoto,", "The head writer is the British screenwriter Hattie Blackwood",
    // "according to production designer Nurul Aisyah binti Hamzah", "narrated by the Irish actor Niamh Ní Fhlannagáin", "who will also serve as showrunner".
    const JOB = "production designer|cinematographer|director of photography|stunt coordinator|head writer|supervising director|costume designer|casting director|choreographer|narrator";
    for (const m of all(shape, new RegExp(`(?:^|[,;:] |\\b(?:and|but|while|by|to|the|its|according to) )(${JOB}),? (?:is |was |will be )?(?:the )?(?:(?:[\\p{L}-]+|⟨\\d+⟩)(?<!\\b(?:of|for|on|in|at|and)) ){0,3}?${N}(?!['’]s? (?!team|crew))|\\bnarrated by (?:the )?(?:[\\p{L}-]+ ){0,3}?${N}()|${N},? who (?:will )?(?:also )?serves? as (?:the )?(showrunner|${JOB})\\b`, "iu"))) {
      const p = likelyPerson(m[2] ?? m[3] ?? m[5]);
      const role = (m[1] ?? (m[4] !== undefined ? "narrator" : m[6]))!.toLowerCase();
      if (p && !shows.has(p.name)) push({ relation: "role", sentence, strength: 0.8, person: p, role, org: null });
    }
    // "Polar Channel's head of drama, Outi Lindqvist", "said Sindre Bjørnstad-Aune, Lumo's chief content officer".
    const POST = "head of [a-z]+(?: [a-z]+)?|chief [a-z]+ officer|director of [a-z]+|controller of [a-z]+|general delegate|managing director|chief executive";
    for (const m of all(shape, new RegExp(`${N}['’]s (${POST}),? ${N}|${N}, ${N}['’]s (${POST})\\b`))) {
      const org = name(m[1] ?? m[5]);
      const p = likelyPerson(m[3] ?? m[4]);
      if (org && p && !shows.has(org) && !isPersonName(org)) facts.push({ relation: "role", sentence, strength: 0.78, person: p, role: (m[2] ?? m[6])!, org, show });
    }

    // Where a festival or a ceremony is: "…Series Festival in Lille", "the 11th annual ceremony in Manchester", a festival report's dateline ("GDAŃSK, 18 October 2026 — 'Thaw' took the Grand Prix…").
    // ("The ceremony will be held in Bergen": up to three words between.)
    for (const m of all(shape, new RegExp(`\\b(ceremony|gala) (?:[a-z]+ ){0,3}in ${N}|${N} in ${N}`))) {
      const festival = m[3] !== undefined ? name(m[3]) : undefined;
      if (m[1] === undefined && (festival === undefined || !/(?:Festival|Fest|Series Days)$/.test(festival))) continue;
      const p = place(m[1] !== undefined ? m[2] : m[4]);
      // A city, never a region or a country ("North America", "Portugal").
      if (p && !isPersonName(p.name) && !REGIONS.has(p.name) && !/^(?:North|South|East|West|Central|Northern|Southern|Eastern|Western) /.test(p.name) && !nlp(p.name).has("#Country")) push({ relation: "venue", sentence, strength: 0.8, place: p, what: m[1] !== undefined ? "ceremony" : "festival", future: /\bwill\b/.test(sentence.text) });
    }
    const dateline = sentence.paragraph <= 2 ? sentence.text.match(/^(\p{Lu}{3,}(?: \p{Lu}{3,})?),/u)?.[1] : undefined;
    if (dateline && /\bfestival\b/i.test(sentence.text) && /\b(?:won|wins|took|takes)\b/.test(sentence.text))
      push({ relation: "venue", sentence, strength: 0.78, place: entity("place", dateline.charAt(0) + dateline.slice(1).toLowerCase().replace(/ (\p{L})/gu, (_m, c: string) => ` ${c.toUpperCase()}`)), what: "festival", future: false });

    // Where.
    for (const m of all(shape, new RegExp(`(?:filmed|shot|filming took place|filming|shooting)(?: over (?:\\w+[ -]){1,2}(?:days|weeks|months))?(?: (?:scenes|on|location|entirely|largely|mostly|partly|mainly|primarily|the|series|show|season|episodes|pilot|first|new))* (?:in|at|around|near|outside|on location in) (?:the )?(?:locations like |places like )?${N}(?: in ${N})?`))) {
      const p = place(m[2] ?? m[1]);
      if (p) push({ relation: "filmed", sentence, strength: 0.88, place: p, fictional: false });
    }
    for (const m of all(shape, new RegExp(`(?:(?:is|was|are) set|^set|, set|takes place|unfolds) (?:in|on)(?: the)?((?: (?:[a-z]+|⟨\\d+⟩|1\\d{3}|20\\d{2})){0,4}?)(?: (?:town|city|village|island|county|port) of)? ${N}`))) {
      const p = place(m[2]);
      if (p) push({ relation: "set", sentence, strength: REGIONS.has(p.name) ? 0.6 : 0.85, place: p, fictional: /fictional/.test(m[1] ?? "") });
    }
    // "shot on the Azores island of Flores", "set during a by-election in Aberystwyth", "set among the ferry crews of 1950s Istanbul".
    for (const m of all(shape, new RegExp(`\\b(filmed|shot|set)(?: (?:on|in|during|among|over) [^⟨⟩;.]{0,50}?)? (?:island|town|city|village|port) of ${N}|\\b(set) (?:during|among|against|amid) [^⟨⟩;.,]{0,50}? (?:in|of) (?:1\\d{3}s? |20\\d{2}s? )?${N}(?=[,.;]|$| in\\b| during\\b)`))) {
      const p = place(m[2] ?? m[4]);
      const filmed = /^(?:filmed|shot)$/i.test(m[1] ?? "");
      if (p && !isPersonName(p.name)) push({ relation: filmed ? "filmed" : "set", sentence, strength: 0.8, place: p, fictional: false });
    }
    // "Filming began on Monday in Hanoi", "Production begins in January in Shropshire", "the shoot moved to Lyon".
    for (const m of all(shape, new RegExp(`^(?:[A-Z][a-z]+ )?(?:[Ff]ilming|[Ss]hooting|[Pp]roduction|[Tt]he shoot|[Pp]rincipal photography)(?: [a-z]+){1,4}(?: ⟪\\d+⟫)? (?:in|at|on location in) ${N}`))) {
      const p = place(m[1]);
      if (p && !isPersonName(p.name)) push({ relation: "filmed", sentence, strength: 0.8, place: p, fictional: false });
    }
    for (const m of all(shape, new RegExp(`((?:[a-z]+ ){0,2})(?:town|city|village|island|port|county) of ${N}`))) {
      // "shot on the Azores island of Flores" is where it was filmed, not where it is set.
      if (/\b(?:filmed|shot|filming|shooting|production|location)\b[^.;]*$/i.test(shape.slice(0, m.index ?? 0))) continue;
      const p = place(m[2]);
      if (p) push({ relation: "set", sentence, strength: 0.82, place: p, fictional: /fictional/.test(m[1] ?? "") });
    }

    // Which service: "from (the network) Vesta", "a drama from Meridian+", "opens on Lumen TV", "on the Halcyon network".
    const carried = /\b(?:premier\w*|opens|returns|streams?|streaming|airs?|aired|airing|debut\w*|arriv\w*|lands?|launch\w*|available|drops?|shown|broadcast|coming)(?: (?:at once|a premiere date|date|in full|weekly|exclusively|only|first|back))? (?:on|to)(?: the)?(?: streaming service| streamer| network| channel| broadcaster)? ⟨/i.test(shape);
    // "ordered by the streaming service Lotus Screen", "commissioned by Kingsgate".
    for (const m of all(shape, new RegExp(`\\b(ordered|commissioned|renewed|cancell?ed|picked up|greenlit|released|acquired) by (?:the )?(?:[a-z-]+ )?(?:streaming service |streamer |network |broadcaster |channel )?${N}`))) {
      const n = name(m[2]);
      // "by the streaming service Lotus Screen" says what it is; a bare "by X" must not look like a person's name.
      const said = /(?:streaming service|streamer|network|broadcaster|channel) ⟨\d+⟩$/.test(m[0]);
      if (n && !shows.has(n) && !REGIONS.has(n) && entities.get(resolve(n))?.kind !== "person" && (said || !isPersonName(n)))
        push({ relation: "service", sentence, strength: 0.8, service: entity("service", n), verb: m[1]!.toLowerCase().replace("canceled", "cancelled").replace("acquired", "carries") });
    }
    for (const m of all(shape, new RegExp(`\\b(from|on) (?:the )?(?:streaming service |streamer |network |channel )?${N}( network| channel)?(?! (?:network|streamer|broadcaster|channel|streaming|drama|series|thriller|comedy)\\b)`))) {
      const n = name(m[2]);
      const from = m[1]!.toLowerCase() === "from" && /\b(?:drama|comedy|series|western|thriller|show|mystery|streaming service|streamer|network|channel) from\b/i.test(shape);
      const on = m[1]!.toLowerCase() === "on" && (carried || m[3] !== undefined);
      const taken = n === undefined || shows.has(n) || REVIEW_SITES.has(n) || REGIONS.has(n) || entities.get(resolve(n))?.kind === "person";
      if (!taken && (from || on)) push({ relation: "service", sentence, strength: 0.8, service: entity("service", n), verb: "carries" });
    }
    for (const m of all(
      shape,
      // A press release's dateline first: "LONDON, 3 February 2026 — Arden Streaming today announced…".
      new RegExp(`^(?:[^—]{0,60}— )?(?:The )?(?:streaming service |streamer |network |broadcaster |channel )?${N} (?:has |have |today )?(released|renewed|ordered|premiered|launched|picked up|cancelled|canceled|announced|greenlit|greenlights|set) (?:${N}|the|its|a|an)`),
    )) {
      const n = name(m[1]);
      const verb = ({ canceled: "cancelled", greenlights: "greenlit", set: "carries" } as Record<string, string>)[m[2]!.toLowerCase()] ?? m[2]!.toLowerCase();
      // What it renewed (or cancelled) is the show named right after the verb, not the last one the sentence names.
      const object = shape.slice((m.index ?? 0) + m[0].length - 4).match(/⟨(\d+)⟩/g)?.map((x) => name(x.slice(1, -1))).find((x) => x !== undefined && shows.has(x));
      if (n && !shows.has(n) && !REGIONS.has(n) && entities.get(resolve(n))?.kind !== "person")
        facts.push({ relation: "service", sentence, strength: 0.82, service: entity("service", n), verb, show: object ?? show });
    }
    // "from the broadcaster S4 Cymru and the streamer Harbourline", "on the French network Canal Neuf".
    const aboutShow = carried || sentence.names.some((n) => shows.has(n.text)) || /\b(?:drama|comedy|series|thriller|show|season|episodes?|docuseries|miniseries)\b|\b(?:made|produced|commissioned) for the\b/i.test(shape);
    // "for the streaming service Mavi", "to the streamer Lumen", "on the children's channel Kiddo TV", "on the rival service Gannet".
    for (const m of all(shape, new RegExp(`\\b(?:from|on|for|and|to|at) the (?:(?:⟨\\d+⟩|[\\p{Ll}'’-]+) ){0,2}?(?:streaming service|streamer|network|broadcaster|channel|service|platform) ${N}`, "u"))) {
      const n = name(m[1]);
      if (!aboutShow) continue;
      if (n && !shows.has(n) && !REGIONS.has(n) && entities.get(resolve(n))?.kind !== "person") push({ relation: "service", sentence, strength: 0.8, service: entity("service", n), verb: "carries" });
    }
    // "that streaming service Nordstrøm commissioned", "Luzon+, the streaming service that premiered the first season".
    for (const m of all(shape, new RegExp(`(?:streaming service|streamer|network|broadcaster|channel) ${N} (?:has |had )?(commissioned|ordered|renewed|picked up|greenlit|acquired)\\b|${N}, the (?:streaming service|streamer|network|broadcaster|channel) (?:that|which|where)\\b`))) {
      const n = name(m[1] ?? m[3]);
      if (n && !shows.has(n) && !REGIONS.has(n) && !isPersonName(n))
        push({ relation: "service", sentence, strength: 0.8, service: entity("service", n), verb: m[2] ? m[2].toLowerCase().replace("acquired", "carries") : "carries" });
    }
    // "The network renewed its hospital drama Night Ward…, and on Thursday it cancelled…": the network the article last named.
    if (lastService)
      for (const m of all(shape, new RegExp(`\\b(?:[Tt]he (?:network|streamer|broadcaster|channel|service)|it) (?:has |have )?(renewed|cancell?ed|ordered|picked up|greenlit)(?: (?:its|the|a|an))?(?: [\\w'’-]+){0,3}? ${N}`))) {
        const target = name(m[2]);
        if (target && shows.has(target)) facts.push({ relation: "service", sentence, strength: 0.8, service: lastService, verb: m[1]!.toLowerCase().replace("canceled", "cancelled"), show: target });
      }
    const mentioned = shape.match(new RegExp(`\\bthe (?:streaming service|streamer|network|broadcaster|channel) ${N}`))?.[1];
    const servedHere = facts.filter((f) => f.sentence === sentence && f.relation === "service").at(-1);
    if (servedHere?.relation === "service") lastService = servedHere.service;
    else if (mentioned !== undefined && name(mentioned) && !shows.has(name(mentioned)!) && !isPersonName(name(mentioned)!)) lastService = entity("service", name(mentioned)!);
    // "Silk and Steel, the Prime Video legal drama", "Stan's new eight-part outback western", "Apple TV+'s Cold War drama Meridian House":
    // a service's possessive, or a known service's name, before the kind of show the sentence names.
    for (const m of all(shape, new RegExp(`(?:\\b[Tt]he ${N}|${N}['’]s) (?:(?:[\\w-]+|⟨\\d+⟩) ){0,4}?${SHOW_NOUN}\\b(?: ${N})?`))) {
      const n = name(m[1] ?? m[2]);
      const named = name(m[3]);
      const about = named && shows.has(named) ? named : show;
      const known = n !== undefined && (REAL_SERVICE_NAMES.test(n) || ORGANISATION_WORDS.test(n) || entities.get(n)?.kind === "service");
      if (!n || shows.has(n) || REGIONS.has(n) || REVIEW_SITES.has(n) || isPersonName(resolve(n)) || entities.get(resolve(n))?.kind === "person") continue;
      if (m[1] !== undefined && !known) continue;
      // "Berlin's series market": a place's possessive is no service.
      // A name of two or three words ("Kestrel One's crime drama Low Tide") where the article speaks of a network or a channel.
      const carrierWords = /^(?:\p{Lu}[\p{L}\p{N}+-]*)(?: \p{Lu}[\p{L}\p{N}+-]*){1,2}$/u.test(n) && about === named && texts.some((t) => /\b(?:the|its) (?:network|channel|streamer|broadcaster)\b/i.test(t));
      if (m[2] !== undefined && !known && (!(/^\p{Lu}[\p{L}+]*$/u.test(n) || carrierWords) || nlp(n).has("#Place"))) continue;
      if (about) facts.push({ relation: "service", sentence, strength: 0.74, service: entity("service", n), verb: "carries", show: about });
    }
    // A listicle's item: "2. The Long Field (Meridian+, Saturday)": the service in brackets after the show.
    for (const m of all(shape, new RegExp(`^\\d+\\. ${N} \\(${N}[,)]`))) {
      const listed = name(m[1]);
      const n = name(m[2]);
      if (listed && shows.has(listed) && n && !shows.has(n) && !REGIONS.has(n) && !isPersonName(n)) facts.push({ relation: "service", sentence, strength: 0.78, service: entity("service", n), verb: "carries", show: listed });
    }
    // A listicle's or review's logline: "Sports drama about a women's rugby team in Limerick."
    for (const m of all(shape, new RegExp(`^(?:An? |The )?(?:[\\w'’-]+ ){0,3}${SHOW_NOUN} (?:about|following|set among) [^⟨⟩;]{0,60}? (?:in|on) ${N}(?=[,.]|$)`))) {
      const p = place(m[1]);
      if (p && !isPersonName(p.name)) push({ relation: "set", sentence, strength: 0.72, place: p, fictional: false });
    }
    // "The six-part series… follows a coast guard officer on Jeju Island": where the story is.
    for (const m of all(shape, new RegExp(`^(?:⟨\\d+⟩|(?:The (?:[\\w-]+ )?(?:series|show|drama|season)|It)\\b)[^;]*?\\b(?:follows|is about|centres on|centers on)\\b [^⟨;]{0,60}?\\b(?:on|in) ${N}(?=[,.]|$)`))) {
      const opener = shape.match(/^⟨(\d+)⟩/)?.[1];
      if (opener !== undefined && !shows.has(name(opener)!)) continue;
      const p = place(m[1]);
      if (p && !isPersonName(p.name)) push({ relation: "set", sentence, strength: 0.7, place: p, fictional: false });
    }
    // "Lucía Etxeberria created La Frontera".
    for (const m of all(shape, new RegExp(`^${N} (?:created|co-created|devised) ${N}`))) {
      const p = person(m[1]);
      const made = name(m[2]);
      if (p && made && shows.has(made)) facts.push({ relation: "created", sentence, strength: 0.85, people: [p], show: made });
    }

    // When.
    sentence.dates.forEach((date, i) => {
      const clause = shape.split(/[;]|, (?=and |but )/).find((c) => c.includes(`⟪${i}⟫`)) ?? shape;
      const found = EVENT_VERBS.map((e) => ({ event: e.event, verb: clause.match(e.pattern)?.[1] })).find((e) => e.verb);
      // Without a show, the name the sentence opens with ("The Harbor Lights Film Festival opens…") is what happens then.
      const opener = shape.match(/^⟨(\d+)⟩ (?:\w+ )?(?:opens|premieres|debuts|returns|launches|ends|closes|begins|starts|arrives)\b/)?.[1];
      const about = show ?? (opener !== undefined ? sentence.names[Number(opener)]!.text : "the series");
      const season = clause.match(/\b((?:(?:first|second|third|fourth|fifth|final|last|new|\w+-part) )?season)\b/)?.[1];
      // A renewal is asked as "When was X renewed for a second season?".
      const renewedFor = found?.event === "renewal" ? clause.match(/(?:for|ordered) a ((?:second|third|fourth|fifth|sixth|final|new) season)/)?.[1] : undefined;
      const subject = found?.event === "renewal" ? `${about} renewed${renewedFor ? ` for a ${renewedFor}` : ""}` : season ? `the ${season} of ${about}` : about;
      const verb = found?.verb?.toLowerCase() ?? "";
      const strength = renewedFor ? 0.9 : found ? 0.85 : 0.4;
      // "The finale of Copper Coast airs on the 30th of November" → "When does the finale of Copper Coast air?"
      // "Its season finale on May 20, 2025 drew 7.4 million viewers": the verb may follow the date.
      const finale = found?.event !== "renewal" && clause.match(/\b((?:season |series )?finale)\b(?:(?:[^⟪]*?|\s+on ⟪\d+⟫\s+)\b(airs|aired|will air|is|was|streams|streamed|screens|screened|broadcasts|drew))?/);
      if (finale && finale[2] && show) {
        push({ relation: "when", sentence, strength: 0.85, event: "end", date, subject: `the ${finale[1]} of ${about}`, past: /ed$|^(?:was|drew)$/.test(finale[2]), verb: "air" });
        return;
      }
      push({ relation: "when", sentence, strength, event: found?.event ?? "other", date, subject, past: /ed$|^debut$/.test(verb), verb: VERB_BASE[verb] ?? verb });
    });

    // Scores and counts.
    // The site or outlet named in the number's own clause ("The Daily Ledger gave…, and … on Rotten Tomatoes").
    const siteIn = (number?: NumberMention) => {
      const clause = number ? (shape.split(/, and |; /).find((c) => c.includes(number.text)) ?? shape) : shape;
      const m = clause.match(new RegExp(`(?:[Oo]n|review site|site|critics at) ${N}`)) ?? clause.match(new RegExp(`${N} gave`));
      const n = name(m?.[1]);
      // "61% on ReviewHub": a percentage score is given on a review site, named or not in our list.
      return n && (REVIEW_SITES.has(n) || /site|gave/.test(m![0]) || (number?.unit === "%" && /^[Oo]n /.test(m![0]) && !shows.has(n))) ? entity("site", n) : null;
    };
    for (const number of sentence.numbers) {
      // "and two stars here": the review's own stars.
      const scored = number.unit === "%" || number.unit === "points" || number.unit.startsWith("out of") || (number.unit === "stars" && /out of|^ stars (?:here|from (?:me|us))\b/.test(sentence.text.slice(number.end, number.end + 20)));
      if (scored) {
        const of = number.unit === "stars" ? sentence.text.slice(number.end).match(/^ stars (out of \w+)/)?.[1] ?? null : number.unit.startsWith("out of") ? number.unit : null;
        push({ relation: "score", sentence, strength: 0.82, number, site: siteIn(number), of });
      } else push({ relation: "count", sentence, strength: /^(?:episodes|viewers|reviews|critics|days|weeks|seasons|households|countries|films|minutes|hours|months|nominations|awards|tonnes|years)$/.test(number.unit) ? 0.8 : 0.6, number });
    }
    // A chart position: "placed the show at No. 3 in the week's chart", "was No. 3 on Solace's global chart".
    const rank = sentence.text.match(/\bNo\.\s?(\d{1,3})\b/);
    const chart = sentence.text.match(/\b(?:in|on|at) ((?:the |\p{Lu}[\p{L}+]*['’]s )?(?:[\p{L}'’-]+ ){0,3}?(?:chart|charts|ranking|rankings|top ten|top 10|list))\b/u)?.[1];
    if (rank && chart && show) {
      const value = Number(rank[1]);
      const start = (rank.index ?? 0) + rank[0].length - rank[1]!.length;
      // The show placed is the one named before the position ("Copper Coast climbs to No. 3 as Nightjar slips…").
      const placed = sentence.names.filter((n) => shows.has(n.text) && n.start < start).at(-1)?.text ?? (sentence.names.some((n) => shows.has(n.text)) ? null : show);
      if (placed) facts.push({ relation: "rank", sentence, strength: 0.78, number: { text: rank[1]!, value, unit: "position", start, end: start + rank[1]!.length }, chart, show: placed });
    }
    if (/\bperfect score|top score|\b100% score/.test(sentence.text) && sentence.numbers.every((n) => n.unit !== "%")) {
      const site = siteIn();
      if (site) push({ relation: "site", sentence, strength: 0.8, site, what: "a perfect score" });
    }

    // Who said it.
    // The speaker is the person the sentence names as speaking, never an organisation before "'s" ("said Arden's head of drama, Marcus Eberhardt").
    // A quotation of four words or more, never a title in quotation marks ("pre-sold 'Bintang & Bulan'").
    const quote = [...sentence.text.matchAll(/["“]([^"”]{12,160})["”]/g)].find((m) => !sentence.names.some((n) => n.quoted && n.start === m.index) && m[1]!.trim().split(/\s+/).length >= 4) ?? null;
    const speaker = shape.match(
      new RegExp(
        `${N}(?: of(?: the)? ⟨\\d+⟩)?(?:, (?:who|whose|a|an|the|its|his|her) [^"“]*?,)?,? (?:said|says|added|told|recalled|explained|called|wrote|writes)|(?:said|says|added)(?: the)?(?: ⟨\\d+⟩['’]s)?(?: [a-z][a-z -]*)?,? ${N}(?!['’]s)`,
      ),
    );
    let spoke: Entity | null = null;
    if (quote && speaker) {
      const p = person(speaker[1] ?? speaker[2]);
      if (p) push({ relation: "said", sentence, strength: 0.7, person: p, quote: quote[1]!.trim() });
      spoke = p ?? null;
    } else if (quote && subject) {
      // '"I check the tide tables first," she told us': the pronoun is the person the text was last about.
      const byPronoun = /["”],? (?:she|he|they) (?:said|says|added|told|recalled|explained|laughed|admitted|insisted)\b|["”],? (?:said|says|added) (?:she|he)\b/.test(sentence.text);
      // A quotation standing alone right after a quoted speaker's sentence continues the same speaker.
      const continued: boolean = /^["“]/.test(sentence.text) && !/\b(?:said|says|told|added)\b/.test(sentence.text.replace(/["“][^"”]*["”]/g, "")) && quoted.last?.paragraph === sentence.paragraph;
      // A character never speaks to a reporter: "she says" after a paragraph about a part is the person the article is about, unknown here.
      const speaking = continued ? quoted.last!.person : subject;
      if ((byPronoun || continued) && entities.get(speaking.name)?.kind !== "character") {
        push({ relation: "said", sentence, strength: byPronoun ? 0.66 : 0.62, person: continued ? quoted.last!.person : subject, quote: quote[1]!.trim() });
        spoke = continued ? quoted.last!.person : subject;
      }
    }
    if (spoke) quoted.last = { paragraph: sentence.paragraph, person: spoke };
    else if (quote) quoted.last = null;
    // Who the next pronoun stands for: the person a sentence opens with, or its speaker.
    const opener = shape.match(new RegExp(`^(?:[^⟨⟩"“]{0,40}?)${N}(?!['’]s)`));
    const opening = opener && /^(?:(?:[A-Z][a-z]+ )?(?:and [a-z]+ )?[a-z ]{0,30},? )?⟨/.test(shape.slice(0, (opener.index ?? 0) + opener[0].length - opener[1]!.length - 1) + "⟨") ? likelyPerson(opener[1]) : undefined;
    // "Kraty was created by Agnieszka Zawadzka-Nowak, who accepted the prize": the person a relative clause is about.
    const relative = opening ? undefined : likelyPerson(shape.match(new RegExp(`${N}, who `))?.[1]);
    if (spoke) subject = spoke;
    else if (opening ?? relative) subject = (opening ?? relative)!;
    // A Q&A's answer: "Etxeberria: My grandfather ran goods over the Pyrenees…" (the label is the speaker, never part of a prompt).
    const label = shape.match(new RegExp(`^${N}: (.{12,})$`));
    const answerWords = sentence.text.slice(sentence.text.indexOf(":") + 1).trim().split(/\s+/).length;
    if (label && !quote) {
      const p = person(label[1]);
      const said = sentence.text.slice(sentence.text.indexOf(":") + 1).trim().replace(/[.!?]$/, "");
      // The label is a name the article gives in full ("Okonkwo:", "SRIVASTAVA:"); a one-word answer ("Deliberately.") is no quotation to ask.
      if (p && said.length <= 160 && resolve(name(label[1])!) !== name(label[1])) {
        // An answer that states a count or a date is better asked for its fact than for who said it.
        if (answerWords >= 4) push({ relation: "said", sentence, strength: sentence.numbers.length + sentence.dates.length > 0 ? 0.55 : 0.75, person: p, quote: said });
        quoted.answer = { paragraph: sentence.paragraph, person: p };
      }
    } else if (!quote && quoted.answer?.paragraph === sentence.paragraph && sentence.text.length <= 160 && sentence.text.split(" ").length >= 4) {
      // The rest of a Q&A answer is the same person speaking ("Han: I learned to… It took me two months and I broke eleven needles.").
      push({ relation: "said", sentence, strength: 0.72, person: quoted.answer.person, quote: sentence.text.replace(/[.!?]$/, "") });
    }
  }
  // Two rules reading the same fact from one sentence make it once.
  const seen = new Set<string>();
  const unique = facts.filter(({ sentence, strength: _, ...rest }) => {
    const key = `${sentence.text}\u0000${JSON.stringify(rest)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { title, shows, episodes, facts: unique, entities };
}
