/**
 * Proposes trivia questions from a pasted article, for the host to review.
 * compromise finds people, places and numbers; chrono-node finds dates. Each
 * question cites the paragraph its sentence comes from, and its right answer
 * is taken from that sentence as written.
 */
import * as chrono from "chrono-node";
import nlp from "compromise";
import { normalizeAnswer, type Question, type Source } from "./question";
import type { GenerateRequest, GenerateResponse } from "./generate-questions.types";

type EntityKind = "person" | "place" | "organization";
interface Entity {
  kind: EntityKind;
  text: string;
}
interface Sentence {
  paragraph: number;
  text: string;
  entities: Entity[];
  numbers: Array<{ text: string; value: number; unit: string | null }>;
  dates: Array<{ text: string; day: number; month: number; year: number | null }>;
}

/** Used only when the article itself has too few of a kind to offer as wrong answers. */
const FALLBACK: Record<EntityKind, string[]> = {
  person: ["Jordan Blake", "Alex Rivera", "Sam Carter", "Morgan Ellis"],
  place: ["Chicago", "Seattle", "Boston", "Denver"],
  organization: ["the FBI", "the city council", "the state senate", "the fire department"],
};
/** A question before it is numbered. */
type Draft = Question extends infer Q ? (Q extends Question ? Omit<Q, "id"> : never) : never;

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const MAX_QUESTIONS = 40;
const BLANK = "_____";

/** Paragraphs are separated by blank lines (or by single line breaks when there are no blank lines). */
export function splitParagraphs(text: string): string[] {
  const normalized = text.replace(/\r\n?/g, "\n").trim();
  const byBlank = normalized.split(/\n\s*\n/);
  const parts = byBlank.length > 1 ? byBlank : normalized.split("\n");
  return parts.map((p) => p.replace(/\s+/g, " ").trim()).filter((p) => p.length > 0);
}

