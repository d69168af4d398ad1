/**
 * Reads a pasted article into paragraphs and sentences, and finds in each
 * sentence its names (runs of capitalised words, never cut: "Port Galen",
 * "Critic Circle"), its dates (chrono-node) and its counted numbers.
 */
import * as chrono from "chrono-node";
import nlp from "compromise";
import { readNumbers, type NumberMention } from "./read-numbers";

export interface Span {
  text: string;
  start: number;
  end: number;
  /** A title the article puts in quotation marks ('Thaw', "Tbilisi, Winter,"): `start`/`end` cover its marks and any comma inside them. */
  quoted?: boolean;
}
export interface DateMention extends Span {
  day: number;
  month: number;
  year: number | null;
}
export interface Sentence {
  /** 1 = the first paragraph. */
  paragraph: number;
  text: string;
  names: Span[];
  dates: DateMention[];
  numbers: NumberMention[];
}
export interface Article {
  paragraphs: string[];
  sentences: Sentence[];
}

export const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
/** Capitalised words that are never (the start of) a name. */
const NEVER_NAMES = new Set(["I", "He", "She", "It", "They", "We", "You", "His", "Her", "Their", "Its", "A", "An", "This", "That", "These", "Those", ...MONTHS, ...WEEKDAYS]);
/** Words that open a sentence before a name without being part of it ("Actor Julian Marsh"). */
const ROLE_WORDS = new Set(["Newcomer", "Veteran", "Comedian", "Presenter", "Singer", "Rapper", "Journalist", "Playwright", "Filmmaker", "Screenwriter", "Executive", "Actor", "Actress", "Director", "Creator", "Producer", "Showrunner", "Critic", "Critics", "Writer", "Author", "Novelist", "Star", "Host", "Network", "Streamer", "Series", "Festival", "Composer"]);
/** The words compromise knows: a sentence's first word found there is English, not a name. */
const LEXICON = (nlp as unknown as { model(): { one: { lexicon: Record<string, unknown> } } }).model().one.lexicon;
const COMMON_SUFFIX = /(?:tion|sion|ment|ness|ity|ance|ence|ship|ism|ing|ure|ers)$/;
/** Lowercase words a name may hold between capitalised ones ("Guillermo del Toro"). */
const PARTICLES = new Set(["de", "del", "della", "der", "den", "des", "van", "von", "da", "das", "di", "do", "dos", "du", "la", "las", "le", "los", "ten", "ter", "bin", "binti", "ibn", "ap", "af", "zu", "dela"]);
const PLACE_ADJECTIVE = /^\p{L}+-(?:based|set|born|bred|raised|made|language|speaking|led)$/u;
const ABBREVIATIONS = new Set(["Dr", "Mr", "Mrs", "Ms", "Prof", "St", "Sr", "Jr", "No", "Vol", "Ep"]);
const POSSESSIVE = /\p{L}['’]s$/u;

/** Paragraphs are separated by blank lines (or by single line breaks when there are no blank lines); a heading on its own line is a paragraph too. */
export function splitParagraphs(text: string): string[] {
  const normalized = text.replace(/\r\n?/g, "\n").trim();
  const byBlank = normalized.split(/\n\s*\n/);
  const parts = byBlank.length > 1 ? byBlank.flatMap(headingsApart) : normalized.split("\n");
  return parts.map((p) => p.replace(/\s+/g, " ").trim()).filter((p) => p.length > 0);
}

/**
 * A heading on its own line above its text ("5. The creator grew up behind the
 * counter" / "Creator Liwayway…") is a paragraph of its own: a short line
 * without a sentence's closing punctuation, before a line that starts with a
 * capital. A hard-wrapped sentence's lines run on in lower case or end in a comma.
 */
function headingsApart(block: string): string[] {
  const lines = block.split("\n");
  const out: string[] = [];
  let current: string[] = [];
  lines.forEach((line, i) => {
    current.push(line);
    const next = lines[i + 1]?.trim();
    const trimmed = line.replace(/\s+/g, " ").trim();
    if (next && current.length === 1 && /^[\p{Lu}"“‘'\d]/u.test(next) && trimmed.split(" ").length <= 12 && !/[.!?,;:—–-]["”’']?$/u.test(trimmed)) {
      out.push(current.join("\n"));
      current = [];
    }
  });
  if (current.length > 0) out.push(current.join("\n"));
  return out;
}

const MONTH_PATTERN = MONTHS.map((m) => `${m}|${m === "September" ? "Sept\\.?|" : ""}${m.slice(0, 3)}\\.?`).join("|");
/** "July 9", "9 July 2025", "Sept. 5", "the 14th of March", "October 11, 2026". */
const DATE_PATTERN = new RegExp(
  `(?:(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?)?\\b(${MONTH_PATTERN})(?![a-z])(?:\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b)?(?:,?\\s+(\\d{4})\\b)?`,
  "i",
);

/**
 * chrono-node finds the date and time expressions; a calendar date inside one
 * ("July 9", "9 July 2025", "October 11, 2026") is kept as the article wrote it.
 * A date or time of day ("3 a.m.", "in April") masks its numbers.
 */
function readDates(text: string, reference: Date): { dates: DateMention[]; masked: Array<{ start: number; end: number }> } {
  const dates: DateMention[] = [];
  const masked: Array<{ start: number; end: number }> = [];
  for (const result of chrono.parse(text, reference)) {
    // Only a calendar date or a time of day hides its numbers ("six days after" and "from 6" are counts).
    if (CALENDAR_OR_CLOCK.test(result.text)) masked.push({ start: result.index, end: result.index + result.text.length });
    const match = DATE_PATTERN.exec(result.text);
    const day = Number(match?.[1] ?? match?.[3] ?? Number.NaN);
    if (!match || !Number.isInteger(day) || day < 1 || day > 31) continue;
    const month = MONTHS.findIndex((m) => m.toLowerCase().startsWith(match[2]!.slice(0, 3).toLowerCase())) + 1;
    const start = result.index + match.index;
    dates.push({ text: match[0], start, end: start + match[0].length, day, month, year: match[4] ? Number(match[4]) : null });
  }
  // Years on their own ("a 1962 comedy") are dates too, never counts.
  for (const m of text.matchAll(/\b(?:1[5-9]|20)\d{2}\b/g)) masked.push({ start: m.index, end: m.index + m[0].length });
  return { dates, masked };
}

const CALENDAR_OR_CLOCK = new RegExp(`\\b(?:${MONTH_PATTERN}|${WEEKDAYS.join("|")})\\b|\\d[ap]\\.?m\\b|\\b[ap]\\.m\\.|\\d:\\d\\d|o'clock|\\bnoon\\b|\\bmidnight\\b`, "i");

interface Token {
  text: string;
  start: number;
  end: number;
  /** First word of a sentence or of a quotation. */
  initial: boolean;
}

function tokens(sentence: string): Token[] {
  return [...sentence.matchAll(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’.-][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*\+?/gu)].map((m) => {
    const before = sentence.slice(0, m.index);
    return { text: m[0], start: m.index, end: m.index + m[0].length, initial: /(?:^|[.!?:]\s+|["“‘(]\s*)$/u.test(before) };
  });
}

const capitalised = (word: string) => /^\p{Lu}/u.test(word);

/**
 * Names are runs of capitalised words joined by single spaces. A sentence's
 * first word joins a run only when the article also capitalises it elsewhere,
 * when compromise tags it as a proper noun, or when it is neither a role
 * word nor a verb, adverb or the like and either starts a longer run or is a
 * word English does not know ("Actor Julian Marsh" → "Julian Marsh";
 * "Northlight renewed…" and "Priya Okafor stars…" stay whole).
 */
function readNames(sentence: string, article: { capitalisedInside: ReadonlySet<string>; lowercase: ReadonlySet<string>; demonym: (word: string) => boolean; repeatedPairs: ReadonlySet<string> }): Span[] {
  const list = tokens(sentence);
  const names: Span[] = [];
  let run: Token[] = [];
  const flush = () => {
    while (run.length > 0 && PARTICLES.has(run.at(-1)!.text)) run.pop();
    // "Paris-based Maison Lune Productions", "Essex-set": the adjective is not part of the name.
    while (run.length > 0 && PLACE_ADJECTIVE.test(run[0]!.text)) run.shift();
    // "The Danish thriller Stormflod": an article and a nationality are not a name.
    if (run.length === 2 && run[0]!.text === "The" && article.demonym(run[1]!.text)) run = [];
    // A nationality on its own ("the French actor", "a Norwegian drama") is an adjective, as compromise's model tags it.
    if (run.length === 1 && article.demonym(run[0]!.text)) run = [];
    // "a West German journalist", "the South Korean star": a compass point and a nationality are an adjective too.
    if (run.length === 2 && /^(?:West|East|North|South)$/.test(run[0]!.text) && article.demonym(run[1]!.text)) run = [];
    if (run.length > 0) {
      const [first, last] = [run[0]!, run.at(-1)!];
      // "Fernway's", "Ellinor Stråhle's": the possessive is not part of the name.
      const end = POSSESSIVE.test(last.text) ? last.end - 2 : last.end;
      const text = sentence.slice(first.start, end);
      // "Dr" of "Dr. Emil Kranz" on its own is no name.
      if (!(run.length === 1 && (NEVER_NAMES.has(text) || text === "The" || ABBREVIATIONS.has(text)))) names.push({ text, start: first.start, end });
    }
    run = [];
  };
  list.forEach((token, i) => {
    const previous = run.at(-1);
    const joined = previous !== undefined && /^\s+$/.test(sentence.slice(previous.end, token.start));
    if (!joined) flush();
    const next = list[i + 1];
    // A month starts a name only before another capital ("June King", never "June 20").
    const monthName = MONTHS.includes(token.text) && next !== undefined && capitalised(next.text) && !MONTHS.includes(next.text) && /^\s$/.test(sentence.slice(token.end, next.start));
    const isCap = capitalised(token.text) && (!NEVER_NAMES.has(token.text) || monthName);
    if (isCap && token.initial && run.length === 0) {
      const beforeCapital = next !== undefined && capitalised(next.text) && /^\s$/.test(sentence.slice(token.end, next.start));
      // The word and a few after it are context enough for the tagger.
      const term = nlp(sentence.slice(token.start, list[i + 4]?.end ?? sentence.length)).terms().first();
      const common = ROLE_WORDS.has(token.text) || term.has("(#Verb|#Preposition|#Adverb|#Conjunction|#Determiner|#Pronoun|#QuestionWord)");
      // A word English does not know, that the article never writes in lowercase, and that is not shaped like a common noun.
      const unknown =
        !(token.text.toLowerCase() in LEXICON) && !article.lowercase.has(token.text.toLowerCase()) && !term.has("(#Plural|#Adjective)") && !COMMON_SUFFIX.test(token.text);
      // "Harbour Lights leads…", "Frost Valley, created by…": a verb or a common noun that opens a pair of capitals the
      // article writes again ("Kari Dahl (Harbour Lights)") is the start of that title, not a word before it.
      const repeatedPair = beforeCapital && !ROLE_WORDS.has(token.text) && article.repeatedPairs.has(`${token.text} ${next!.text}`);
      const startsName =
        repeatedPair ||
        article.capitalisedInside.has(token.text) ||
        term.has("#ProperNoun") ||
        (!common && (unknown || beforeCapital)) ||
        (beforeCapital && token.text === "The");
      if (startsName) run.push(token);
      return;
    }
    if (isCap) run.push(token);
    else if (run.length > 0 && (PARTICLES.has(token.text) || /^(?:al|el|ad|ar|as|at|an|ash|ul|bin|ibn|de|d|da|di|du|van|von|ben|abu)[-'’]\p{Lu}/u.test(token.text))) run.push(token);
    else flush();
  });
  flush();
  return names.filter((n) => !/^\d/.test(n.text));
}

/** Small words a title may hold in lower case ("Mlok the Salamander", "Les Enfants du Port", "Silk and Wig"). */
const TITLE_SMALL = new Set(["of", "the", "a", "an", "and", "in", "on", "at", "to", "for", "with", "from", "by", "or", "&", "de", "del", "della", "la", "le", "les", "du", "des", "da", "do", "dos", "das", "di", "y", "e", "et", "und", "der", "die", "van", "von", "i", "il", "el", "al", "en", "och", "og", "na", "ng", "sa"]);
const QUOTED = /(^|[\s([—–-])(["“'‘])(\p{Lu}|\d)((?:[^"“”'‘’!?\n]|['’](?=\p{L}))*?)([,.]?)(["”'’])(?=$|[\s,.;:)\]—–-])/gu;
const PAIRS: Record<string, string> = { '"': '"', "“": "”", "'": "'", "‘": "’" };
const SPEECH_AFTER = /^\s*(?:(?:she|he|they|I|we|it|\p{Lu}[\p{L}-]+(?: \p{Lu}[\p{L}-]+)?)\s+)?(?:said|says|asked|asks|added|adds|told|tells|recalled|explained|laughed|wrote|writes|replied|insisted|admitted|jokes|joked)\b/u;

/**
 * Titles the article quotes: 'Thaw', "The Cartographer's Daughters,", "Tbilisi, Winter,".
 * Up to eight words, each capitalised, a number or a title's small word (a
 * quotation is a sentence: "We watched eight series" is none), never a word
 * someone says ("Perfect," she said).
 */
export function quotedTitles(sentence: string): Span[] {
  const found: Span[] = [];
  for (const m of sentence.matchAll(QUOTED)) {
    const [, lead, open, first, rest, trail, close] = m;
    if (PAIRS[open!] !== close && !(open === "“" && close === '"') && !(open === '"' && close === "”")) continue;
    const inner = `${first}${rest}`;
    const words = inner.split(/\s+/).filter(Boolean);
    if (words.length === 0 || words.length > 8 || inner.length > 70) continue;
    const fits = words.every((w, i) => /^[\p{Lu}\d]/u.test(w) || (i > 0 && TITLE_SMALL.has(w.replace(/[,:]$/, "").toLowerCase())) || /^[&+]$/.test(w));
    // A comma inside a title joins capitalised parts only ("Seven Summits, Seven Strangers").
    if (!fits || /,\s*(?!\p{Lu})/u.test(inner) || /[,:;]$/.test(inner)) continue;
    const start = m.index + lead!.length;
    const end = start + open!.length + inner.length + trail!.length + close!.length;
    // A word someone says: '"Perfect," she said'.
    if (words.length === 1 && trail && SPEECH_AFTER.test(sentence.slice(end))) continue;
    if (words.length === 1 && /^(?:I|A|An|The|Yes|No|OK|Okay)$/.test(inner)) continue;
    // "Lagos at 4 A.M.": a title's last initials keep their full stop.
    found.push({ text: trail === "." && /(?:^|\s)(?:\p{Lu}\.)+\p{Lu}$/u.test(inner) ? `${inner}.` : inner, start, end, quoted: true });
  }
  return found;
}

const CAP = "\\p{Lu}[\\p{L}\\p{N}'’+-]*";
/** "the book series Mlok the Salamander is", "The documentary series Seven Summits, Seven Strangers will": a title after its kind, small words and a comma inside it. */
const NOUN_TITLE = new RegExp(
  `\\b(?:series|drama|comedy|thriller|docuseries|sitcom|show|mystery|miniseries|western|anthology|adaptation|saga|procedural|dramedy|telenovela) (${CAP}(?: ${CAP})*(?:(?: (?:the|of|of the|de|du|la|le|les|des|del|di|da|&) ${CAP}(?: ${CAP})*)|(?:, ${CAP}(?: ${CAP})+(?= (?!and\\b|or\\b)\\p{Ll})))+)`,
  "gu",
);
const TITLE_WORD = "(?:St|Mt|Dr)\\.|\\p{Lu}[\\p{L}\\p{M}\\p{N}'’+-]*";
const REPEATED_TITLE = new RegExp(
  `(?<![\\p{L}\\p{N}'’])(?:${TITLE_WORD})(?: (?:${TITLE_WORD}))*(?: (?:of the|and the|of|at|in|on|and|for|from|to|with|by|de|du|la|le|les|des|del|di|da|&) (?:${TITLE_WORD})(?: (?:${TITLE_WORD}))*)+`,
  "gu",
);
/**
 * Names with small words inside that the article writes the same way at least
 * twice ("The Crown Jewels of Lagos", "Dumplings at Dawn", "Night Shift at St.
 * Agnes"): a title or an institution, one name however it is read.
 */
function repeatedTitles(paragraphs: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const p of paragraphs) for (const m of p.matchAll(REPEATED_TITLE)) if (m[0].split(" ").length <= 7) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  return [...counts].filter(([, n]) => n >= 2).map(([t]) => t).sort((a, b) => b.length - a.length);
}
function spansOf(sentence: string, titles: readonly string[]): Span[] {
  const found: Span[] = [];
  for (const t of titles)
    for (let at = sentence.indexOf(t); at >= 0; at = sentence.indexOf(t, at + t.length)) {
      const clear = !/[\p{L}\p{N}]$/u.test(sentence.slice(0, at)) && !/^[\p{L}\p{N}]/u.test(sentence.slice(at + t.length));
      if (clear && !found.some((f) => at < f.end && at + t.length > f.start)) found.push({ text: t, start: at, end: at + t.length });
    }
  return found;
}

/** A listicle's item: "5. Under the Linden (Polaris, February 2)". */
const LIST_TITLE = new RegExp(`^\\d{1,2}\\.\\s+(${CAP}(?: (?:(?:the|of|of the|de|du|la|le|les|des|del|di|da|and|&) )?${CAP})*)(?=\\s*\\(|\\s*$|[.:]\\s|\\s[—–-]\\s)`, "u");
function nounTitles(sentence: string): Span[] {
  const listed = sentence.match(LIST_TITLE);
  // Only a title with a small word inside needs this ("Under the Linden"); the others are read as names already.
  const item = listed && /\s\p{Ll}/u.test(listed[1]!) ? [{ text: listed[1]!, start: listed[0].length - listed[1]!.length, end: listed[0].length }] : [];
  const after = [...sentence.matchAll(NOUN_TITLE)].flatMap((m) => {
    // A comma joins a title's halves only when they echo each other ("Seven Summits, Seven Strangers"), never a list or a clause ("Drumlin, Ana Petrova plays").
    const halves = m[1]!.split(", ");
    if (halves.length > 1 && !halves.slice(1).every((h) => h.split(" ")[0] === halves[0]!.split(" ")[0])) return [];
    const start = m.index + m[0].length - m[1]!.length;
    return [{ text: m[1]!, start, end: start + m[1]!.length }];
  });
  return [...item, ...after];
}

/** "No. 3", "St. Just", "Dr. Emil Kranz": an abbreviation before a number or a name does not end a sentence. */
function joinAbbreviations(sentences: string[]): string[] {
  const joined: string[] = [];
  for (const s of sentences) {
    const previous = joined.at(-1);
    if (previous !== undefined && /\b(?:No|Nos|Vol|St|Ep|Pt|Nr|Dr|Mr|Mrs|Ms|Prof|Sgt|Insp|Capt|Lt|Col|Gen|Rev)\.$/.test(previous.trim()) && /^\s*[\p{Lu}\d]/u.test(s)) joined[joined.length - 1] = `${previous.trimEnd()} ${s.trim()}`;
    else joined.push(s);
  }
  return joined;
}

export function readArticle(text: string, reference = new Date()): Article {
  const paragraphs = splitParagraphs(text);
  // Tokenising alone splits sentences as tagging would ("Dr.", "a.m."), at a tenth of the cost.
  const raw = paragraphs.flatMap((paragraph, i) => joinAbbreviations(nlp.tokenize(paragraph).sentences().out("array") as string[]).map((s) => ({ paragraph: i + 1, text: s.trim() })));
  // Words the article capitalises where no sentence starts.
  const all = raw.flatMap((s) => tokens(s.text));
  const capitalisedInside = new Set(all.filter((t) => !t.initial && capitalised(t.text)).map((t) => t.text));
  const lowercase = new Set(all.filter((t) => !capitalised(t.text)).map((t) => t.text));
  // Two capitalised words side by side, written so at least twice.
  const pairCounts = new Map<string, number>();
  for (const s of raw) {
    const list = tokens(s.text);
    for (let i = 0; i + 1 < list.length; i++)
      if (capitalised(list[i]!.text) && capitalised(list[i + 1]!.text) && /^\s$/.test(s.text.slice(list[i]!.end, list[i + 1]!.start))) {
        const pair = `${list[i]!.text} ${list[i + 1]!.text}`;
        pairCounts.set(pair, (pairCounts.get(pair) ?? 0) + 1);
      }
  }
  const repeatedPairs = new Set([...pairCounts].filter(([, n]) => n >= 2).map(([pair]) => pair));
  // A title the article quotes once with a number or a small word inside ("Lagos at 4 A.M.") is the same title unquoted.
  const quotedOnce = paragraphs.flatMap((p) => quotedTitles(p).map((t) => t.text)).filter((t) => /\s(?:\p{Ll}|\d)/u.test(t));
  const repeated = [...new Set([...repeatedTitles(paragraphs), ...quotedOnce])].sort((a, b) => b.length - a.length);
  const demonyms = new Map<string, boolean>();
  const demonym = (word: string) => {
    // compromise's lexicon lacks some ("Finnish", "Polish"): a single word in -ish or -ese is read as one too.
    if (!demonyms.has(word)) demonyms.set(word, nlp(`the ${word}`).has("#Demonym") || /^\p{Lu}\p{Ll}+(?:ish|ese)$/u.test(word));
    return demonyms.get(word)!;
  };
  const sentences = raw.map(({ paragraph, text }) => {
    const { dates, masked } = readDates(text, reference);
    // A name inside a date ("Sept" of "Sept. 5") is the date's.
    // A quoted title is one name, whatever it holds ("Bintang & Bulan", "Tbilisi, Winter").
    // A nickname inside a name ('Joaquin "Jake" Dimaculangan') does not cut it: read with its marks as spaces, and left out of the name.
    const forNames = text.replace(/(\p{Lu}[\p{L}\p{M}'’-]+) (["“'‘])(\p{Lu}[\p{L}\p{M}'’-]*)(["”'’]) (?=\p{Lu})/gu, (_m, a: string, _o: string, n: string) => `${a}  ${n}  `);
    const titles = [...quotedTitles(forNames)];
    for (const t of [...nounTitles(text), ...spansOf(text, repeated)]) if (!titles.some((q) => t.start < q.end && t.end > q.start)) titles.push(t);
    const names = [...readNames(forNames, { capitalisedInside, lowercase, demonym, repeatedPairs }).map((n) => ({ ...n, text: text.slice(n.start, n.end).replace(/\s+["“'‘][^"”'’]+["”'’]\s+/u, " ") })).filter((n) => !titles.some((t) => n.start < t.end && n.end > t.start)), ...titles]
      .filter((n) => !dates.some((d) => n.start < d.end && n.end > d.start))
      .sort((a, b) => a.start - b.start);
    return { paragraph, text, names, dates, numbers: readNumbers(text, masked, /\bnominat(?:ions|ed)\b/.test(paragraphs[paragraph - 1]!) ? "nominations" : undefined) };
  });
  // "Netflix's Little Harbour": a possessive inside a run splits it when the article names the rest on its own.
  const alone = new Set(sentences.flatMap((s) => s.names.map((n) => n.text)));
  for (const s of sentences)
    s.names = s.names.map((n) => {
      const at = n.quoted ? -1 : n.text.search(/['’]s \p{Lu}/u);
      const tail = at < 0 ? "" : n.text.slice(at + 3);
      // "Corvid's Nadia Haddad": a person after an organisation's possessive is a name of their own.
      // "Norway's Eirik Haugland-Tveit", "Netflix's Sarah Lund": so is a name after a country's or a company's.
      const person = tail.includes(" ") && !n.text.slice(0, at).includes(" ") && (nlp(tail.split(" ")[0]!).has("#FirstName") || nlp(n.text.slice(0, at)).has("(#Place|#Organization)"));
      return tail && (alone.has(tail) || person) ? { text: tail, start: n.start + at + 3, end: n.end } : n;
    });
  return { paragraphs, sentences };
}
