/**
 * The automatic checks a proposed question must pass to count as valid in
 * `npm run bench -- questions` (and in the generator's unit tests). They are
 * written apart from the generator, from the article's text alone, so that
 * the generator cannot grade itself:
 * - a number answer appears in the cited paragraph as a number or a number
 *   word, never as an ordinal, "a", or part of a date;
 * - a blank, and every answer taken from the article, covers a whole name or
 *   number (not "Port _____", "_____episode" or "March _____ days");
 * - the options of a choice are all of one kind (all names, all dates, all
 *   numbers) and none is a fragment or starts with a role word;
 * - exactly one option is right: no option is another's surname, and none is
 *   already named in the prompt.
 */
import { normalizeAnswer, type Question } from "../server/trivia/question";

const MONTH = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";
const DATES = new RegExp(
  `\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?|\\b\\d{1,2}\\s+${MONTH}(?:,?\\s+\\d{4})?|\\b${MONTH}\\s+\\d{4}|\\b(?:1[5-9]|20)\\d{2}\\b`,
  "g",
);
const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALES: Record<string, number> = { hundred: 100, thousand: 1_000, million: 1_000_000, billion: 1_000_000_000 };
const WORD = `(?:${[...Object.keys(TENS)].join("|")})(?:-(?:${Object.keys(UNITS).slice(1, 10).join("|")}))?|${Object.keys(UNITS).join("|")}`;
const NUMBER = new RegExp(`(?<![\\w.,])(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)(?!\\d|st\\b|nd\\b|rd\\b|th\\b)(?:\\s+(${Object.keys(SCALES).join("|")})\\b)?|\\b(${WORD})\\b(?:\\s+(${Object.keys(SCALES).join("|")})\\b)?`, "gi");
const ROLE_WORDS = /^(?:actor|actress|director|creator|producer|showrunner|critic|writer|star|site|town|city|village|network|channel|service|series|show)\b/i;
/** Small words inside a title or a name ("Rhiannon ap Gwilym", "Ilse van der Berg", "Omar bin Said"): still a name, not a phrase. */
const CONNECTORS = new Set(["of", "de", "da", "del", "della", "do", "dos", "das", "di", "du", "van", "von", "der", "den", "ter", "ten", "zu", "af", "ap", "ab", "ferch", "bin", "binti", "bint", "ibn", "al", "el", "y", "e", "the", "and", "&", "+", "la", "le"]);

const wordValue = (word: string): number => {
  const [tens, unit] = word.toLowerCase().split("-");
  return (TENS[tens!] ?? UNITS[tens!] ?? 0) + (unit ? UNITS[unit]! : 0);
};

