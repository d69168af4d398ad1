/**
 * Recognises the relations articles about shows state: who plays whom, who
 * created / produces / wrote it, where it is filmed or set, which service
 * carries it, when it premiered / was renewed / ends, what it counts
 * (episodes, viewers, reviews, days) and what score it got from whom.
 *
 * Each sentence is matched as a "shape": its names replaced by ⟨i⟩ and its
 * dates by ⟪i⟫, so that the rules read like the sentences they match.
 */
import type { Article, DateMention, Sentence } from "./read-article";
import type { NumberMention } from "./read-numbers";

export type EntityKind = "person" | "character" | "place" | "service" | "site";

export interface Entity {
  kind: EntityKind;
  /** The fullest form in the article ("Colm Reddy" for "Reddy"). */
  name: string;
  /** "Maine" for "Port Galen, Maine". */
  region?: string;
}

interface FactBase {
  sentence: Sentence;
  /** 0–1: how sure the rule is. */
  strength: number;
}
export type Fact = FactBase &
  (
    | { relation: "plays"; actor: Entity; character: Entity; descriptor: string | null }
    | { relation: "created" | "produces" | "wrote"; people: Entity[] }
    | { relation: "filmed" | "set"; place: Entity; fictional: boolean }
    | { relation: "service"; service: Entity; verb: string }
    | { relation: "when"; event: DateEvent; date: DateMention; subject: string; past: boolean; verb: string }
    | { relation: "count"; number: NumberMention }
    | { relation: "score"; number: NumberMention; site: Entity | null; of: string | null }
    | { relation: "site"; site: Entity; what: string }
    | { relation: "said"; person: Entity; quote: string }
  );

export interface Reading {
  title: string | null;
  facts: Fact[];
  /** Every entity the rules placed, by normalised name. */
  entities: Map<string, Entity>;
}

/** US states, Canadian provinces and countries: the second half of "Duluth, Minnesota". */
export const REGIONS: ReadonlySet<string> = new Set([
  ..."Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming Ontario Quebec Manitoba Saskatchewan Alberta Newfoundland Scotland England Wales Ireland France Spain Italy Germany Portugal Canada Mexico Australia Iceland Norway Sweden Denmark".split(" "),
  ..."New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Rhode Island|South Carolina|South Dakota|West Virginia|British Columbia|Nova Scotia|New Brunswick|Northern Ireland|New Zealand".split("|"),
]);
const REVIEW_SITES = new Set(["Rotten Tomatoes", "Metacritic", "IMDb", "Letterboxd"]);
const TITLE_WORDS = /^(?:Sheriff|Inspector|Detective|Captain|Deputy|Officer|Agent|Chef|Mayor|Judge|Dr\.?|Doctor|Professor|Sergeant|Lieutenant|Chief|Father|Sister|Aunt|Uncle|Lady|Lord|King|Queen|Prince|Princess)\s+/;
const SHOW_NOUN = "(?:drama|comedy|series|western|thriller|show|sitcom|mystery|spinoff|miniseries|procedural|saga)";

/** "Sheriff Adela Cruz" → "Adela Cruz"; a name as players would type it. */
export const withoutTitle = (name: string) => name.replace(TITLE_WORDS, "");
export const surname = (name: string) => withoutTitle(name).split(" ").at(-1)!;

interface Shaped {
  sentence: Sentence;
  shape: string;
}

