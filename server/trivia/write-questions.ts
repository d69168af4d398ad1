/**
 * Turns recognised facts into questions a quizmaster would ask ("Who plays
 * Tomas Reyes?", "When was Harbor Lights renewed for a second season?",
 * "The premiere episode drew how many viewers in its first week?"), in a
 * mix of kinds: multiple choice, typed answers, numbers, true or false. A
 * cloze is kept only for a date no rule explains, its blank covering the
 * whole date. Every candidate carries the confidence its rule earned.
 */
import { CURATED, CURATED_PEOPLE, dateDistractors, pickDistractors, placesFor, REAL_SERVICES, rotated, seedOf } from "./choose-distractors";
import { REGIONS, withoutTitle, type Entity, type EntityKind, type Fact, type Reading } from "./extract-facts";
import type { Article, Sentence } from "./read-article";
import type { NumberMention } from "./read-numbers";
import nlp from "compromise";
import { normalizeAnswer as norm, type Question } from "./question";

/** A question before it is numbered. */
export type Draft = Question extends infer Q ? (Q extends Question ? Omit<Q, "id"> : never) : never;

export interface Candidate {
  question: Draft;
  confidence: number;
  sentence: Sentence;
  /** Another candidate with one of these keys asks the same thing. */
  keys: string[];
  /** At most a few candidates of one group are kept ("who said" of one speaker). */
  group?: string;
}


const ORGANISATION = /\b(?:Awards?|Festival|Academy|Guild|Society|Pictures|Productions|Films?|Studios?|Media|Network|TV|Channel|Review|Times|Post|Courier|Gazette|Ledger|Herald|Journal|Daily|Sales|Distribution|Animation|Entertainment|Group)\b/;
/** What each kind of fact is about, for a draft that mixes them. */
const TOPIC: Record<Fact["relation"], NonNullable<Question["topic"]>> = {
  plays: "cast",
  created: "crew",
  produces: "crew",
  wrote: "crew",
  directs: "crew",
  writes: "crew",
  hosts: "crew",
  composes: "crew",
  stars: "cast",
  source: "crew",
  company: "crew",
  service: "platform",
  when: "dates",
  count: "numbers",
  rank: "numbers",
  filmed: "places",
  set: "places",
  score: "reception",
  site: "reception",
  award: "reception",
  jury: "reception",
  role: "crew",
  venue: "places",
  said: "quotes",
  era: "dates",
};
const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "Copperline's", "Harbor Lights'". */
const possessive = (name: string) => (/s$/.test(name) ? `${name}'` : `${name}'s`);

/** Where the right answer goes: a position that changes from question to question. */
function choice(prompt: string, answer: string, distractors: string[], position: number): Pick<Extract<Draft, { kind: "choice" }>, "kind" | "prompt" | "options" | "answer"> {
  const at = position % (distractors.length + 1);
  const options = [...distractors];
  options.splice(at, 0, answer);
  return { kind: "choice", prompt, options, answer: at };
}

/** Family names' particles: "van der Berg", "da Costa", "Ní Neachtain", "Ó Murchú", "bin Salleh". */
const FAMILY_PARTICLES = new Set(["van", "von", "der", "den", "de", "del", "della", "da", "das", "do", "dos", "di", "du", "la", "le", "ter", "ten", "bin", "binti", "ibn", "al", "el", "ní", "nic", "ó", "ua", "mac", "mc", "ap", "ab", "ferch"]);
/** Family names written first (Korean, Chinese, Vietnamese, Hungarian usage): the first word is the family name. */
const FAMILY_FIRST = new Set("kim lee yi park choi jung jeong kang cho cha yoon yun jang lim im han oh seo shin kwon hwang ahn song jeon hong ko moon yang son bae baek heo yoo nam noh ha jin ryu wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo lin he gao luo zheng nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly".split(" "));

/**
 * Typed-answer forms of a name: the full name, without a title ("Sheriff");
 * given and family name in either order ("Tae-sung Kim", "Ari Sveinsson" for
 * "Ari Jökull Sveinsson"); the family name alone (with its particles: "van der
 * Berg", "Ní Neachtain"; written first in "Kim Tae-sung") when no one else in
 * the article has it; a place with its region.
 */
export function acceptedNames(entity: Entity, everyone: readonly Entity[]): string[] {
  const bare = withoutTitle(entity.name);
  const forms = [entity.name, bare];
  if (entity.kind === "person") {
    const words = bare.split(" ");
    const others = everyone.filter((e) => e.name !== entity.name).map((e) => norm(withoutTitle(e.name)).split(" "));
    const unique = (family: string) => family.replace(/[\s-]/g, "").length >= 3 && !others.some((o) => ` ${o.join(" ")} `.includes(` ${norm(family)} `));
    if (words.length > 1) {
      // Where the family name starts: after the given name, at its particles ("Thijs van der Berg" → "van der Berg").
      const particle = words.findIndex((w, i) => i > 0 && FAMILY_PARTICLES.has(w.toLowerCase()));
      const familyFirst = FAMILY_FIRST.has(norm(words[0]!)) && words.length <= 3;
      const family = familyFirst ? words[0]! : particle > 0 ? words.slice(particle).join(" ") : words.at(-1)!;
      const given = familyFirst ? words.slice(1).join(" ") : words[0]!;
      forms.push(`${given} ${family}`, `${family} ${given}`);
      if (unique(family)) forms.push(family);
      // "van der Berg" is also typed "Berg"; "Ferreira da Costa" also "Costa".
      if (!familyFirst && unique(words.at(-1)!)) forms.push(words.at(-1)!);
      // A two-part family name without the given name ("García Márquez" of "Gabriel García Márquez", "Restrepo Gómez"
      // of "Ana Lucía Restrepo Gómez"); its first part where a particle or a hyphen joins it ("Ferreira" of
      // "Ana Ferreira da Costa", "Solberg" of "Ingrid Solberg-Haugen").
      if (!familyFirst && particle < 0 && words.length >= 3 && words.length <= 4) forms.push(words.slice(-2).join(" "));
      if (!familyFirst && particle >= 2 && particle === words.length - 2 && unique(words[particle - 1]!)) forms.push(words[particle - 1]!);
      const hyphen = family.match(/^(\p{L}{3,})-\p{L}{3,}$/u);
      if (hyphen && unique(hyphen[1]!)) forms.push(hyphen[1]!);
    }
  }
  // A company, an outlet or a service as people say it: without "The" and without its generic word ("Fjordlys" for
  // "Fjordlys Films", "Bergen Studios" → "Bergen"), an outlet by its first word ("Halden" for "The Halden Courier").
  if (entity.kind === "company" || entity.kind === "site" || entity.kind === "service") {
    const plain = entity.name.replace(/^The\s+/, "");
    const core = plain.replace(/(?:\s+(?:Films?|Studios?|Productions?|Pictures|Media|Entertainment|Television|TV|Group|Company|Co\.?|Ltd\.?|Inc\.?|Limited|Animation|Distribution|Sales|Times|Post|Courier|Gazette|Ledger|Herald|Journal|Review|Daily|Tribune|Chronicle|Magazine|News))+$/, "");
    forms.push(plain);
    if (core !== plain && core.replace(/\s/g, "").length >= 3 && !/^(?:The|A|An|New|North|South|East|West|Great|Big|Little)$/i.test(core)) forms.push(core);
  }
  if (entity.region) forms.push(`${entity.name}, ${entity.region}`);
  return [...new Set(forms)].slice(0, 10);
}

/** A part that says whether its player is a man or a woman: a wrong name beside it may give itself away. */
const GENDERED = /\b(?:son|sons|daughter|brother|sister|mother|father|husband|wife|widow|widower|aunt|uncle|niece|nephew|grandmother|grandfather|grandson|granddaughter|king|queen|prince|princess|lord|lady|sir|madame|mrs|mr|ms|matriarch|patriarch|boyfriend|girlfriend|bride|groom|actress|waitress|mistress|hostess|heroine|nun|monk|priest|father|[a-z]+-in-law)\b/i;

/** Irregular past tenses compromise may not turn back into the infinitive. */
const IRREGULAR: Record<string, string> = { drew: "draw", had: "have", won: "win", ran: "run", sold: "sell", took: "take", brought: "bring", got: "get", saw: "see", made: "make", spent: "spend", built: "build", grew: "grow", fell: "fall", rose: "rise", gave: "give", held: "hold", wrote: "write", shot: "shoot", sent: "send", led: "lead", kept: "keep", found: "find", told: "tell", read: "read", hit: "hit", cost: "cost", set: "set", put: "put", lost: "lose", began: "begin", became: "become", did: "do", went: "go", ate: "eat", came: "come" };
const QUALIFIERS = /\s+(?:only|just|nearly|almost|about|around|roughly|some|more than|fewer than|less than|a total of|an average of|an estimated|a record|a further|another)$/i;
const PREPOSITIONS = /\s+(in|on|for|by|from|with|after|over|across|at|within|to)$/i;
const LOWER_OPENERS = /^(?:The|Its|Their|His|Her|A|An|This|That|Each|Every|All|Some|Our|Fans|Producers|Critics|Viewers)\b/;

interface Term {
  text: string;
  tags: string[];
  offset: { start: number; length: number };
}

/** A verb, also when the tagger took it for something else ("drew" as a first name). */
const PRESENT_VERBS = new Set(["runs", "holds", "scores", "sits", "draws", "averages", "follows", "stars", "has", "gets", "earns", "wins", "features", "includes", "spans", "lasts", "counts", "boasts", "totals"]);
const isVerb = (t: Term) => t.tags.includes("Verb") || (/^[a-z]/.test(t.text) && (IRREGULAR[t.text] !== undefined || PRESENT_VERBS.has(t.text)));

function infinitive(verb: string): string | null {
  const lower = verb.toLowerCase();
  if (IRREGULAR[lower]) return IRREGULAR[lower]!;
  const made = nlp(`they ${lower}`).verbs().toInfinitive().text().replace(/^they\s+/, "").trim();
  return made && !/\s/.test(made) ? made : null;
}

/**
 * "The third season of Fjordlys will have" + "episodes" → "How many episodes
 * will the third season of Fjordlys have?"; "Eko Nights was filmed in Lagos
 * over" + "weeks" → "Over how many weeks was Eko Nights filmed in Lagos?".
 * compromise's tagger finds the verb group at the end of the words before
 * the number; anything else (a number inside a noun phrase) gives null.
 */
function questionFromClause(pre: string, unit: string, post: string, show: string | null, names: readonly string[]): string | null {
  // "local extras", "original hymns": the counted noun is the last word (but "days after the premiere": the first).
  const noun = (/\b(?:after|before|since|later|earlier)\b/.test(unit) ? unit.split(" ")[0] : unit.split(" ").at(-1))!;
  if (!nlp(noun).has("#Noun") && !/[a-z]s$/.test(noun)) return null;
  // Appositives and fronted phrases go: "Nattvakt, created by Tor-Erik Lindqvist, fell to" → "Nattvakt fell to".
  const trimmed = pre.trim().replace(/,$/, "");
  // "Its closest rival, the Liverpool-set comedy Scouse Gothic, has": the show the apposition names is the subject.
  const apposition = show ? trimmed.match(/^[^,]+, ([^,]*), ([^,]*)$/) : null;
  const named = apposition && apposition[1]!.endsWith(show!) ? [`${show} ${apposition[2]}`] : [];
  for (const head of [...named, trimmed.replace(/,[^,]*,/g, ""), trimmed.slice(trimmed.lastIndexOf(",") + 1)]) {
    const asked = turnClause(head.trim(), unit, post, show, names);
    if (asked) return asked;
  }
  return null;
}