const clean = (value: string) => value.replace(/^[\s"'“”‘’(]+|[\s,.;:!?…"'“”‘’)]+$/gu, "");

const MONTH_PATTERN = MONTHS.map((m) => `${m}|${m.slice(0, 3)}\\.?`).join("|");
const DATE_PATTERN = new RegExp(`(?:(\\d{1,2})\\s+)?\\b(${MONTH_PATTERN})\\b(?:\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b)?(?:,?\\s+(\\d{4})\\b)?`, "i");

/**
 * chrono-node finds the date expressions; the calendar date inside each one
 * ("July 9", "9 July 2025", "October 11, 2026") is kept as the article wrote it.
 */
function dateParts(text: string, reference: Date): Sentence["dates"] {
  return chrono.parse(text, reference).flatMap((result) => {
    const match = DATE_PATTERN.exec(result.text);
    const day = Number(match?.[1] ?? match?.[3] ?? Number.NaN);
    if (!match || !Number.isInteger(day) || day < 1 || day > 31) return [];
    const month = MONTHS.findIndex((m) => m.toLowerCase().startsWith(match[2]!.slice(0, 3).toLowerCase())) + 1;
    return [{ text: match[0], day, month, year: match[4] ? Number(match[4]) : null }];
  });
}

function analyse(paragraphs: string[]): Sentence[] {
  const reference = new Date();
  const sentences: Sentence[] = [];
  paragraphs.forEach((paragraph, i) => {
    for (const raw of nlp(paragraph).sentences().out("array") as string[]) {
      const text = raw.trim();
      const doc = nlp(text);
      const take = (kind: EntityKind, found: string[]) => found.map((t) => ({ kind, text: clean(t) })).filter((e) => e.text.length > 1);
      const dates = dateParts(text, reference);
      const inDate = (value: string) => dates.some((d) => d.text.includes(value));
      const numbers = (doc.numbers().json() as Array<{ text: string; number: { num: number; suffix: string } }>)
        .map((n) => ({ text: clean(n.text).replace(/^\$/, "$"), value: n.number.num, unit: n.number.suffix || null }))
        .filter((n) => Number.isFinite(n.value) && n.text.length > 0 && !inDate(n.text) && !/^(first|second|third|one)$/i.test(n.text));
      sentences.push({
        paragraph: i + 1,
        text,
        entities: [
          ...take("person", doc.people().out("array") as string[]),
          ...take("place", doc.places().out("array") as string[]),
          ...take("organization", doc.organizations().out("array") as string[]),
        ],
        numbers,
        dates,
      });
    }
  });
  return sentences;
}

const cloze = (sentence: string, answer: string) => sentence.replace(answer, BLANK);

/** Nearby dates written the way the article wrote this one: another day, month or year. */
function nearbyDates({ text, day, month, year }: Sentence["dates"][number]): string[] {
  const swapDay = (d: number) => text.replace(new RegExp(`\\b${day}\\b`), String(d));
  const days = [day + 1, day - 1, day + 2].filter((d) => d >= 1 && d <= 28).map(swapDay);
  // A month written short ("Oct.") is left alone; a full name moves to the next month.
  const name = MONTHS[month - 1]!;
  const months = text.includes(name) ? [text.replace(name, MONTHS[month % 12]!)] : [];
  const years = year === null ? [] : [text.replace(String(year), String(year - 1))];
  // Mixed kinds of nearness: another day first, then another month, year, day.
  return [days[0], ...months, ...years, ...days.slice(1)].filter((o): o is string => o !== undefined && o !== text);
}

function distinctOptions(answer: string, candidates: string[], count: number): string[] {
  const seen = new Set([normalizeAnswer(answer)]);
  const picked: string[] = [];
  for (const candidate of candidates) {
    const key = normalizeAnswer(candidate);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    picked.push(candidate);
    if (picked.length === count) break;
  }
  return picked;
}

/** Places the right answer at a position that changes from question to question. */
function withAnswerAt(position: number, answer: string, distractors: string[]): { options: string[]; answer: number } {
  const at = position % (distractors.length + 1);
  const options = [...distractors];
  options.splice(at, 0, answer);
  return { options, answer: at };
}

export function generateQuestions(input: GenerateRequest): GenerateResponse {
  const title = input.title?.trim() || "Pasted article";
  const paragraphs = splitParagraphs(input.text);
  const sentences = analyse(paragraphs);
  const questions: Question[] = [];
  const used = new Set<string>();
  const source = (s: Sentence): Source[] => [{ article: title, paragraph: s.paragraph, fact: s.text.slice(0, 600) }];
  const push = (question: Draft, key: string) => {
    if (used.has(key) || questions.length >= MAX_QUESTIONS) return;
    used.add(key);
    questions.push({ ...question, id: `q${questions.length + 1}` });
  };

  const allOf = (kind: EntityKind) => [...new Set(sentences.flatMap((s) => s.entities.filter((e) => e.kind === kind).map((e) => e.text)))];

  for (const s of sentences) {
    if (s.text.length > 300) continue; // too long to read in a question's time
    for (const entity of s.entities) {
      if (!s.text.includes(entity.text)) continue;
      const fromArticle = allOf(entity.kind).filter((e) => !s.text.includes(e));
      const distractors = distinctOptions(entity.text, [...fromArticle, ...FALLBACK[entity.kind]], 3);
      const who = entity.kind === "person" ? "Who" : entity.kind === "place" ? "Which place" : "Which organisation";
      push(
        { kind: "choice", prompt: `${who} fills the blank? “${cloze(s.text, entity.text)}”`, ...withAnswerAt(questions.length, entity.text, distractors), sources: source(s) },
        `entity:${normalizeAnswer(entity.text)}:${s.paragraph}`,
      );
      // A true-or-false twin: every other one swaps in a wrong name from the article.
      const swap = distinctOptions(entity.text, fromArticle, 1)[0];
      const truthful = questions.length % 2 === 0 || !swap;
      push(
        { kind: "truefalse", prompt: `True or false: “${truthful ? s.text : s.text.replace(entity.text, swap!)}”`, answer: truthful, sources: source(s) },
        `tf:${s.text}`,
      );
    }
    for (const date of s.dates) {
      if (!s.text.includes(date.text)) continue;
      const distractors = distinctOptions(date.text, nearbyDates(date), 3);
      if (distractors.length === 0) continue;
      push(
        { kind: "choice", prompt: `Which date fills the blank? “${cloze(s.text, date.text)}”`, ...withAnswerAt(questions.length, date.text, distractors), sources: source(s) },
        `date:${normalizeAnswer(date.text)}`,
      );
    }
    for (const number of s.numbers) {
      if (!s.text.includes(number.text)) continue;
      push(
        {
          kind: "number",
          prompt: `What number fills the blank? “${cloze(s.text, number.text)}”`,
          answer: number.value,
          tolerance: Math.max(3, Math.round(Math.abs(number.value) * 0.5)),
          ...(number.unit ? { unit: number.unit } : {}),
          sources: source(s),
        },
        `number:${number.value}:${s.paragraph}`,
      );
    }
  }
  return { title, paragraphs: paragraphs.length, questions };
}