function shapeOf(sentence: Sentence): Shaped {
  const marks = [
    ...sentence.names.map((n, i) => ({ ...n, mark: `⟨${i}⟩` })),
    ...sentence.dates.map((d, i) => ({ ...d, mark: `⟪${i}⟫` })),
  ].sort((a, b) => b.start - a.start);
  let shape = sentence.text;
  for (const m of marks) if (!marks.some((o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start)) shape = shape.slice(0, m.start) + m.mark + shape.slice(m.end);
  return { sentence, shape };
}

const all = (shape: string, pattern: RegExp) => [...shape.matchAll(new RegExp(pattern.source, "gi"))];
const N = "⟨(\\d+)⟩";

/** Picks the show's title: the name the article calls a drama/series, renews or releases most often. */
function findTitle(shaped: Shaped[], hint: string | undefined): string | null {
  const votes = new Map<string, number>();
  const vote = (s: Shaped, index: string | undefined, weight = 1) => {
    const name = index === undefined ? undefined : s.sentence.names[Number(index)]?.text;
    if (name && !REGIONS.has(name)) votes.set(name, (votes.get(name) ?? 0) + weight);
  };
  for (const s of shaped) {
    for (const m of all(s.shape, new RegExp(`${N},? (?:the|a|an) (?:[\\w-]+ ){0,4}${SHOW_NOUN}\\b`))) vote(s, m[1], 2);
    for (const m of all(s.shape, new RegExp(`(?:renewed|released|ordered|cancelled|canceled|picked up) ${N}`))) vote(s, m[1], 2);
    for (const m of all(s.shape, new RegExp(`${SHOW_NOUN},? ${N}`))) vote(s, m[1]);
    for (const m of all(s.shape, new RegExp(`${N} (?:is|was) (?:set|filmed|shot|based)`))) vote(s, m[1]);
  }
  if (hint) for (const name of votes.keys()) if (name.toLowerCase() === hint.toLowerCase()) votes.set(name, votes.get(name)! + 2);
  return [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

type DateEvent = "premiere" | "renewal" | "end" | "other";
const EVENT_VERBS: Array<{ event: DateEvent; pattern: RegExp }> = [
  { event: "renewal", pattern: /\b(renew(?:ed|s)?|order(?:ed|s)?|picked up|picks up)\b/ },
  { event: "end", pattern: /\b(ends?|ended|conclud(?:es|ed)|wraps?|wrapped|finish(?:es|ed)|finale)\b/ },
  { event: "premiere", pattern: /\b(premier(?:es|ed|e)|debut(?:s|ed)?|opens|opened|released|returns|returned|launch(?:es|ed)|arrives|arrived)\b/ },
];
const VERB_BASE: Record<string, string> = { premieres: "premiere", premiered: "premiere", premiere: "premiere", debuts: "debut", debuted: "debut", debut: "debut", opens: "open", opened: "open", returns: "return", returned: "return", launches: "launch", launched: "launch", arrives: "arrive", arrived: "arrive", released: "released", ends: "end", ended: "end", end: "end", concludes: "conclude", concluded: "conclude", finishes: "finish", finished: "finish", wraps: "wrap", wrapped: "wrap", wrap: "wrap", finale: "end" };

export function extractFacts(article: Article, hint?: string): Reading {
  const shaped = article.sentences.map(shapeOf);
  const title = findTitle(shaped, hint);
  const allNames = article.sentences.flatMap((s) => s.names.map((n) => n.text));
  // "Reddy" stands for "Colm Reddy" when the article names him in full.
  const fullNames = new Map<string, string>();
  for (const name of allNames) {
    const words = withoutTitle(name).split(" ");
    if (words.length > 1 && name !== title && !fullNames.has(words.at(-1)!)) fullNames.set(words.at(-1)!, name);
  }
  const resolve = (name: string) => (name === title ? name : (fullNames.get(name) ?? name));

  const entities = new Map<string, Entity>();
  const entity = (kind: EntityKind, raw: string, region?: string): Entity => {
    const name = resolve(raw);
    const known = entities.get(name);
    if (known && (known.kind === kind || kind === "person")) return known;
    const made: Entity = { kind, name, ...(region ? { region } : {}) };
    if (!known || known.kind === "person") entities.set(name, made);
    return made;
  };
  const facts: Fact[] = [];
  let lastPerson: Entity | null = null;

  for (const { sentence, shape } of shaped) {
    const name = (index: string | undefined) => (index === undefined ? undefined : sentence.names[Number(index)]?.text);
    const person = (index: string | undefined) => {
      const n = name(index);
      return n && n !== title && !REGIONS.has(n) ? entity("person", n) : undefined;
    };
    const place = (index: string | undefined) => {
      const n = name(index);
      if (!n || n === title) return undefined;
      // "Port Galen, Maine": the region after the comma travels with the place.
      const after = shape.slice(shape.indexOf(`⟨${index}⟩`) + `⟨${index}⟩`.length).match(/^, ⟨(\d+)⟩/);
      const region = name(after?.[1]);
      return entity("place", n, region && REGIONS.has(region) && !REGIONS.has(n) ? region : undefined);
    };
    const push = (fact: Fact) => facts.push(fact);

    // Who plays whom.
    const plays = [
      ...all(shape, new RegExp(`${N},? (?:who )?(?:also |now |[a-z]+ years )?(?:plays|played|portrays|portrayed|will play|is playing|stars as|starred as|co-stars as|co-starred as|playing|appears as)(?: (?:the|his|her|their|its|a|an))?((?: [a-z-]+,?){0,2}) ${N}`)).map((m) => ({ actor: m[1], descriptor: m[2], character: m[3] })),
      ...all(shape, new RegExp(`${N} as(?: (?:the|his|her|their|a|an))?((?: [a-z-]+){0,2}) ${N}`)).map((m) => ({ actor: m[1], descriptor: m[2], character: m[3] })),
      ...all(shape, new RegExp(`${N},? \\(?played by ${N}`)).map((m) => ({ actor: m[2], descriptor: "", character: m[1] })),
    ];
    for (const p of plays) {
      const actor = person(p.actor);
      const characterName = name(p.character);
      if (!actor || !characterName || characterName === title) continue;
      push({ relation: "plays", sentence, strength: 0.92, actor, character: entity("character", characterName), descriptor: p.descriptor?.replace(/,/g, "").trim() || null });
      lastPerson = actor;
    }
    // "She plays Renée Ballard": the person last named stands for the pronoun.
    for (const m of all(shape, new RegExp(`(?:^|, )(?:She|He|They) (?:plays|played|portrays|stars as)(?: (?:the|a|an))?((?: [a-z-]+,?){0,2}) ${N}`))) {
      const characterName = name(m[2]);
      if (lastPerson && characterName && characterName !== title)
        push({ relation: "plays", sentence, strength: 0.75, actor: lastPerson, character: entity("character", characterName), descriptor: m[1]?.replace(/,/g, "").trim() || null });
    }
    for (const m of all(shape, new RegExp(`(?:led by|starring|stars) ${N}`))) lastPerson = person(m[1]) ?? lastPerson;

    // Who made it.
    for (const m of all(shape, new RegExp(`created by(?: the)?(?: [a-z-]+){0,3} ${N}(?: and ${N})?`))) {
      const people = [person(m[1]), person(m[2])].filter((p): p is Entity => p !== undefined);
      if (people.length > 0) push({ relation: "created", sentence, strength: 0.9, people });
    }
    for (const m of all(shape, new RegExp(`(?:creator|showrunner) ${N}`))) {
      const p = person(m[1]);
      if (p) push({ relation: "created", sentence, strength: 0.8, people: [p] });
    }
    for (const m of all(shape, new RegExp(`${N}(?:, [^,⟨]*,)?,? (?:who )?(?:is|serves as|remains|will serve as)(?: also)?(?: involved as)?(?: an?| its| the)? executive producer(?:, alongside ${N})?`))) {
      const people = [person(m[1]), person(m[2])].filter((p): p is Entity => p !== undefined);
      if (people.length > 0) push({ relation: "produces", sentence, strength: 0.85, people });
    }
    for (const m of all(shape, new RegExp(`(?:executive produced by|producer) ${N}`))) {
      const p = person(m[1]);
      if (p) push({ relation: "produces", sentence, strength: 0.8, people: [p] });
    }
    for (const m of all(shape, new RegExp(`(?:(?:novels?|books?|works?) (?:of|by)(?: (?:the )?(?:author|novelist|writer))? ${N}|${N},? who (?:wrote|based it on) (?:the|his|her|their own|his own|her own) (?:novels?|books?))`))) {
      const p = person(m[1] ?? m[2]);
      if (p) push({ relation: "wrote", sentence, strength: 0.87, people: [p] });
    }

    // Where.
    for (const m of all(shape, new RegExp(`(?:filmed|shot|filming took place|filming|shooting)(?: (?:scenes|on|location|entirely|largely|mostly|partly|mainly|primarily|the|series|show|season|episodes|pilot|first|new))* (?:in|at) (?:locations like |places like )?${N}(?: in ${N})?`))) {
      const p = place(m[2] ?? m[1]);
      if (p) push({ relation: "filmed", sentence, strength: 0.88, place: p, fictional: false });
    }
    for (const m of all(shape, new RegExp(`(?:(?:is|was|are) set|^set|takes place|unfolds) in(?: the)?((?: [a-z]+){0,4}?)(?: (?:town|city|village|island|county|port) of)? ${N}`))) {
      const p = place(m[2]);
      if (p) push({ relation: "set", sentence, strength: REGIONS.has(p.name) ? 0.6 : 0.85, place: p, fictional: /fictional/.test(m[1] ?? "") });
    }
    for (const m of all(shape, new RegExp(`((?:[a-z]+ ){0,2})(?:town|city|village|island|port|county) of ${N}`))) {
      const p = place(m[2]);
      if (p) push({ relation: "set", sentence, strength: 0.82, place: p, fictional: /fictional/.test(m[1] ?? "") });
    }

    // Which service: "from (the network) Vesta", "a drama from Meridian+", "opens on Lumen TV", "on the Halcyon network".
    const carried = /\b(?:premier\w*|opens|returns|streams|airs|debut\w*) (?:on|to)(?: the)?(?: streaming service| streamer| network| channel)? ⟨/i.test(shape);
    for (const m of all(shape, new RegExp(`\\b(from|on) (?:the )?(?:streaming service |streamer |network |channel )?${N}( network| channel)?`))) {
      const n = name(m[2]);
      const from = m[1]!.toLowerCase() === "from" && /\b(?:drama|comedy|series|western|thriller|show|mystery|streaming service|streamer|network|channel) from\b/i.test(shape);
      const on = m[1]!.toLowerCase() === "on" && (carried || m[3] !== undefined);
      const taken = n === undefined || n === title || REVIEW_SITES.has(n) || REGIONS.has(n) || entities.get(resolve(n))?.kind === "person";
      if (!taken && (from || on)) push({ relation: "service", sentence, strength: 0.8, service: entity("service", n), verb: "carries" });
    }
    for (const m of all(shape, new RegExp(`^${N} (released|renewed|ordered|premiered|launched|picked up) (?:${N}|the)`))) {
      const n = name(m[1]);
      if (n && n !== title && entities.get(resolve(n))?.kind !== "person") push({ relation: "service", sentence, strength: 0.82, service: entity("service", n), verb: m[2]! });
    }

    // When.
    sentence.dates.forEach((date, i) => {
      const clause = shape.split(/[;]|, (?=and |but )/).find((c) => c.includes(`⟪${i}⟫`)) ?? shape;
      const found = EVENT_VERBS.map((e) => ({ event: e.event, verb: clause.match(e.pattern)?.[1] })).find((e) => e.verb);
      const show = title ?? "the series";
      const season = clause.match(/\b((?:(?:first|second|third|fourth|fifth|final|last|new|\w+-part) )?season)\b/)?.[1];
      // A renewal is asked as "When was X renewed for a second season?".
      const renewedFor = found?.event === "renewal" ? clause.match(/(?:for|ordered) a ((?:second|third|fourth|fifth|sixth|final|new) season)/)?.[1] : undefined;
      const subject = found?.event === "renewal" ? `${show} renewed${renewedFor ? ` for a ${renewedFor}` : ""}` : season ? `the ${season} of ${show}` : show;
      const verb = found?.verb?.toLowerCase() ?? "";
      const strength = renewedFor ? 0.9 : found ? 0.85 : 0.4;
      push({ relation: "when", sentence, strength, event: found?.event ?? "other", date, subject, past: /ed$|^debut$/.test(verb), verb: VERB_BASE[verb] ?? verb });
    });

    // Scores and counts.
    // The site or outlet named in the number's own clause ("The Daily Ledger gave…, and … on Rotten Tomatoes").
    const siteIn = (number?: NumberMention) => {
      const clause = number ? (shape.split(/, and |; /).find((c) => c.includes(number.text)) ?? shape) : shape;
      const m = clause.match(new RegExp(`(?:[Oo]n|review site|site|critics at) ${N}`)) ?? clause.match(new RegExp(`${N} gave`));
      const n = name(m?.[1]);
      return n && (REVIEW_SITES.has(n) || /site|gave/.test(m![0])) ? entity("site", n) : null;
    };
    for (const number of sentence.numbers) {
      const scored = number.unit === "%" || number.unit === "points" || number.unit.startsWith("out of") || (number.unit === "stars" && /out of/.test(sentence.text.slice(number.end, number.end + 20)));
      if (scored) {
        const of = number.unit === "stars" ? sentence.text.slice(number.end).match(/^ stars (out of \w+)/)?.[1] ?? null : number.unit.startsWith("out of") ? number.unit : null;
        push({ relation: "score", sentence, strength: 0.82, number, site: siteIn(number), of });
      } else push({ relation: "count", sentence, strength: /^(?:episodes|viewers|reviews|critics|days|weeks|seasons|households|countries|films|minutes|hours|nominations|awards|tonnes|years)$/.test(number.unit) ? 0.8 : 0.6, number });
    }
    if (/\bperfect score|top score|\b100% score/.test(sentence.text) && sentence.numbers.every((n) => n.unit !== "%")) {
      const site = siteIn();
      if (site) push({ relation: "site", sentence, strength: 0.8, site, what: "a perfect score" });
    }

    // Who said it.
    const quote = sentence.text.match(/["“]([^"”]{12,160})["”]/);
    const speaker = shape.match(new RegExp(`${N}(?: of(?: the)? ⟨\\d+⟩)?,? (?:said|says|added|told|recalled|explained|called)|(?:said|says) ${N}`));
    if (quote && speaker) {
      const p = person(speaker[1] ?? speaker[2]);
      if (p) push({ relation: "said", sentence, strength: 0.7, person: p, quote: quote[1]!.trim() });
    }
  }
  return { title, facts, entities };
}