function turnClause(pre: string, unit: string, post: string, show: string | null, names: readonly string[]): string | null {
  let head = pre.replace(QUALIFIERS, "");
  // "It has six episodes": the show by name.
  if (show) head = head.replace(/^(?:It|The (?:series|show))\b/, show);
  if (/^(?:I|We|You|He|She|They|It|Which|Who|That|What)\b/i.test(head)) return null;
  const preposition = head.match(PREPOSITIONS)?.[1];
  if (preposition) head = head.slice(0, -preposition.length).trim().replace(QUALIFIERS, "");
  const terms = (nlp(head).json({ offset: true }) as Array<{ terms: Term[] }>).flatMap((s) => s.terms);
  // The verb group: the trailing verbs, or (before a preposition) the last verb group and what follows it.
  let end = terms.length;
  let tail: Term[] = [];
  // "renewed Harbor Lights for a second season, six days after the premiere": the verb group is further back.
  const relative = /\b(?:after|before|since|later|earlier)\b/.test(unit);
  if (preposition || (relative && !isVerb(terms.at(-1) ?? { text: "", tags: [], offset: { start: 0, length: 0 } }))) {
    const lastVerb = terms.findLastIndex(isVerb);
    if (lastVerb < 0) return null;
    tail = terms.slice(lastVerb + 1);
    end = lastVerb + 1;
  }
  let start = end;
  while (start > 0 && isVerb(terms[start - 1]!)) start--;
  if (start === end || start === 0) return null;
  const subjectTerms = terms.slice(0, start);
  // A fronted phrase moves to the end: "On Metacritic the season scores…" → "…does the season score… on Metacritic?"
  let fronted = "";
  if (subjectTerms[0]!.tags.includes("Preposition")) {
    const det = subjectTerms.findIndex((t, i) => i > 0 && (t.tags.includes("Determiner") || t.tags.includes("Possessive")));
    if (det < 0) return null;
    fronted = head.slice(0, subjectTerms[det]!.offset.start).trim().replace(/,$/, "");
    fronted = fronted.charAt(0).toLowerCase() + fronted.slice(1);
    const rest = head.slice(subjectTerms[det]!.offset.start);
    return turnClause(preposition ? `${rest} ${preposition}` : rest, unit, [post, fronted].filter(Boolean).join(" "), show, names);
  }
  if (subjectTerms[0]!.tags.includes("Conjunction")) return null;
  const verbs = terms.slice(start, end).map((t) => t.text);
  // The article's own words (with "+", hyphens and accents), sliced by the tagger's offsets.
  let subject = head.slice(0, terms[start]!.offset.start).trim();
  if (/,/.test(subject)) return null;
  // A name keeps its capital ("Solace", "The Sundial"); a common word loses the sentence's ("The final season" → "the final season").
  const named = names.some((n) => subject.startsWith(n));
  // "the final season" of which show: named when the clause does not say.
  if (show && !subject.includes(show) && /^(?:the|its|each|every) (?:(?:first|second|third|fourth|fifth|final|last|new|latest|season) )?(?:season|finale|premiere|pilot|episode|debut)$/i.test(subject)) subject = `${subject.replace(/^its/i, "the")} of ${show}`;
  if (!named && (LOWER_OPENERS.test(subject) || /^\p{Lu}\p{Ll}+(?:\s|$)/u.test(subject) && !subjectTerms[0]!.tags.includes("ProperNoun") && !subjectTerms[0]!.tags.includes("Demonym") && !/^\p{Lu}\p{Ll}+(?:ish|ese|ian)\b/u.test(subject))) subject = subject.charAt(0).toLowerCase() + subject.slice(1);
  const tailText = tail.length > 0 ? head.slice(tail[0]!.offset.start).trim() : "";
  const rest = [tailText, ...(post ? [post] : [])].join(" ").trim().replace(/[,;:]+$/, "");
  let asked: string;
  if (verbs.length > 1 || /^(?:is|was|are|were|will|would|can|could|has|have|had)$/i.test(verbs[0]!) && verbs.length > 1) {
    asked = `${verbs[0]} ${subject} ${verbs.slice(1).join(" ")}`;
  } else {
    const verb = verbs[0]!;
    if (/^(?:is|was|are|were)$/i.test(verb)) asked = `${verb} ${subject}`;
    else {
      const past = terms[start]!.tags.includes("PastTense") || /ed$/.test(verb) || IRREGULAR[verb.toLowerCase()] !== undefined;
      const base = infinitive(verb);
      if (!base) return null;
      const plural = !named && nlp(subject.split(" of ")[0]!).nouns().isPlural().found;
      // A headline's passive without its "was" ("Cold Water Bay cancelled by Kestrel One after two seasons") stays passive:
      // "…was Cold Water Bay cancelled by Kestrel One?", never "…did Cold Water Bay cancel by Kestrel One?".
      if (past && /ed$/.test(verb) && /^by\b/.test(rest)) asked = `${plural ? "were" : "was"} ${subject} ${verb.toLowerCase()}`;
      else asked = `${past ? "did" : plural ? "do" : "does"} ${subject} ${base}`;
    }
  }
  const question = `${preposition ? `${upper(preposition)} how many` : "How many"} ${unit} ${asked}${rest ? ` ${rest}` : ""}`;
  return `${question.replace(/\s+/g, " ").trim()}?`;
}

/**
 * "Lumen TV ordered twelve episodes, each…" → "How many episodes did Lumen
 * TV order?": the number's clause, turned round so the question starts with
 * "How many", dates left out. Null when the clause cannot be turned.
 */