/** Every number the paragraph states (values), dates masked out. */
export function numbersStated(paragraph: string): number[] {
  const masked = paragraph.replace(DATES, (m) => " ".repeat(m.length));
  return [...masked.matchAll(NUMBER)].map((m) => {
    const base = m[1] ? Number(m[1].replace(/,/g, "")) : wordValue(m[3]!);
    const scale = SCALES[(m[2] ?? m[4] ?? "").toLowerCase()] ?? 1;
    return Math.round(base * scale * 1000) / 1000;
  });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const isCapitalized = (word: string | undefined) => word !== undefined && /^\p{Lu}/u.test(word);

/**
 * Whether `part` occurs in `text` as a whole: letters do not run on at either
 * end, and no capitalised word continues it (a sentence's first word may be
 * capitalised before it).
 */
export function occursWhole(text: string, part: string): boolean {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escape(part)}(?![\\p{L}\\p{N}])`, "gu");
  for (const m of text.matchAll(pattern)) {
    // A paragraph break ends a name: only spaces on the same line join words.
    const before = text.slice(0, m.index).match(/(\S+)[ \t]+$/u)?.[1];
    const after = text.slice(m.index + part.length).match(/^[ \t]+(\S+)/u)?.[1];
    const beforeStartsSentence = before !== undefined && /(?:^|[.!?:"“]\s*)\S+\s+$/u.test(text.slice(0, m.index));
    // An owner's possessive ("Norway's Eirik Haugland-Tveit") ends before the name it owns.
    const continuesBefore = isCapitalized(before) && !/[,;:.!?)"”]$/u.test(before!) && !/\p{L}['’]s$/u.test(before!) && !beforeStartsSentence;
    const continuesAfter = isCapitalized(after) && !/[,;:.!?]$/u.test(part);
    if (!continuesBefore && !continuesAfter) return true;
  }
  return false;
}

type Shape = "date" | "number" | "name" | "phrase";
function shapeOf(option: string): Shape {
  if (new RegExp(`^${MONTH}\\s+\\d{1,2}|^(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}`, "i").test(option)) return "date";
  if (/^[\d.,%\s]+$/.test(option)) return "number";
  const words = option.split(/\s+/);
  return words.every((w) => isCapitalized(w) || /^\d/.test(w) || CONNECTORS.has(w.toLowerCase())) && isCapitalized(words[0]) ? "name" : "phrase";
}

const words = (value: string) => new Set(normalizeAnswer(value).split(" ").filter(Boolean));
/** One option names a part of the other ("Reyes" in "Tomas Reyes"). */
const overlaps = (a: string, b: string) => {
  const [x, y] = [words(a), words(b)];
  const [small, large] = x.size <= y.size ? [x, y] : [y, x];
  return small.size > 0 && [...small].every((w) => large.has(w));
};
const inPrompt = (prompt: string, option: string) => ` ${normalizeAnswer(prompt)} `.includes(` ${normalizeAnswer(option)} `);

/** The right answer's text forms as an article could write them. */
function answerForms(q: Question): string[] {
  switch (q.kind) {
    case "choice":
      return [q.options[q.answer]!];
    case "text":
      return q.accepted;
    case "number": {
      const n = q.answer;
      const scaled = Object.entries(SCALES).filter(([, v]) => n >= v && v >= 1_000_000).map(([name, v]) => `${n / v} ${name}`);
      const word = Object.entries({ ...UNITS, ...TENS }).find(([, v]) => v === n)?.[0];
      return [String(n), n.toLocaleString("en-US"), ...scaled, ...(word ? [word, word[0]!.toUpperCase() + word.slice(1)] : [])];
    }
    default:
      return [];
  }
}

const BLANK = /_{3,}/;

/** The problems found with one proposed question (none: it is valid). */
export function questionProblems(q: Question, paragraphs: readonly string[]): string[] {
  const problems: string[] = [];
  const paragraph = paragraphs[q.sources[0]!.paragraph - 1];
  if (paragraph === undefined) return ["cites a paragraph the article does not have"];
  const article = paragraphs.join("\n\n");

  if (q.kind === "number" && !numbersStated(paragraph).includes(q.answer)) problems.push(`number ${q.answer} is not stated in paragraph ${q.sources[0]!.paragraph}`);

  const blank = BLANK.exec(q.prompt);
  if (blank) {
    const before = q.prompt[blank.index - 1] ?? " ";
    const after = q.prompt[blank.index + blank[0].length] ?? " ";
    if (/[\p{L}\p{N}]/u.test(before) || /[\p{L}\p{N}]/u.test(after)) problems.push("the blank is glued to a word");
    const quoted = q.prompt.match(/[“"]([^”"]*_{3,}[^”"]*)[”"]/u)?.[1] ?? q.prompt;
    const fits = answerForms(q).some((form) => {
      const filled = quoted.replace(BLANK, form);
      return paragraph.includes(filled) && occursWhole(filled, form);
    });
    if (!fits) problems.push("the blank does not cover a whole name or number of the sentence");
    const next = q.prompt.slice(blank.index + blank[0].length).match(/^\s+(\w+)/)?.[1]?.toLowerCase();
    if (q.kind === "number" && next && next in SCALES) problems.push("the blank leaves the number's scale word outside");
  }

  const fromArticle = (q.kind === "choice" ? q.options : q.kind === "text" ? q.accepted.slice(0, 1) : []).filter((o) => article.includes(o));
  for (const option of fromArticle) if (!occursWhole(article, option)) problems.push(`“${option}” is a fragment of a longer name`);

  if (q.kind === "choice") {
    const shapes = new Set(q.options.map(shapeOf));
    if (shapes.size > 1) problems.push(`options of different kinds (${[...shapes].join(", ")})`);
    for (const option of q.options) if (ROLE_WORDS.test(option)) problems.push(`“${option}” starts with a role word`);
    q.options.forEach((a, i) =>
      q.options.slice(i + 1).forEach((b) => {
        if (overlaps(a, b)) problems.push(`“${a}” and “${b}” name the same thing`);
      }),
    );
    for (const option of q.options) if (inPrompt(q.prompt, option) && !BLANK.test(q.prompt)) problems.push(`“${option}” is already named in the prompt`);
  }
  return problems;
}

/** The right answer, as the key compares it. */
export function rightAnswers(q: Question): Array<string | number> {
  if (q.kind === "choice") return [q.options[q.answer]!];
  if (q.kind === "text") return q.accepted;
  if (q.kind === "number") return [q.answer];
  return [];
}

export interface KeyQuestion {
  ask: string;
  /** Words the prompt must contain (besides the answer matching). */
  about: string[];
  answers: Array<string | number>;
}

/**
 * Whether a proposed question asks what the key expects: same answer, and the
 * prompt is about it. A true statement that states the key's answer counts too.
 */
export function answersKey(q: Question, key: KeyQuestion): boolean {
  const prompt = normalizeAnswer(q.prompt);
  if (!key.about.every((a) => prompt.includes(normalizeAnswer(a)))) return false;
  if (q.kind === "truefalse") return q.answer && key.answers.some((expected) => ` ${prompt} `.includes(` ${normalizeAnswer(String(expected))} `));
  return rightAnswers(q).some((given) =>
    key.answers.some((expected) => (typeof expected === "number" ? given === expected : typeof given === "string" && normalizeAnswer(given) === normalizeAnswer(expected))),
  );
}
