/**
 * Reads the counted numbers a sentence states: "eleven episodes" → 11,
 * "4.2 million viewers" → 4,200,000, "a 91% score" → 91 %. Ordinals
 * ("second", "2nd"), "a"/"an", "one", years and anything inside a date or a
 * time of day are never numbers; a number needs a counted noun after it (or
 * a % sign) to be worth asking about.
 */

export interface NumberMention {
  /** The words as written: "4.2 million", "eleven", "91%". */
  text: string;
  value: number;
  /** What is counted ("viewers", "episodes", "%"), as the sentence words it. */
  unit: string;
  start: number;
  end: number;
}

const UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const SCALES: Record<string, number> = { hundred: 100, thousand: 1_000, million: 1_000_000, billion: 1_000_000_000 };

const WORD = `(?:${TENS.filter(Boolean).join("|")})(?:-(?:${UNITS.slice(1, 10).join("|")}))?|${UNITS.slice(2).join("|")}`;
const MENTION = new RegExp(
  `(?<![\\p{L}\\p{N}.,$€£])(?:(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?(?![\\d.]*(?:st|nd|rd|th)\\b)(%)?|(${WORD}))(?:\\s+(${Object.keys(SCALES).join("|")}))?(?![\\p{L}\\p{N}])`,
  "giu",
);
/** Words that end the counted noun ("days after", "reviews from"). */
const STOP = new Set(["a", "an", "the", "of", "in", "on", "at", "for", "from", "to", "by", "after", "before", "and", "or", "with", "out", "over", "as", "per", "each", "since", "than", "that", "who", "which"]);
/** Not counts: a time of day, a rate. */
const NOT_COUNTED = /^(?:a\.?m\.?|p\.?m\.?|o'clock|percent|per)$/i;

function wordValue(word: string): number {
  const [tens, unit] = word.toLowerCase().split("-");
  const t = TENS.indexOf(tens!);
  return t > 1 ? t * 10 + (unit ? UNITS.indexOf(unit) : 0) : UNITS.indexOf(tens!);
}

/** Up to two lowercase words after the number, stopping at a function word: "viewers", "published reviews". */
function countedNoun(after: string): string | null {
  const words = after.match(/^\s+([a-z][a-z-]*)(?:\s+([a-z][a-z-]*))?/);
  if (!words || STOP.has(words[1]!) || NOT_COUNTED.test(words[1]!)) return null;
  const second = words[2];
  // "published reviews": the second word is the noun when the first does not end in s.
  return second && !STOP.has(second) && !words[1]!.endsWith("s") && second.endsWith("s") ? `${words[1]} ${second}` : words[1]!;
}

/** `masked` spans (dates, times) are skipped. */
/**
 * `implied` is what a bare count stands for in the sentence's paragraph
 * ("leads the field with nine", "earned seven" in a paragraph about
 * nominations): read only after a verb of having or winning, at a clause's end.
 */
export function readNumbers(sentence: string, masked: ReadonlyArray<{ start: number; end: number }>, implied?: string): NumberMention[] {
  const mentions: NumberMention[] = [];
  for (const m of sentence.matchAll(MENTION)) {
    const start = m.index;
    const end = start + m[0].length;
    if (masked.some((span) => start < span.end && end > span.start)) continue;
    const [, digits, fraction, percent, word, scale] = m;
    const base = digits ? Number(`${digits.replace(/,/g, "")}${fraction ?? ""}`) : wordValue(word!);
    const value = Math.round(base * (scale ? SCALES[scale.toLowerCase()]! : 1) * 1000) / 1000;
    // A bare four-digit number from 1500 to 2099 is a year unless a plural noun follows.
    // A score: "82 out of 100", "a score of 74".
    const outOf = sentence.slice(end).match(/^\s+(out of \S+?)[,.;]?(?:\s|$)/)?.[1];
    const scored = /\b(?:score of|scores|scored)\s*$/i.test(sentence.slice(0, start)) ? "points" : null;
    // "an audience of 2.3 million", "a six-part season".
    const audience = /\baudience of\s*$/i.test(sentence.slice(0, start)) ? "viewers" : null;
    // "26 eleven-minute episodes": the length of each.
    const parts = /^-(?:part|episode)\b/.test(sentence.slice(end)) ? "episodes" : /^-minute\b/.test(sentence.slice(end)) ? "minutes" : null;
    // "won five Golden Lanterns": a prize the article capitalises.
    const prizes = /\b(?:won|wins|took|takes|picked up|collected|scooped)\s*$/.test(sentence.slice(0, start)) ? sentence.slice(end).match(/^\s+((?:\p{Lu}\p{Ll}+ ){0,2}\p{Lu}\p{Ll}+s)\b/u)?.[1] : undefined;
    const bare = implied && !word?.match(/^one$/i) && /\b(?:with|earned|received|has|had|got|picked up|garnered|scored)\s*$/.test(sentence.slice(0, start)) && /^\s*(?:[,.;:]|$)/.test(sentence.slice(end)) ? implied : null;
    const unit = percent ? "%" : (parts ?? countedNoun(sentence.slice(end)) ?? outOf ?? scored ?? audience ?? prizes ?? bare);
    if (!unit) continue;
    if (digits && !fraction && !scale && !digits.includes(",") && value >= 1500 && value <= 2099 && !unit.endsWith("s")) continue;
    // "out of 100", "out of five": the scale of a score, not a count.
    if (/\bout of\s*$/i.test(sentence.slice(0, start))) continue;
    mentions.push({ text: m[0], value, unit, start, end });
  }
  return mentions;
}