export function howMany(sentence: Sentence, number: NumberMention, show: string | null): string | null {
  const before = sentence.text.slice(0, number.start);
  // "leads the field with twelve nominations", "received nine nominations", "taking four prizes": what the show was nominated for or won.
  if ((/^(?:nominations|prizes|awards|trophies)$/.test(number.unit) || /^\p{Lu}.*s$/u.test(number.unit)) && show !== null && before.includes(show)) {
    const won = number.unit !== "nominations";
    const past = /\b(?:received|earned|won|took|taking|picked up|scooped|collected|led|was|were)\b/.test(before);
    return `How many ${number.unit} ${past ? "did" : "does"} ${show} ${won ? "win" : past ? "receive" : "have"}?`;
  }

  // "its first five days" is a window of time, not a fact to ask about.
  if (/\b(?:its|the|their|a) (?:first|last|next|past)\s*$/i.test(before)) return null;
  const MARK = "\u0000";
  let text = before + MARK + sentence.text.slice(number.end);
  for (const date of [...sentence.dates].sort((a, b) => b.start - a.start)) {
    const at = date.start > number.start ? date.start - number.text.length + 1 : date.start;
    text = `${text.slice(0, at).replace(/\s(?:on|in|from)\s*$/, "")}${text.slice(at + date.text.length).replace(/^,/, "")}`;
  }
  // A quoted title loses its marks ("'Switchboard,'" → "Switchboard,").
  for (const n of sentence.names) {
    const written = sentence.text.slice(n.start, n.end);
    if (n.quoted) text = text.replace(written, `${n.text}${written.slice(-2, -1).match(/[,.]/)?.[0] ?? ""}`);
  }
  // The show's name where the article says "the series" (its title is known).
  if (show) text = text.replace(/\b[Tt]he (?:series|show)(?=['’]s\b)/g, show).replace(/\b[Tt]he (?:series|show)\b/g, show);
  // Reported speech: "Marta Kwiatkowska said this year's edition had sold 41,000 tickets" asks what was said, not who said it.
  const reported = text.slice(0, text.indexOf(MARK)).match(/^[^"“]*?\b(?:said|says|told (?:us|reporters|the \w+)|added|announced|confirmed|revealed|reported|estimated|noted)(?: that)? /);
  if (reported) text = text.slice(reported[0].length);
  const clauses = text.replace(/\s+/g, " ").split(/; |, and |, but |, while |: /);
  const index = clauses.findIndex((c) => c.includes(MARK));
  let clause = clauses[index]!;
  // "The festival screened 41 series…, and sold 38,000 tickets": a clause that opens with its verb shares the first clause's subject.
  if (index > 0 && /^[a-z]+\s/.test(clause) && nlp(clause.split(" ")[0]!).has("#Verb")) {
    const terms = (nlp(clauses[0]!).json({ offset: true }) as Array<{ terms: Term[] }>).flatMap((s) => s.terms);
    const verb = terms.findIndex(isVerb);
    const subject = verb > 0 ? clauses[0]!.slice(0, terms[verb]!.offset.start).trim() : "";
    if (subject && !/[,;:"“”]/.test(subject) && subject.split(" ").length <= 6) clause = `${subject} ${clause}`;
  }
  const tail = clause.slice(clause.indexOf(MARK)).split(/,/)[0]!;
  clause = clause.slice(0, clause.indexOf(MARK)) + tail;
  if (/[()"“”]/.test(clause)) return null;
  const opening = clause.match(new RegExp(`^(?:all |the |its |some )?${MARK}`, "i"));
  const after = clause.slice(clause.indexOf(MARK) + 1).trim().replace(/[.!?"”]+$/u, "");
  if (opening) {
    // The number opens its clause: "Ten bakers compete" → "How many bakers compete?" (a verb is needed).
    if (!/^[a-z]/.test(after) || !nlp(after).has("#Verb") || !/[.!?"”]$/u.test(sentence.text)) return null;
    // "Four stars." on its own says nothing to ask.
    if (after.split(" ").length < 2) return null;
    const prompt = `How many ${after}?`;
    return prompt.length <= 160 ? prompt : null;
  }
  if (!after.startsWith(number.unit)) return null;
  let post = after.slice(number.unit.length).trim();
  let unit = number.unit;
  // "six days after the premiere": the time is asked with what it is counted from.
  if (/^(?:after|before|since|later|earlier)\b/.test(post) && !PREPOSITIONS.test(clause.slice(0, clause.indexOf(MARK)).trimEnd())) {
    unit = `${unit} ${post}`;
    post = "";
  }
  // "140 hours of unseen footage", "300 tonnes of steel": what is measured goes with its measure.
  const measured = new RegExp(`^(?:${MEASURES})$`).test(unit) ? post.match(/^of ((?:(?!(?:in|on|at|for|from|to|by|with|and|or|that|which|who|the|a|an)\b)[a-z-]+ ?){1,3})/) : null;
  if (measured) {
    // "of unseen footage shot by…": the measured thing ends before a verb.
    const words = measured[1]!.trim().split(" ");
    while (words.length > 1 && nlp(words.at(-1)!).has("#Verb")) words.pop();
    unit = `${unit} of ${words.join(" ")}`;
    post = post.slice(`of ${words.join(" ")}`.length).trim();
  }
  // A long tail is the sentence copied: keep a short one ("in its first week"), else drop it.
  // "…will have ten episodes and starts filming in the summer": the next clause is another fact.
  post = post.split(/(?:^|\s+)(?:and|but|while|which|who|as|because)\s+/)[0]!;
  // A long one keeps its first phrase, up to the next preposition ("at No. 1 on Zephyr India's chart" → "at No. 1";
  // "writing for other people's shows before Harmattan" → "writing for other people's shows"); "there" goes.
  const phrase = post.split(" ").length <= 6 ? post : (post.match(/^((?!of\b)\S+(?: (?!(?:on|in|at|before|after|during|since|until|from|across|over|with|by|for)\b)\S+){1,5})(?= (?:on|in|at|before|after|during|since|until|from|across|over|with|by|for)\b)/)?.[1] ?? "");
  const kept = phrase.replace(/,$/, "").replace(/(?:^|\s+)(?:there|here)$/, "");
  const names = [...sentence.names.map((n) => n.text), ...(show ? [show] : [])];
  const pre = clause.slice(0, clause.indexOf(MARK));
  // "a score of 82 out of 100, based on 37 reviews", "a 91% score on Rotten Tomatoes from 44 reviews".
  if (/^(?:reviews|critics|critic reviews|published reviews)$/.test(unit) && /\b(?:based on|from)\s*$/i.test(pre)) {
    const site = sentence.text.match(/\b(Rotten Tomatoes|Metacritic|IMDb|Letterboxd|Critic Circle)\b/)?.[1];
    const whose = show ? `${possessive(show)} score` : "the score";
    return `On how many ${unit} is ${whose}${site ? ` on ${site}` : ""} based?`;
  }
  // "The shoot is scheduled to last 96 days" → "How many days is the shoot scheduled to last?"
  const planned = pre.trim().match(/^(.+?) (is|are|was|were) (expected|scheduled|set|due|likely|planned|projected|forecast) to ([a-z]+)$/);
  if (planned && !/[,;]/.test(planned[1]!) && !/^(?:I|We|You|He|She|They|It)\b/.test(planned[1]!)) {
    const subject = LOWER_OPENERS.test(planned[1]!) ? planned[1]!.charAt(0).toLowerCase() + planned[1]!.slice(1) : planned[1]!;
    return `How many ${unit} ${planned[2]} ${subject} ${planned[3]} to ${planned[4]}${kept ? ` ${kept}` : ""}?`;
  }
  const prompt = questionFromClause(pre, unit, kept, show, names);
  return prompt && prompt.length <= 160 && grammatical(prompt) ? prompt : null;
}

/**
 * Turned clauses a quizmaster would not print: two finite verbs ("How many
 * days does the shoot is scheduled to last?", "did Harbor Lights was filmed")
 * or a preposition left dangling at the end ("…average across?").
 */
function grammatical(prompt: string): boolean {
  if (/\b(?:does|do|did)\b[^?]*\b(?:is|are|was|were|has|had|has been|have been)\b/i.test(prompt)) return false;
  // "…does the third season of X will again have?", "How many weeks later and resurfaced…": two verb groups, or a clause spliced in.
  if (/\b(?:does|do|did)\b[^?]*\b(?:will|would|can|could|should|must)\b/i.test(prompt) || /^(?:\w+ )?how many \S+(?: \S+)? (?:later|earlier|ago|after|before)? ?and\b/i.test(prompt)) return false;
  if (/\b(?:did|does|do)\b[^?]*\b(?:also|then|still) \p{Ll}+s\b/u.test(prompt) || prompt.length > 130) return false;
  // "With how many weeks will the production shoot for twenty weeks?": the count asked is still in the prompt.
  const asked = prompt.match(/how many (\p{L}+)/iu)?.[1];
  if (asked && new RegExp(`\\b(?:\\d[\\d,.]*|${NUMBER_WORDS}) ${asked}\\b`, "iu").test(prompt)) return false;
  // "How many views did where its episodes average…": a relative word left as the subject.
  if (/\b(?:did|does|do|is|are|was|were) (?:where|which|who|whom|whose|when|that)\b/i.test(prompt)) return false;
  // Someone's own words ("It took me two months and I broke eleven needles") turned round make no question.
  if (/\b(?:I|me|my|we|us|our)\b/.test(prompt)) return false;
  // "…hosted by Priya Lal and watched?": a coordinated verb left at the end.
  if (/\band \p{Ll}+\?$/u.test(prompt)) return false;
  // Misread clauses: "…does according to figures…", "…did this year the circle's members…", "…across was…", "…been Vespers premiered…",
  // "…is Filming begins…", a quotation mark left behind ("Switchboard'?").
  if (/\b(?:did|does|do|is|are|was|were|has|have|had) (?:according|(?:this|last) year(?= \p{Ll})|since|after|before|while|in|on|at)\b/u.test(prompt)) return false;
  // ("How many hours of footage…" is a measure and what it measures.)
  const unmeasured = prompt.replace(new RegExp(`(how many (?:${MEASURES})) of (?:[a-z-]+ ){0,2}[a-z-]+`, "i"), "$1");
  if (/\bhow many \S+(?: \S+)? (?:across|over|in|on|at|for|to|by|from|with|of|been)\b(?! (?:the|a|an|its|his|her|their|this|that|\p{Lu}))/iu.test(unmeasured)) return false;
  if (/\b(?:is|are|was|were) \p{Lu}\p{Ll}+ing\b|\b(?:is|are|was|were) (?:lead|join|star|play|return|follow)\b/u.test(prompt)) return false;
  if (/(?<!s)['’](?=[?\s,])|\s['‘]\p{L}/u.test(prompt)) return false;
  return !/\b(?:across|over|in|on|at|for|to|by|from|with|of)\?$/.test(prompt);
}

const MEASURES = "hours|minutes|days|weeks|months|years|tonnes|tons|kilometres|kilometers|miles|metres|meters|pages|litres|liters|kilograms|kilos";
const NUMBER_WORDS = "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred";
const SEASON_ORDINAL = /\b((?:first|second|third|fourth|fifth|sixth|seventh|final|last|new|next|latest) season)\b/i;

/**
 * "Kraty, which has six episodes, premieres…", "finished its eight episodes":
 * a count of episodes the clause cannot be turned round for is asked of the
 * show (or the season the sentence names) directly.
 */
function episodesOf(sentence: Sentence, number: NumberMention, show: string): string | null {
  // "twelve new episodes", "26 eleven-minute episodes": still the episodes of the show.
  if (!/(?:^|\s)episodes$/.test(number.unit) || show === "the series") return null;
  const before = sentence.text.slice(0, number.start);
  // "the remaining ten episodes", "two episodes a week": part of a season, not its size.
  // (But "a single season of ten episodes", "an anthology drama of twelve stand-alone episodes" is the whole run.)
  const whole = /\b(?:season|series|drama|comedy|thriller|anthology|run|order|adaptation) of\s*$/i.test(before);
  if ((!whole && /\b(?:remaining|first|last|next|final|other|with|of)\s*$/i.test(before)) || /^\s*episodes\s+(?:a|per|each|on|at)\b/i.test(sentence.text.slice(number.end))) return null;
  const season = sentence.text.match(SEASON_ORDINAL)?.[1]?.toLowerCase();
  const past = /\b(?:had|ran|aired|was|were|finished|cancell?ed)\b/.test(sentence.text);
  return `How many episodes ${past ? "did" : "does"} ${season ? `the ${season} of ${show}` : show} have?`;
}

/**
 * Counts a quizmaster asks in set words, whatever the sentence's shape: how
 * long each episode runs ("26 eleven-minute episodes", "seven episodes, each
 * about fifty minutes long"), how many copies the source novel sold and into
 * how many languages it was translated, how many signed a fans' petition.
 */
function setCount(sentence: Sentence, number: NumberMention, show: string, work: string | null, adapted: boolean): string | null {
  if (show === "the series") return null;
  const before = sentence.text.slice(0, number.start);
  const after = sentence.text.slice(number.end);
  if (number.unit === "minutes" && (/^-minute episodes?\b/.test(after) || (/\bepisodes?\b/.test(sentence.text) && /\b(?:each|every|of)(?: about| around| roughly| some)?\s*$/.test(before))))
    return `How many minutes long is each episode of ${show}?`;
  // The show's source by its title, else "the novel behind X" where the article says the show is adapted from one.
  const book = work ?? (/\bnovel\b/.test(before) && adapted ? `the novel behind ${show}` : null);
  if (book && number.unit === "copies" && /\bsold\b|\bselling\b/.test(sentence.text) && !/\bepisodes?\b/.test(before)) return `How many copies has ${book} sold?`;
  if (book && number.unit === "languages" && /\btranslated into (?:more than |over |some )?$/.test(before)) return `Into how many languages has ${book} been translated?`;
  if (number.unit === "signatures" && /\b(?:petition|campaign)\b/i.test(sentence.text)) return `How many signatures did the fans' petition for ${show} gather?`;
  return null;
}

const APPROXIMATELY = "(?:about |around |roughly |nearly |almost |some |just |only |more than |over |an estimated )?";
/** "the ceremony", "the season finale", "the first episode", "the second season": what an audience watched. */
const WATCHED = /\b(?:the|its) ((?:(?:first|second|third|fourth|fifth|final|last|opening|season|series) )?(?:ceremony|finale|premiere|pilot|debut|episode|season|broadcast))\b/gi;

/**
 * A count a quizmaster asks in set words when its clause cannot be turned
 * round: how long the shoot took ("Filmed over eighteen months" → "For how
 * many months was X filmed?"), how big the cast or crew is ("a crew of about
 * 220 people"), how many watched ("the ceremony … drew 3.2 million viewers").
 */
function countOf(sentence: Sentence, number: NumberMention, show: string): string | null {
  const before = sentence.text.slice(0, number.start);
  const unit = number.unit;
  if (/^(?:days|weeks|months)$/.test(unit) && new RegExp(`(?:^[Ff]ilmed(?: over| for| in)?|\\b(?:[Ff]ilming|filmed|shot|[Ss]hoot|[Ss]hooting|[Pp]rincipal photography)\\b(?![^,;]*\\b(?:built|build|building)\\b)[^;]{0,80}\\b(?:over|for|after|took|lasted|spent|in)) ${APPROXIMATELY}$`).test(before))
    return show === "the series" ? null : `For how many ${unit} was ${show} filmed?`;
  const group = before.match(new RegExp(`\\ba (cast|crew|team|choir|ensemble) of ${APPROXIMATELY}$`, "i"));
  if (group && /(?:s|people)$/.test(unit) && show !== "the series") return `How many ${unit} were in the ${group[1]!.toLowerCase()} of ${show}?`;
  if (/^(?:viewers|people|households)$/.test(unit) && /\b(?:watch\w*|drew|draws|averag\w+|audience|tuned in)\b/.test(sentence.text)) {
    const part = [...before.matchAll(WATCHED)].at(-1)?.[1]?.toLowerCase();
    if (!part) return null;
    const what = part === "ceremony" || part === "broadcast" ? `the ${part}` : show === "the series" ? null : `the ${part} of ${show}`;
    if (!what) return null;
    return /\baverag\w+\s+(?:\w+\s+)?$/.test(before) ? `How many ${unit} did ${what} average?` : `How many ${unit} watched ${what}?`;
  }
  return null;
}

/**
 * "Nightjar lost almost half of its audience, dropping to 1.1 million
 * viewers" → "To how many viewers did Nightjar drop?": a participle after a
 * comma, asked of the name the sentence opens with.
 */
function participle(sentence: Sentence, number: NumberMention, show: string): string | null {
  const before = sentence.text.slice(0, number.start);
  const m = before.match(/,\s+([a-z]+ing)\s+(to|by|from)\s+(?:(?:only|just|nearly|almost|about|around|roughly|some|more than|fewer than|less than)\s+)?$/);
  const opener = sentence.names[0];
  if (!m || !opener || opener.start !== 0) return null;
  const subject = opener.text;
  if (subject !== show && !sentence.text.startsWith(show)) return null;
  const base = nlp(m[1]!).verbs().toInfinitive().text().trim();
  if (!base || /\s/.test(base)) return null;
  return `${upper(m[2]!)} how many ${number.unit} did ${subject} ${base}?`;
}

/**
 * A quotation whose "she", "his" or "him" the quotation itself does not
 * explain ("She has lost everything except her temper"): asked as written,
 * nobody knows who is meant. A name or a noun before the pronoun explains it
 * ("Tomasz went off to make his own show", "Dad never raised his voice").
 */
export function unexplainedPronoun(quote: string): boolean {
  const terms = (nlp(quote).json() as Array<{ terms: Array<{ text: string; tags: string[] }> }>).flatMap((s) => s.terms);
  const at = terms.findIndex((t) => /^(?:he|she|him|her|his|hers|himself|herself)$/i.test(t.text));
  if (at < 0) return false;
  return !terms.slice(0, at).some((t) => t.tags.includes("ProperNoun") || t.tags.includes("Person") || (t.tags.includes("Noun") && !t.tags.includes("Pronoun") && !t.tags.includes("Gerund")));
}

/** A quotation's opening that needs what came before: a reply or a dependent clause ("When the sun goes out…", "at least one more summer"). */
const CONTINUES = /^(?:or|only|then|also|after that|that|this|it's|which|when|while|because|with|without|for|at|in|on|by|from|to|not|about|around|over|under|more|less|most|some|all|many|just|even|still|again|well|oh|ask|exactly|absolutely|of course|much|very|quite|really|definitely|probably|maybe|perhaps|not really)\b/i;
/** A reply's first words, left out: "No. The ending was locked in March", "But Brightwater is…". */
const REPLY = /^(?:(?:no|yes|well|oh|look|honestly|sure|right)[.,!]\s+|(?:and|but|so)\s+(?=\p{Lu}))/iu;
/** What a TV article's "it" stands for when a quotation says it: the show. */
const SHOW_WORD = /\b(?:show|series|comedy|drama|thriller|season|episode|film|story|script|pilot)\b/i;

/**
 * A quotation as a quizmaster would ask "Who said…?" about it: a line that
 * stands on its own, without a reply's first word ("No.", "But"). Null for a
 * clause that leans on what came before ("When the sun goes out in episode
 * one", "not in a hurry", "And to remind me…"), for a line of under five
 * words, and for one whose "it" or "them" is outside it ("I keep it to
 * remind me…"; "We pitched it as a workplace comedy" is about the show).
 */
export function quotation(quote: string): string | null {
  const text = quote.trim().replace(/^["“'‘]|["”'’]$/g, "").replace(REPLY, "");
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length < 5 || CONTINUES.test(text)) return null;
  // "it" or "them" before any noun of the quotation's own: what it stands for was said elsewhere.
  const terms = (nlp(text).json() as Array<{ terms: Array<{ text: string; tags: string[] }> }>).flatMap((s) => s.terms);
  const at = terms.findIndex((t) => /^(?:it|them)$/i.test(t.text) && t.tags.includes("Pronoun"));
  const noun = (t: { text: string; tags: string[] }) => t.tags.includes("Noun") && !t.tags.includes("Pronoun") && !/^(?:any|some|every|no)(?:one|body|thing)$|^one$/i.test(t.text);
  if (at >= 0 && !terms.slice(0, at).some(noun) && !SHOW_WORD.test(text)) return null;
  // A press release's stock words say nothing of who said them: "thrilled and a little surprised", "We are delighted to…".
  if ((/^\p{Ll}/u.test(text) && !terms.some(noun)) || /^(?:we|i)(?:['’]re| are| am|['’]m) (?:so |very |incredibly |truly )?(?:thrilled|delighted|excited|proud|honou?red|pleased)\b/i.test(text)) return null;
  return text;
}

/** Words that stand for the show, or a part of it, when the prompt does not name it. */
const PART_OF_SHOW = /\b(the (?:(?:first|second|third|fourth|fifth|final|last|new|latest|opening|premiere|pilot) )*(?:(?:season|series) (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten) (?:finale|premiere|opener|episode)|season|episode|finale|premiere|pilot|trailer|showrunner|production|cast|debut|shoot))\b(?! of\b)/;

/**
 * A number's stem that a quizmaster would send back: a place or a thing left
 * behind ("…shooting the last season of Greywater there?", "…record for
 * it?"), a verb without its object ("How many weeks did X spend?"), words
 * turned round ("…on the seen broadcast?", "…Kuura's finale alone seen?") or
 * a second number the answer runs to ("From how many episodes… to ten?").
 */
export function garbledNumber(prompt: string): boolean {
  return /\b(?:there|here|it|them|alone seen)\?$|\bspen[dt]\?$|\bthe seen\b|\bacross was\b|^From how many\b.*\bto \S+\?$/i.test(prompt);
}

/** What makes a line about a show rather than about a knee or a towel: the show, a part of it, its story or its audience. */
const ABOUT_SHOW = /\b(?:show|series|comedy|drama|thriller|season|seasons|episode|episodes|film|story|stories|script|pilot|character|characters|scene|scenes|role|part|audience|audiences|viewers|novel|book|ending|finale|detective|genre|mystery|heroine|heroines|hero|heroes|villain)\b/i;

/** A line spoken in the first person: the speaker's own work, memory or choice. */
const STOCK_WORDS = /\b(?:thrilled|delighted|excited|honou?red|pleased|proud to|could(?:n['’]t| not) (?:ask for|be happier|be prouder|wish for)|can(?:no|['’])t wait|partner(?:ship)? with)\b/i;
const FIRST_PERSON = /\b(?:I|I['’]m|I['’]ve|I['’]d|me|my|My|we|We|we['’]re|We['’]re|us|our|Our)\b/;

/**
 * A quotation a quizmaster would attribute: a whole line that opens with a
 * capital, of 5 to 30 words, about the show (it names it or says show,
 * season, story, character, audience…) or in the speaker's own voice over
 * seven words or more ("I write the sea as if it were a landlord"). Not a
 * short aside ("My knees have not forgiven me") nor a critic's phrase ("the
 * calmest gunfighter on television"), and never about an unnamed show.
 */
export function worthAttributing(line: string, show: string): boolean {
  const count = line.split(/\s+/).filter(Boolean).length;
  if (show === "the series" || count < 5 || count > 30 || !/^[“"‘']?\p{Lu}/u.test(line) || !nlp(line).has("#Verb")) return false;
  // An ellipsis whose verb is in the question it answers ("Three seasons in, it still hasn't.").
  if (/\b\p{L}+n['’]t[.!?,]/u.test(line)) return false;
  // A speaker's own line of seven words or more ("I write the sea as if it were a landlord"): what an interview is for.
  // (Never a press release's stock words: "We could not ask for a better team".)
  if (count >= 7 && FIRST_PERSON.test(line) && !STOCK_WORDS.test(line)) return true;
  return line.includes(show) || ABOUT_SHOW.test(line);
}

/**
 * "How many episodes arrived at once?" → "How many episodes of Harbor Lights
 * arrived at once?"; "…did The Northern Review give it?" → "…give Copperline?";
 * "the premiere episode" → "the premiere episode of Harbor Lights": a prompt
 * about a show names it. Unchanged when it already names a show the article
 * names, or when none of these forms fits.
 */
export function namingShow(prompt: string, show: string | null, shows: ReadonlySet<string>): string {
  if (!show || show === "the series" || [...shows, show].some((s) => prompt.includes(s))) return prompt;
  const object = prompt.replace(/\b(give|gave|rate|rated|call|called|renew|renewed|order|ordered) it\b/, `$1 ${show}`);
  if (object !== prompt) return object;
  const part = prompt.replace(PART_OF_SHOW, `$1 of ${show}`);
  if (part !== prompt) return part;
  const owned = prompt.replace(/\bits (trailer|premiere|finale|debut|pilot|cast|showrunner|first|second|third|final|last|new|latest)\b/, `${possessive(show)} $1`);
  if (owned !== prompt) return owned;
  // "How many episodes of the first season…" → "…of the first season of Eko Nights…"; else "How many episodes of Eko Nights…".
  const counted = prompt.match(/^((?:\p{Lu}\p{Ll}* )?how many (?:episodes|seasons|parts|chapters|instalments|installments))( of the (?:\w+ )?season)?\b/iu);
  if (counted) return prompt.replace(counted[0], `${counted[0]} of ${show}`);
  return prompt;
}

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
/** Eight words in a row shared with one stretch of the sentence between full stops ("3 a.m. Eastern" is a stop). */
export function copiesEightWords(prompt: string, sentence: string): boolean {
  // A quotation the question asks about is quoted on purpose.
  const own = words(prompt.replace(/“[^”]*”/g, " "));
  const stretches = sentence.split(/(?<=[.!?])\s+/).map((part) => ` ${words(part).join(" ")} `);
  for (let i = 0; i + 8 <= own.length; i++) if (stretches.some((t) => t.includes(` ${own.slice(i, i + 8).join(" ")} `))) return true;
  return false;
}

/**
 * The festival or awards an article covers: the name ending in "Festival",
 * "Awards" or "Series Days" it gives most often (the first on a tie), without
 * a leading "The" ("Vistula Series Days", "North Sea Television Awards").
 */
export function eventOf(article: Article): string | null {
  const counts = new Map<string, number>();
  for (const s of article.sentences)
    for (const n of s.names) {
      const name = n.text.replace(/^The /, "");
      if (/\S \S+ (?:Festival|Awards|Series Days|Fest)$/u.test(name) || /^\p{Lu}\S* (?:Festival|Awards|Series Days|Fest)$/u.test(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  const named = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (named) return named;
  // A festival named without the word ("won the Grand Prize at Series Mania"): the name after "at" in a sentence about a
  // prize or a jury, that is no place, no show and no person, so an award's question says which awards.
  // "the ninth edition of the Séries Nord festival": a name the article itself calls a festival.
  for (const s of article.sentences)
    for (const n of s.names) if (/^ (?:festival|awards)\b/.test(s.text.slice(n.end)) && !REGIONS.has(n.text)) return `${n.text} ${s.text.slice(n.end + 1).match(/^\w+/)![0]}`;
  const awarding = /\b(?:won|wins|win|took|takes|awarded|prize|award|mention|jury|honou?red)\b/;
  for (const s of article.sentences) {
    if (!awarding.test(s.text)) continue;
    for (const n of s.names) {
      const before = s.text.slice(0, n.start);
      if (/\bat (?:the )?$/.test(before) && n.text.includes(" ") && !REGIONS.has(n.text) && !nlp(n.text).has("(#Place|#Person)") && !/\b(?:Studios?|Th[ée]{1,2}[aâ]tre|Theater|Hall|Centre|Center|Palais|Palace|Cinema|Kino|Hotel|Arena|Museum|Opera|Square|Park)\b/u.test(n.text))
        // "the Series Mania festival": the kind of event the article says it is, so "the …" reads.
        return `${n.text} ${article.sentences.some((x) => /\bceremony\b/i.test(x.text)) && !article.sentences.some((x) => /\bfestival\b/i.test(x.text)) ? "ceremony" : "festival"}`;
    }
  }
  return null;
}

/** "When did Harbor Lights premiere?", "When was … renewed for a second season?" */
function whenPrompt(fact: Extract<Fact, { relation: "when" }>): string | null {
  if (fact.event === "renewal") return `When was ${fact.subject}?`;
  if (fact.event === "other" || !fact.verb) return null;
  if (fact.verb === "released") return `When was ${fact.subject} released?`;
  return `When ${fact.past ? "did" : "does"} ${fact.subject} ${fact.verb}?`;
}

export function writeQuestions(options: { article: Article; reading: Reading; title: string }): Candidate[] {
  const { article, reading } = options;
  const allEntities = [...reading.entities.values()];
  // Actors before other people; a state or country is never a wrong town.
  const actors = new Set(reading.facts.flatMap((f) => (f.relation === "plays" || f.relation === "stars" ? ("actor" in f ? [f.actor.name] : f.people.map((p) => p.name)) : [])));
  const makers = new Set(reading.facts.flatMap((f) => (["created", "produces", "wrote", "directs", "writes", "composes"].includes(f.relation) && "people" in f ? f.people.map((p) => p.name) : f.relation === "role" ? [f.person.name] : [])));
  const ofKind = (kind: EntityKind, lowercaseWord = false): string[] =>
    // Every show the article names is a wrong answer of the right kind for "Which series won…?".
    // (Shaped like the answer: "Les Enfants du Port" beside "Kraty" would stand out.)
    kind === "show" ? [...reading.shows].filter((s) => /\s\p{Ll}/u.test(s) === lowercaseWord) : allEntities
      .filter((e) => e.kind === kind && !(kind === "place" && REGIONS.has(e.name)))
      // A person is a whole name of two words or more, never an institution ("Golden Lantern Awards") or a label ("Q").
      .filter((e) => kind !== "person" || (/\s/.test(e.name) && !ORGANISATION.test(e.name) && !institution(e.name) && !notAPerson(e.name)))
      .map((e) => e.name)
      .sort((a, b) => Number(actors.has(b)) - Number(actors.has(a)));
  const people = allEntities.filter((e) => e.kind === "person");
  /** A day ("Wednesdays") or a place ("Berlin") read as what carries a show. */
  const notAService = (name: string) => /^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?$/.test(name) || REGIONS.has(name) || (!REAL_SERVICES.has(name) && nlp(name).has("#Place") && !nlp(name).has("#Organization"));
  /** Never a person, whatever a rule guessed: a title ("The Barrister Who Quit", "Best Comedy Series"), a show, a headline's words ("Nordic Streamer Lumo Signs", "Leipzig Comedy Schrebergarten"), a place ("Leeds", "Kakheti" of "Georgia's Kakheti"), an abbreviation ("U.S"). */
  const notAPerson = (name: string) =>
    // A person's answer is a whole name: one word ("Kaldur", "Nepali", "Yogyakarta") is a rule's misreading.
    !name.trim().includes(" ") ||
    /^(?:The|Best|A|An|Our|Its|His|Her)\b/.test(name) ||
    reading.shows.has(name) ||
    reading.episodes?.has(name) === true ||
    // A headline's run that holds a show's title ("Meridian House Adds Five").
    [...reading.shows].some((show) => show.length > 3 && ` ${name} `.includes(` ${show} `)) ||
    REGIONS.has(name) ||
    /\b(?:Streamer|Signs|Series|Season|Episode|Show|Drama|Comedy|Thriller)\b/.test(name) ||
    /^(?:\p{Lu}\.)+\p{Lu}?\.?$|^\p{Lu}\.\p{Lu}$/u.test(name) ||
    (!name.includes(" ") && nlp(name).has("#Place")) ||
    reading.entities.get(name)?.kind === "place" ||
    // "whose film Winter Tram won…": a work the article names as one is no person.
    texts.some((t) => t.includes(`${name}`) && new RegExp(`(?<!\\bof )\\b(?:film|films|series|novel|book|show|drama|comedy|documentary|play|album|song) ${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).test(t));
  // Not a person: what compromise's model tags a place or an organisation, or a name the article writes as an event or institution ("the fourth Vistula Series Days festival").
  const texts = article.sentences.map((s) => s.text);
  const institutions = new Map<string, boolean>();
  function institution(name: string): boolean {
    if (!institutions.has(name)) institutions.set(name, readAsInstitution(name));
    return institutions.get(name)!;
  }
  function readAsInstitution(name: string): boolean {
    if (nlp(name).has("(#Place|#Organization)")) return true;
    // "the Angoulême studio Papier Lune", "the distributor Northlight Sales": a company by the noun before it.
    if (texts.some((t) => t.includes(` ${name}`) && new RegExp(`\\b(?:studio|company|outfit|production house|distributor|broadcaster|network|streamer|channel|publisher|label)['’]?s? ${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).test(t))) return true;
    // "the first, Mlok Goes Upstream, appeared…": a title of three words or more with a verb inside is no one's name.
    if (name.split(" ").length >= 3 && nlp(name.split(" ").slice(1, -1).join(" ")).has("#PresentTense")) return true;
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const context = new RegExp(`(?:\\b(?:the|its) (?:\\d+\\w*|first|second|third|fourth|fifth|annual|\\w+th) ${escaped}|${escaped} (?:festival|awards?|ceremony|gala|network|channel|company|studios?|prize|jury|conference|market)\\b)`, "i");
    return texts.some((t) => context.test(t));
  }
  const allDates = article.sentences.flatMap((s) => s.dates);
  const articleText = article.sentences.map((s) => s.text).join(" ");
  const event = eventOf(article);
  const adapted = article.sentences.some((s) => /\b(?:based on|adapted from|adaptation of)\b/.test(s.text));
  /** "the ceremony", "the festival", "this year's edition": the event by its name ("the North Sea Television Awards ceremony"). */
  const namingEvent = (prompt: string) => (event ? prompt.replace(/\b(?:[Tt]he|[Tt]his year['’]s) (ceremony|festival|edition)\b/, (_m, what: string) => (what === "ceremony" && /Awards$/.test(event) ? `the ${event} ceremony` : `the ${event}`)) : prompt);
  const candidates: Candidate[] = [];
  const source = (s: Sentence) => [{ article: options.title, paragraph: s.paragraph, fact: s.text.slice(0, 600) }];
  // Same relation, other answers: each is also right, so never a distractor.
  const sameRelation = (relation: Fact["relation"]) =>
    reading.facts.flatMap((f) => (f.relation !== relation ? [] : "people" in f ? f.people.map((p) => p.name) : "company" in f ? [f.company.name] : "winner" in f ? [f.winner.name] : "person" in f ? [f.person.name] : "place" in f ? [f.place.name] : "service" in f ? [f.service.name] : []));
  /**
   * A shared credit the rules may read only in part ("Anders Moe directed the first four episodes, while Lise Brekke
   * directed the last four", "co-directed with…"): every person in a sentence that uses the credit's verb is also right,
   * so never a wrong option beside the one asked.
   */
  const CREDIT_VERB: Partial<Record<Fact["relation"], RegExp>> = {
    directs: /\b(?:co-)?direct(?:s|ed|ing|or|ors)?\b/i,
    writes: /\b(?:co-)?(?:writ(?:es|ten|ing|er|ers)|wrote)\b/i,
    produces: /\bexecutive(?:[ -]produc\w*)?\b/i,
    created: /\b(?:co-)?creat(?:ed|or|ors|es)\b/i,
    composes: /\b(?:compos\w*|score)\b/i,
  };
  const coCredited = (relation: Fact["relation"]): string[] => {
    const verb = CREDIT_VERB[relation];
    if (!verb) return [];
    // The clause that uses the verb ("written by A and directed by B": B only).
    const clauses = article.sentences.flatMap((s) => s.text.split(/[,;:]|\s(?:while|whereas|but)\s|\sand (?=(?:co-)?(?:directed|written|produced|created|composed|scored|executive)\b)/));
    const named = new Set(clauses.filter((c) => verb.test(c)).join(" | ").match(/\p{Lu}[\p{L}'’-]*(?: (?:\p{Lu}[\p{L}'’-]*|van|von|de|da|der|del|la|le|du|di|bin)){1,4}/gu) ?? []);
    return people.map((p) => p.name).filter((n) => named.has(n));
  };
  let position = 0;
  const counts = new Map<string, number>();
  const next = (what: string) => {
    const n = counts.get(what) ?? 0;
    counts.set(what, n + 1);
    return n;
  };

  const add = (fact: Fact, question: Draft, keys: string[], penalty = 0) => {
    const group = fact.relation === "said" ? `said:${norm(fact.person.name)}` : undefined;
    // Outside a quotation it asks about, a prompt never reads its sentence out.
    if (copiesEightWords(question.prompt, fact.sentence.text)) return;
    // A number is asked of a show the prompt names ("How many viewers watched the ceremony?" has no subject), and
    // where the article covers several shows every question but an award's or a jury's names the one it is about.
    // A number about a streamer, a distributor or a festival names that instead ("How many subscribers does Meridian+ have?").
    const namesShow = [...reading.shows].some((s) => question.prompt.includes(s));
    const namesOwner = question.kind === "number" && allEntities.some((e) => ["service", "company", "site", "work"].includes(e.kind) && ` ${question.prompt} `.includes(` ${e.name} `));
    // A festival's or a ceremony's own figure, host or date names the event ("How many tickets did the Vistula Series Days sell?").
    const namesEvent = event !== null && question.prompt.includes(event) && question.kind !== "truefalse";
    // A statement to judge names its show: "Priya Lal hosted the ceremony" is about no show a player knows.
    if (question.kind === "truefalse" && !namesShow) return;
    if (question.kind === "number" && (garbledNumber(question.prompt) || (!namesShow && !namesEvent && /\bthe (?:cancellation|renewal|deal|ceremony|festival)\b/.test(question.prompt)))) return;
    if (!namesShow && !namesOwner && !namesEvent && (question.kind === "number" || (reading.shows.size > 1 && fact.relation !== "award" && fact.relation !== "jury" && !(fact.relation === "role" && fact.org)))) return;
    // Without a title the prompts say "the series", which may not be what the article is about.
    const untitled = reading.title === null && fact.relation !== "count" ? 0.25 : 0;
    const confidence = Math.max(0.05, Math.min(0.99, Math.round((fact.strength - penalty - untitled) * 100) / 100));
    const difficulty = question.kind === "truefalse" ? "easy" : question.kind === "text" || question.kind === "order" ? "hard" : question.kind === "number" ? (/episodes|seasons/.test(question.prompt) ? "medium" : "hard") : "medium";
    candidates.push({ question: { ...question, confidence, difficulty, topic: TOPIC[fact.relation] }, confidence, sentence: fact.sentence, keys, ...(group ? { group } : {}) });
  };

  /** The curated real entities that may stand beside this answer, and how many of them. */
  const curatedFor = (fact: Fact, kind: EntityKind, answer: string): { curated: readonly string[]; maxCurated: number } => {
    const curated =
      kind !== "person"
        ? (CURATED[kind] ?? [])
        : ["plays", "stars"].includes(fact.relation)
          ? CURATED_PEOPLE.actors
          : ["created", "produces", "wrote", "directs", "writes", "role"].includes(fact.relation)
            ? CURATED_PEOPLE.makers
            : [...CURATED_PEOPLE.actors, ...CURATED_PEOPLE.makers];
    // A real answer may stand among real names; an invented one beside two real ones would be the odd one out.
    // Who said it in this article: a famous name beside the article's people is no fair wrong answer.
    if (fact.relation === "said") return { curated: [], maxCurated: 0 };
    const real = kind === "site" || (kind === "service" && REAL_SERVICES.has(answer)) || (kind === "place" && !(fact.relation === "set" && fact.fictional)) || curated.includes(answer);
    // Places of the article's region first ("Larne": Derry, Galway, Cork rather than Tbilisi or Seville).
    return { curated: kind === "place" ? placesFor(articleText, `${answer}\u0000${fact.sentence.text}`) : curated, maxCurated: real ? 3 : 1 };
  };

  /**
   * One fact about a name, asked in a form that rotates over the article so
   * the draft mixes kinds and difficulties: mostly multiple choice, every
   * fourth typed (harder), now and then true or false (a wrong name of the
   * same kind from the article swapped in half of the time). Without three
   * fair wrong answers the fact is asked typed or as true or false instead.
   */
  const ask = (fact: Fact, a: { kind: EntityKind; answer: Entity; prompt: string; typed: string; statement: (name: string) => string; keys: string[]; alsoRight?: string[]; accepted?: string[] }) => {
    const alsoRight = [...(a.alsoRight ?? []), ...(a.answer.region ? [a.answer.region] : [])];
    // "Where was Hanoi Nights filmed? … Hanoi": a question that names its answer gives it away.
    if (` ${norm(a.prompt)} `.includes(` ${norm(a.answer.name)} `)) return;
    // A rule's guess that made a place, a show or a title a person (or a service of "U.S") is not asked.
    if (a.kind === "person" && notAPerson(a.answer.name)) return;
    if (a.kind !== "person" && /^(?:\p{Lu}\.)+\p{Lu}?\.?$|^\p{Lu}\.\p{Lu}$/u.test(a.answer.name)) return;
    if (a.kind === "service" && notAService(a.answer.name)) return;
    // Wrong answers in the right role: never the show's actors as its makers ("Maggie Q" as a wrong executive producer:
    // a lead is often a producer too), never its makers as its actors.
    const crew = ["created", "produces", "wrote", "directs", "writes", "composes", "role"].includes(fact.relation);
    const cast = fact.relation === "plays" || fact.relation === "stars";
    const inRole = ofKind(a.kind, /\s\p{Ll}/u.test(a.answer.name)).filter((name) => a.kind !== "person" || (!(crew && actors.has(name)) && !(cast && makers.has(name) && !actors.has(name))));
    const picked = pickDistractors({ answer: a.answer.name, kind: a.kind, prompt: a.prompt, article: inRole, alsoRight, ...curatedFor(fact, a.kind, a.answer.name) });
    const n = next("entity");
    // Four options or none: with fewer than three fair wrong answers the fact is typed.
    const fair = picked.options.length >= 3;
    // A false "X plays the son-in-law…" never pairs a family or gendered part with a name at random ("Polly Hartigan plays her son-in-law").
    const gendered = fact.relation === "plays" && GENDERED.test(fact.descriptor ?? "");
    const swap = gendered ? undefined : picked.article[0];
    // Asked typed because no three fair wrong answers exist: less sure than a question that chose its form.
    const typed = (penalty = 0.04) => {
      const accepted = a.accepted ?? acceptedNames(a.answer, a.kind === "person" ? people : []);
      // "Type the name of the actor who plays…" may read the sentence out where the short question does not.
      const prompt = copiesEightWords(a.typed, fact.sentence.text) ? a.prompt : a.typed;
      add(fact, { kind: "text", prompt, accepted, sources: source(fact.sentence) }, a.keys, penalty);
    };
    const trueFalse = (swapped: string) => {
      // True or false by the statement, not by its place in the draft: an article's first is not always true.
      const truthful = (seedOf(fact.sentence.text) + next("truefalse")) % 2 === 0;
      const statement = a.statement(truthful ? a.answer.name : swapped);
      add(fact, { kind: "truefalse", prompt: `True or false: ${statement}`, answer: truthful, sources: source(fact.sentence) }, a.keys, 0.1);
    };
    if (n % 4 === 3) return typed();
    // A statement that reads the sentence out is asked another way.
    // Never a quotation as true or false: a line with a name before it is no statement a player can judge.
    // A statement that names no show is no statement a player can judge (add() refuses it): asked another way, not lost.
    const statesShow = [...reading.shows].some((s) => a.statement(a.answer.name).includes(s));
    if (n % 7 === 5 && swap && statesShow && fact.relation !== "said" && !copiesEightWords(a.statement(a.answer.name), fact.sentence.text)) return trueFalse(swap);
    if (!fair) return typed(0.12);
    add(fact, { ...choice(a.prompt, a.answer.name, picked.options, position++), sources: source(fact.sentence) }, a.keys, 0.03 * picked.curated.length);
  };

  /**
   * A Q&A answer's own count ("Arrizabalaga: I spent three weeks walking the
   * old routes…") asked of its speaker: "How many weeks did Mateo Arrizabalaga
   * spend walking the old routes?". The label and "I" give way to the name.
   */
  function spokenCount(fact: Extract<Fact, { relation: "count" }>): string | null {
    const label = fact.sentence.text.match(/^[^:"“]{1,40}: I (?=[a-z]+ )/);
    const speaker = reading.facts.find((f) => f.relation === "said" && f.sentence === fact.sentence);
    if (!label || speaker?.relation !== "said" || fact.number.start < label[0].length) return null;
    const name = speaker.person.name;
    const shift = name.length + 1 - label[0].length;
    const text = `${name} ${fact.sentence.text.slice(label[0].length)}`;
    const moved = <T extends { start: number; end: number }>(x: T): T => ({ ...x, start: x.start + shift, end: x.end + shift });
    const sentence = { ...fact.sentence, text, names: [{ text: name, start: 0, end: name.length }, ...fact.sentence.names.filter((n) => n.start >= label[0].length).map(moved)], dates: fact.sentence.dates.filter((d) => d.start >= label[0].length).map(moved), numbers: fact.sentence.numbers.filter((n) => n.start >= label[0].length).map(moved) };
    const asked = howMany(sentence, moved(fact.number), fact.show ?? reading.title);
    // For which show: the interview's.
    const show = fact.show ?? reading.title;
    return asked && show && !asked.includes(show) ? asked.replace(/\?$/, ` for ${show}?`) : asked;
  }

  // A long article repeats sentences: each number's clause is turned into a question once.
  const turned = new Map<string, string | null>();
  for (const fact of reading.facts) {
    const show = fact.show ?? reading.title ?? "the series";
    switch (fact.relation) {
      case "plays": {
        const { actor, character } = fact;
        // "the mine captain Ezra Tregarthen"; "Thư's teenage niece, Ngọc," (a named possessive takes no article).
        // A long role ("the firm's hapless founder") would copy the sentence: the character's name is enough.
        // The role goes too when the prompt would read the sentence out ("X plays the lodger Ada Pim in Harrowgate Lane.").
        const short = fact.descriptor && fact.descriptor.split(" ").length <= 2 ? fact.descriptor : null;
        const descriptor = short && copiesEightWords(`Type the name of the actor who plays the ${short} ${character.name}, in ${show}.`, fact.sentence.text) ? null : short;
        const role = !descriptor ? "" : /^\p{Lu}\S*['’]s\b/u.test(descriptor) ? `${descriptor}, ` : `the ${descriptor} `;
        const comma = role.endsWith(", ") ? "," : "";
        const keys = [`plays:${norm(actor.name)}`, `plays:${norm(character.name)}`];
        // Always "Who plays …?": the character is what players remember and what a quizmaster asks (the actor → character form asks a weaker fact).
        // An animation's cast voices its characters.
        const plays = fact.voice ? "voices" : "plays";
        // One character, a voice per language: "in the English version of Mlok the Salamander".
        const where = fact.version ? `the ${fact.version} version of ${show}` : show;
        const versionKeys = fact.version ? [`plays:${norm(actor.name)}`, `plays:${norm(character.name)}:${norm(fact.version)}`] : keys;
        ask(fact, { kind: "person", answer: actor, prompt: `Who ${plays} ${role}${character.name}${comma} in ${where}?`, typed: `Type the name of the actor who ${plays} ${role}${character.name}${comma} in ${where}.`, statement: (name) => `${name} ${plays} ${role}${character.name}${comma} in ${where}.`, keys: versionKeys });
        break;
      }
      case "directs":
      case "writes":
      case "hosts":
      case "composes":
      case "stars": {
        const keys = fact.people.map((p) => `person:${fact.relation === "wrote" ? "author" : "crew"}:${norm(p.name)}:${fact.sentence.text}`).concat(`${fact.relation}:${norm(show)}`);
        const accepted = fact.people.flatMap((p) => acceptedNames(p, people));
        const ceremony = !fact.sentence.names.some((n) => n.text === show) && fact.sentence.text.match(/\b(ceremony|festival|gala|awards)\b/i)?.[1]?.toLowerCase();
        const [verb, noun] = ({ directs: ["directed", "director"], writes: ["wrote", "writer"], hosts: ["hosted", "host"], composes: [/\bscore\b/.test(fact.sentence.text) ? "composed the score of" : "composed the music for", "composer"], stars: ["stars in", "star"] } as const)[fact.relation];
        // A credit of one episode the article names by its title ("'Salt and Iron' was directed by…") is that episode's.
        const episode = [...(reading.episodes ?? [])].find((e) => fact.sentence.text.includes(e) && fact.sentence.text.indexOf(e) < fact.sentence.text.search(/\b(?:directed|written|wrote|directs|writes)\b/));
        const what = fact.relation === "hosts" && ceremony ? namingEvent(`the ${ceremony}`) : episode && (fact.relation === "directs" || fact.relation === "writes") ? `“${episode}”, an episode of ${show}` : show;
        ask(fact, { kind: "person", answer: fact.people[0]!, prompt: `Who ${verb} ${what}?`, typed: fact.relation === "stars" ? `Type the name of the ${noun} of ${what}.` : `Type the name of the person who ${verb} ${what}.`, statement: (name) => `${name} ${verb} ${what}.`, keys, alsoRight: [...sameRelation(fact.relation), ...coCredited(fact.relation)], accepted });
        break;
      }
      case "source":
        ask(fact, {
          kind: "work",
          answer: fact.work,
          prompt: `Which ${fact.kind} is ${show} based on?`,
          typed: `Type the title of the ${fact.kind} ${show} is based on.`,
          statement: (name) => `${show} is based on the ${fact.kind} ${name}.`,
          keys: [`source:${norm(show)}`, `work:${norm(fact.work.name)}`],
        });
        break;
      case "company": {
        const made = /\b(?:made|makes)\b/.test(fact.sentence.text) && !/\bproduc/.test(fact.sentence.text) ? "made" : "produced";
        ask(fact, {
          kind: "company",
          answer: fact.company,
          // The article's own verb: "made by Kelpie Films" → "made", else "produced".
          prompt: `Which company ${made} ${show}?`,
          typed: `Type the name of the company that ${made} ${show}.`,
          statement: (name) => `${name} ${made} ${show}.`,
          keys: [`company:${norm(show)}`],
          alsoRight: sameRelation("company"),
          // Typed: every company the article credits with this show is right (a co-producer), each also without its generic word ("Fjordlys" for "Fjordlys Films").
          accepted: [...new Set(reading.facts.flatMap((f) => (f.relation === "company" && (f.show ?? reading.title ?? "the series") === show ? [f.company] : [])).concat(fact.company).flatMap((c) => acceptedNames(c, [])))].slice(0, 10),
        });
        break;
      }
      case "award": {
        const prize = /^the /.test(fact.award) ? fact.award : /\b(?:award|prize|mention)$/.test(fact.award) ? `the ${fact.award}` : `the ${fact.award} award`;
        // "won the special mention" reads oddly: a mention is received.
        const won = /mention$/.test(prize) ? "received" : "won";
        // Which awards: the event the article covers, unless the sentence dates the prize to another year ("won the Crystal Globe in 2022").
        const named = event && !/\b(?:in|at the|at) (?:19|20)\d{2}\b/.test(fact.sentence.text) && !prize.includes(event) ? ` at the ${event}` : "";
        // (Not where naming it would read the headline out: "wins the Grand Prix at the Amber Coast Series Festival".)
        const at = named && copiesEightWords(`${won} ${prize}${named}`, fact.sentence.text) ? "" : named;
        ask(fact, {
          kind: fact.isShow ? "show" : "person",
          answer: fact.winner,
          prompt: fact.isShow ? `Which series ${won} ${prize}${at}?` : `Who ${won} ${prize}${at}?`,
          typed: fact.isShow ? `Which series ${won} ${prize}${at}? Type its title.` : `Type the name of the person who ${won} ${prize}${at}.`,
          statement: (name) => `${name} ${won} ${prize}${at}.`,
          keys: [`award:${norm(fact.award)}`],
        });
        break;
      }
      case "venue": {
        // "In which city is the Lumière Series Festival held?", "In which city was the Golden Lantern Awards ceremony held?"
        if (!event) break;
        // Awards are a ceremony, held once ("was the Golden Lantern Awards ceremony held"); a festival is held there every year.
        const ceremony = fact.what === "ceremony" || /Awards$/.test(event);
        const what = ceremony && /Awards$/.test(event) ? `the ${event} ceremony` : `the ${event}`;
        const is = !ceremony ? (/s$/.test(event) ? "are" : "is") : fact.future ? "will be" : "was";
        const held = is === "will be" ? `will ${what} be held` : `${is} ${what} held`;
        ask(fact, {
          kind: "place",
          answer: fact.place,
          prompt: `In which city ${held}?`,
          typed: `Type the name of the city where ${what} ${is} held.`,
          statement: (name) => `${upper(what)} ${is} held in ${name}.`,
          keys: [`venue:${fact.what}`],
        });
        break;
      }
      case "role": {
        // "Who is the cinematographer of Glasswater?", "Who narrated The Fifth Stage?", "Who is Lumo's chief content officer?"
        const what = fact.org ? `${possessive(fact.org)} ${fact.role}` : fact.role === "narrator" ? null : `the ${fact.role} of ${show}`;
        ask(fact, {
          kind: "person",
          answer: fact.person,
          prompt: what ? `Who is ${what}?` : `Who narrated ${show}?`,
          typed: what ? `Type the name of ${what}.` : `Type the name of the person who narrated ${show}.`,
          statement: (name) => (what ? `${name} is ${what}.` : `${name} narrated ${show}.`),
          keys: [`role:${norm(fact.role)}:${norm(fact.org ?? show)}`],
          alsoRight: sameRelation("role").filter(() => false),
        });
        break;
      }
      case "jury":
      {
        const jury = event ? `the jury of the ${event}` : "the festival's jury";
        ask(fact, { kind: "person", answer: fact.person, prompt: `Who led ${jury}?`, typed: `Type the name of the person who led ${jury}.`, statement: (name) => `${name} led ${jury}.`, keys: ["jury"] });
      }
        break;
      case "created":
      case "produces":
      case "wrote": {
        const [first] = fact.people;
        const keys = fact.people.map((p) => `person:${fact.relation === "wrote" ? "author" : "crew"}:${norm(p.name)}:${fact.sentence.text}`).concat(`${fact.relation}:${norm(show)}`);
        const accepted = fact.people.flatMap((p) => acceptedNames(p, people));
        // Everyone the article credits so for this show, in any sentence: each is right ("Other executive producers include…").
        // No count in the stem: a sentence's "A and B" is not all of them, and a rule may miss one the article names.
        const credited = [...new Map(reading.facts.flatMap((f) => (f.relation === fact.relation && (f.show ?? reading.title ?? "the series") === show ? f.people : [])).map((p) => [p.name, p])).values()];
        // Ten forms at most: whole names first, then family names alone, then the other orders.
        const forms = credited.flatMap((p) => acceptedNames(p, people));
        const anyOf = [...new Set([...credited.map((p) => p.name), ...forms.filter((f) => !f.includes(" ")), ...forms])].slice(0, 10);
        if (fact.relation === "created" && fact.people.length > 1) {
          add(fact, { kind: "text", prompt: `Name one of the people who created ${show}.`, accepted: anyOf, sources: source(fact.sentence) }, keys, 0.04);
          break;
        }
        // "Executive producers are A, B and C": any of them is right.
        if (fact.relation === "produces" && fact.people.length > 1 && credited.length <= 10) {
          add(fact, { kind: "text", prompt: `Name one of the executive producers of ${show}.`, accepted: anyOf, sources: source(fact.sentence) }, keys, 0.04);
          break;
        }
        // "Whose novel is…", "Whose novels are…": as many as the sentence says.
        const work = /\b(?:novels|books)\b/.test(fact.sentence.text) ? "novels are" : /\bbook\b/.test(fact.sentence.text) ? "book is" : "novel is";
        const [prompt, typed, statement] =
          fact.relation === "created"
            ? [`Who created ${show}?`, `Type the name of the person who created ${show}.`, (name: string) => `${name} created ${show}.`]
            : fact.relation === "wrote"
              ? [`Whose ${work} ${show} based on?`, `Type the name of the author whose ${work} ${show} based on.`, (name: string) => `${show} is based on ${work.startsWith("novels") ? "novels" : "a novel"} by ${name}.`]
              : [`Who is an executive producer of ${show}?`, `Type the name of an executive producer of ${show}.`, (name: string) => `${name} is an executive producer of ${show}.`];
        ask(fact, { kind: "person", answer: first!, prompt, typed, statement, keys, alsoRight: [...sameRelation(fact.relation), ...coCredited(fact.relation)], accepted: fact.relation === "wrote" ? accepted : anyOf });
        break;
      }
      case "filmed":
      case "set": {
        const noun = fact.sentence.text.match(/\b(town|city|village|island|port)\b/)?.[1];
        const filmed = fact.relation === "filmed";
        const prompt = filmed
          ? `Where was ${show} filmed?`
          : noun && !/^(?:New|North|South)/.test(fact.place.name)
            ? `${noun === "island" ? "On" : "In"} which ${fact.fictional ? "fictional " : ""}${noun} is ${show} set?`
            : `Where is ${show} set?`;
        ask(fact, {
          kind: "place",
          answer: fact.place,
          prompt,
          typed: `Type the name of the place where ${show} ${filmed ? "was filmed" : "is set"}.`,
          statement: (name) => `${show} ${filmed ? "was filmed" : "is set"} in ${name}.`,
          keys: [`${fact.relation}:${norm(show)}`, `place:${norm(fact.place.name)}`],
          alsoRight: sameRelation(fact.relation),
        });
        break;
      }
      case "service": {
        // What the article calls it, in any sentence that names it.
        const word =
          article.sentences
            .filter((s) => s.text.includes(fact.service.name))
            .map((s) => s.text.match(/\b(network|channel|streaming service|streamer|broadcaster)\b/)?.[1])
            .find((w) => w !== undefined) ??
          // Else the one word the article uses for what carries its shows ("the network said"), if it uses only one.
          ((words) => (words.size === 1 && !REAL_SERVICES.has(fact.service.name) ? [...words][0] : undefined))(new Set(article.sentences.flatMap((s) => [...s.text.matchAll(/\b[Tt]he (network|channel|streamer|broadcaster)\b/g)].map((m) => m[1]!)))) ??
          "streaming service";
        const acted = ["released", "renewed", "ordered", "cancelled", "announced", "greenlit", "picked up", "launched"].includes(fact.verb);
        // A ratings story's cancellation: which of the shows it names was cancelled (the others are the wrong answers).
        if (fact.verb === "cancelled" && reading.shows.size > 1 && fact.show) {
          const cancelled = reading.facts.flatMap((f) => (f.relation === "service" && f.verb === "cancelled" && f.service.name === fact.service.name && f.show ? [f.show] : []));
          ask(fact, {
            kind: "show",
            answer: { kind: "show", name: show },
            prompt: `Which series did ${fact.service.name} cancel?`,
            typed: `Which series did ${fact.service.name} cancel? Type its title.`,
            statement: (name) => `${fact.service.name} cancelled ${name}.`,
            keys: [`cancelled:${norm(fact.service.name)}`],
            alsoRight: cancelled,
          });
          break;
        }
        ask(fact, {
          kind: "service",
          answer: fact.service,
          prompt: acted ? `Which ${word} ${fact.verb} ${show}?` : `On which ${word} is ${show} shown?`,
          typed: acted ? `Type the name of the ${word} that ${fact.verb} ${show}.` : `Type the name of the ${word} that shows ${show}.`,
          statement: (name) => (acted ? `${name} ${fact.verb} ${show}.` : `${show} is shown on ${name}.`),
          keys: [`service:${norm(show)}`, `service:${norm(fact.service.name)}`],
          alsoRight: sameRelation("service"),
          // Typed: every service the article says carries this show is right ("premieres on HBO… and streams on Max").
          accepted: [...new Set([fact.service.name, ...reading.facts.flatMap((f) => (f.relation === "service" && (f.show ?? reading.title) === fact.show && !["cancelled", "renewed", "ordered"].includes(f.verb) === !acted ? [f.service.name] : []))])].filter((n) => !notAService(n)).slice(0, 10),
        });
        break;
      }
      case "site":
        ask(fact, {
          kind: "site",
          answer: fact.site,
          prompt: `On which review site did ${show} have ${fact.what}?`,
          typed: `Type the name of the review site where ${show} had ${fact.what}.`,
          statement: (name) => `${show} had ${fact.what} on ${name}.`,
          keys: ["site", `site:${norm(fact.site.name)}`],
        });
        break;
      case "said": {
        // Only words worth attributing: a whole line (not a reply, not a scrap of a sentence) of 5 to 30 words that
        // is about the show (names it, a part of it or one of its characters), not an aside about the shoot.
        const said = quotation(fact.quote);
        if (said === null || !worthAttributing(said, show)) break;
        // "She has lost everything…": whoever "she" is, the line needs more than itself; not asked.
        if (unexplainedPronoun(said)) break;
        // A quotation that names its speaker ("Okonkwo is proud…" said by Okonkwo) answers itself.
        if (withoutTitle(fact.person.name).split(/[\s-]+/).some((w) => w.length >= 3 && ` ${norm(said)} `.includes(` ${norm(w)} `))) break;
        const quote = `“${said.replace(/[.,]$/, "")}”`;
        // The stem names the show the line is about, unless the line itself does. A line naming another show is
        // about that one; where the article covers several shows, a line naming none may be about any of them.
        const names = [...reading.shows].filter((s) => said.includes(s));
        if (names.some((s) => s !== show) || (names.length === 0 && reading.shows.size > 1)) break;
        const about = names.length > 0 ? "" : ` this about ${show}`;
        ask(fact, { kind: "person", answer: fact.person, prompt: `Who said${about}: ${quote}?`, typed: `Type the name of the person who said${about}: ${quote}.`, statement: (name) => `${name} said${about}: ${quote}.`, keys: [`said:${fact.quote}`] });
        break;
      }
      case "when":
        addDate(fact);
        break;
      case "era": {
        // "In which year is The Long Paddock set?": four years, the article's own other years of the story's century first.
        const others = [...new Set(article.sentences.flatMap((s) => [...s.text.matchAll(/\b((?:1[0-9]|2[0-9])\d{2})\b/g)].map((m) => Number(m[1]))))].filter((y) => y !== fact.year && Math.abs(y - fact.year) <= 40);
        const near = [-7, 5, 12, -3, 9].map((d) => fact.year + d).filter((y) => y !== fact.year && !others.includes(y));
        const years = [...others.slice(0, 2), ...rotated(near.map(String), String(fact.year)).map(Number)].slice(0, 3).map(String);
        add(fact, { ...choice(`In which year is ${show} set?`, String(fact.year), years, position++), sources: source(fact.sentence) }, [`era:${norm(show)}`]);
        break;
      }
      case "count": {
        // "a six-part season": the episodes of that season.
        const part = fact.sentence.text.slice(fact.number.end).match(/^-(?:part|episode) (\w+)/)?.[1];
        const asked = `${fact.sentence.text}\u0000${fact.number.start}\u0000${fact.show ?? reading.title}`;
        if (!turned.has(asked)) turned.set(asked, howMany(fact.sentence, fact.number, fact.show ?? reading.title) ?? spokenCount(fact));
        const work = reading.facts.find((f) => f.relation === "source" && (f.show ?? reading.title) === show);
        const set = setCount(fact.sentence, fact.number, show, work?.relation === "source" ? work.work.name : null, adapted);
        const found = set ?? (part ? `How many episodes does ${part === "season" ? `the season of ${show}` : show} have?` : (turned.get(asked) ?? episodesOf(fact.sentence, fact.number, show) ?? participle(fact.sentence, fact.number, show) ?? countOf(fact.sentence, fact.number, show)));
        // "The Audience Award, voted by 12,400 festival-goers, went to…": how many voted, at the event.
        const voted = event && /^(?:festival-?goers|voters|viewers|people|members)$/.test(fact.number.unit) ? fact.sentence.text.slice(0, fact.number.start).match(/\b(?:[Tt]he )?([Aa]udience [Aa]ward|[Aa]udience [Pp]rize|[Pp]ublic [Vv]ote)\b[^.;]{0,30}\bvoted (?:for )?by (?:more than |about |some |nearly |over )?$/)?.[1] : undefined;
        const eventFound = voted ? `How many ${fact.number.unit} voted for the ${voted.toLowerCase()} at the ${event}?` : found && namingEvent(found);
        // A festival's figure stated without its subject ("Organisers said 38 series… were screened") is the event's.
        const atEvent = eventFound && event && !eventFound.includes(event) && ![...reading.shows].some((s) => eventFound.includes(s)) && /\b(?:festival|edition|organi[sz]ers|ceremony|screened|competed|competition)\b/i.test(fact.sentence.text) ? eventFound.replace(/\?$/, ` at the ${event}?`) : eventFound;
        const prompt = atEvent && namingShow(atEvent, fact.show ?? reading.title, reading.shows);
        // "viewed 8.5 million times in two days": the window belongs to the other number.
        const window = /^(?:days|weeks|hours|months)$/.test(fact.number.unit) && /\b(?:in|within)\s*$/.test(fact.sentence.text.slice(0, fact.number.start)) && fact.sentence.numbers.length > 1;
        // A number its own clause gives to one season ("…, and season two over 12 weeks") belongs to that season: a stem
        // that names none would credit it to the show (rating 7: another season's count).
        const clause = fact.sentence.text.slice(0, fact.number.start).split(/[,;]|\band\b|\bbut\b|\bwhile\b/).at(-1) ?? "";
        const SEASON = /\b(?:season|series) (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b|\b(?:first|second|third|fourth|fifth|sixth|final|last|new|next|previous) (?:season|series)\b/gi;
        // (Only where the sentence names two seasons: "The first season consists of twenty-six 22-minute episodes" is the show's length.)
        const seasons = new Set((fact.sentence.text.match(SEASON) ?? []).map((m) => m.toLowerCase()));
        const otherSeason = seasons.size >= 2 && SEASON.test(clause) && !/\b(?:season|series)\b/i.test(prompt ?? "");
        // A prompt that copies eight words of its sentence is the sentence read out, not a question.
        if (!prompt || window || otherSeason || copiesEightWords(prompt, fact.sentence.text)) break;
        const value = fact.number.value;
        // A show's own episode count is the number a quizmaster keeps first (rating 7: every such question passed), so it
        // outranks the other facts of a long sentence that the two-per-sentence cap would otherwise keep instead.
        const episodeCount = /^How many episodes (?:does|did) .+ have\?$/.test(prompt) ? -0.1 : 0;
        add(fact, { kind: "number", prompt, answer: value, tolerance: Math.max(2, Math.round(value * 0.5)), unit: fact.number.unit, sources: source(fact.sentence) }, [`number:${value}:${fact.number.unit}`], prompt.length > 140 ? 0.1 : episodeCount);
        break;
      }
      case "rank": {
        const past = /\b(?:was|were|placed|reached|climbed|rose|fell|dropped|finished|debuted|spent)\b/.test(fact.sentence.text);
        const prompt = `What number ${past ? "did" : "does"} ${show} reach ${/^(?:the |\p{Lu})/u.test(fact.chart) ? "" : "the "}${fact.chart.startsWith("the ") || /^\p{Lu}/u.test(fact.chart) ? `${/^\p{Lu}/u.test(fact.chart) ? "on " : "in "}${fact.chart}` : fact.chart}?`;
        add(fact, { kind: "number", prompt: prompt.replace(/\s+/g, " "), answer: fact.number.value, tolerance: 2, sources: source(fact.sentence) }, [`rank:${norm(show)}:${fact.number.value}`]);
        break;
      }
      case "score": {
        const { number, site } = fact;
        // A review's own verdict: "Verdict: four stars out of five".
        // A review's own verdict: "Verdict: four stars out of five", "Rating: 3 out of 5 stars", "and two stars here".
        const stars = number.unit === "stars" || /^\s*stars\b/.test(fact.sentence.text.slice(number.end + (fact.of?.length ?? 0) + 1));
        const own = /\b(?:verdict|rating|review|we give|I give|our|here|from (?:me|us))\b/i.test(fact.sentence.text);
        if (!site && own && (stars || fact.of)) {
          const scale = fact.of ? ` ${fact.of}` : "";
          // "Rating: 4 out of 5" is a rating.
          const prompt = stars ? `How many stars${scale} does the review give ${show}?` : `What ${/\brating\b/i.test(fact.sentence.text) ? "rating" : "score"}${scale} does the review give ${show}?`;
          add(fact, { kind: "number", prompt, answer: number.value, tolerance: 2, ...(stars ? { unit: "stars" } : {}), sources: source(fact.sentence) }, [`score:${number.value}:review`]);
          break;
        }
        if (!site) break;
        const given = fact.sentence.text.slice(0, number.start).match(/\bgave (.+?)\s+(?:a score of|an?)?\s*$/)?.[1] ?? show;
        const prompt =
          number.unit === "stars"
            ? `How many stars ${fact.of ?? ""} did ${site.name} give ${given}?`.replace(/\s+/g, " ")
            : number.unit === "%"
              ? `What percentage score does ${show} hold on ${site.name}?`
              : number.unit.startsWith("out of")
                ? `What score ${number.unit} did ${site.name} give ${given}?`
                : `What score does ${show} have on ${site.name}?`;
        const named = namingShow(prompt, show, reading.shows);
        const outOf = Number(fact.of?.match(/\d+/)?.[0] ?? Number.NaN);
        const tolerance = number.unit === "stars" ? 2 : Math.max(2, Math.round((Number.isFinite(outOf) ? outOf : 100) * 0.2));
        add(fact, { kind: "number", prompt: named, answer: number.value, tolerance, ...(number.unit === "stars" || number.unit === "%" ? { unit: number.unit } : {}), sources: source(fact.sentence) }, [`score:${number.value}:${norm(site.name)}`]);
        break;
      }
    }
  }

  /** "The ceremony will be held on…", "the winners will be named on…", "The Aurora Television Awards will be presented on…": the event's own date. */
  function eventDate(fact: Extract<Fact, { relation: "when" }>): string | null {
    if (!event || fact.event !== "other") return null;
    const before = fact.sentence.text.slice(0, fact.date.start);
    const m = before.match(new RegExp(`\\b(ceremony|winners|prizes|${event.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}) (will be|are|were|was|is) (held|named|announced|presented|handed out)(?: on)?(?: \\p{Lu}\\p{Ll}+day,)?(?: the)?\\s*$`, "u"));
    if (!m) return null;
    const future = m[2] === "will be";
    const what = m[1] === "ceremony" ? `the ${event} ceremony` : m[1] === event ? `the ${event}` : `the ${event} ${m[1]}`;
    const be = future ? "will" : /^(?:were|are)$/.test(m[2]!) || m[1] !== event && m[1] !== "ceremony" ? "were" : "was";
    return future ? `When will ${what} be ${m[3]}?` : `When ${be} ${what} ${m[3]}?`;
  }

  function addDate(fact: Extract<Fact, { relation: "when" }>) {
    const prompt = whenPrompt(fact) ?? eventDate(fact);
    const distractors = dateDistractors(fact.date, allDates);
    // Four options or none.
    if (distractors.length < 3) return;
    if (prompt) {
      add(fact, { ...choice(prompt, fact.date.text, distractors, position++), sources: source(fact.sentence) }, [`date:${norm(fact.date.text)}`, `when:${fact.event}:${fact.subject}`]);
      return;
    }
    // No rule says what happened then: a quizmaster would not ask it as a fill-in-the-blank copy of the sentence.
  }
  return candidates;
}

