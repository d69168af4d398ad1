/**
 * Wrong answers of the right answer's kind: people for people, places for
 * places, dates for dates. The article's own entities come first, then a
 * small built-in pool of the same kind. Never an option that is also right
 * (another creator, "Reyes" beside "Tomas Reyes"), nor one the prompt names.
 */
import { MONTHS, type DateMention } from "./read-article";
import type { EntityKind } from "./extract-facts";
import { normalizeAnswer } from "./question";

/** Invented or generic names, used only when the article has too few of a kind. */
export const POOL: Record<EntityKind, readonly string[]> = {
  person: ["Jordan Blake", "Alex Rivera", "Sam Carter", "Morgan Ellis", "Nina Park", "Leo Grant"],
  character: ["Jack Mercer", "Clara Hayes", "Ray Collins", "Nora Quinn"],
  place: ["Vancouver", "Atlanta", "Belfast", "Albuquerque", "Toronto", "Budapest"],
  service: ["Netflix", "Hulu", "Peacock", "Apple TV+", "Paramount+", "Prime Video", "Max"],
  site: ["Rotten Tomatoes", "Metacritic", "IMDb", "Letterboxd"],
};

const words = (value: string) => normalizeAnswer(value).split(" ").filter(Boolean);
/** "Reyes" and "Tomas Reyes" name the same person. */
function overlaps(a: string, b: string): boolean {
  const [x, y] = [words(a), words(b)];
  const [small, large] = x.length <= y.length ? [x, y] : [y, x];
  return small.length > 0 && small.every((w) => large.includes(w));
}
const named = (prompt: string, option: string) => ` ${normalizeAnswer(prompt)} `.includes(` ${normalizeAnswer(option)} `);

export interface Picked {
  options: string[];
  /** How many came from the built-in pool (the article had too few). */
  fromPool: number;
}

/**
 * Up to `count` distractors for `answer`: from `article` first, then from
 * `pool`, skipping everything in `alsoRight` and whatever the prompt names.
 */
export function pickDistractors(options: { answer: string; prompt: string; article: readonly string[]; pool: readonly string[]; alsoRight?: readonly string[]; count?: number }): Picked {
  const count = options.count ?? 3;
  const taken = [options.answer, ...(options.alsoRight ?? [])];
  const picked: string[] = [];
  let fromPool = 0;
  for (const [source, list] of [["article", options.article], ["pool", options.pool]] as const) {
    for (const candidate of list) {
      if (picked.length === count) break;
      if ([...taken, ...picked].some((t) => overlaps(t, candidate)) || named(options.prompt, candidate)) continue;
      picked.push(candidate);
      if (source === "pool") fromPool++;
    }
  }
  return { options: picked, fromPool };
}

/**
 * Other dates written the way the article wrote this one: the article's own
 * dates of the same form first, then a nearby day, month and year.
 */
export function dateDistractors(date: DateMention, articleDates: readonly DateMention[], count = 3): string[] {
  const sameForm = (d: DateMention) => (d.year === null) === (date.year === null) && /^\d/.test(d.text) === /^\d/.test(date.text);
  const fromArticle = articleDates.filter((d) => sameForm(d) && !(d.day === date.day && d.month === date.month && d.year === date.year)).map((d) => d.text);
  const swapDay = (day: number) => date.text.replace(new RegExp(`\\b${date.day}\\b`), String(day));
  const days = [date.day + 3, date.day - 2, date.day + 1].filter((d) => d >= 1 && d <= 28).map(swapDay);
  const name = MONTHS[date.month - 1]!;
  const months = date.text.includes(name) ? [date.text.replace(name, MONTHS[date.month % 12]!)] : [];
  const years = date.year === null ? [] : [date.text.replace(String(date.year), String(date.year - 1))];
  const candidates = [...fromArticle, days[0], ...months, ...years, ...days.slice(1)].filter((o): o is string => o !== undefined);
  return [...new Set(candidates.filter((o) => normalizeAnswer(o) !== normalizeAnswer(date.text)))].slice(0, count);
}
