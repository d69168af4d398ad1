import { z } from "zod";
import { textInput } from "../text-input";

/**
 * A trivia question as the server keeps it, answer included. Clients only
 * ever see `PublicQuestion` until the reveal (see round.ts).
 */
const text = (max: number) => textInput().min(1, "This cannot be empty.").max(max, `Keep it under ${max} characters.`);

/** Where a fact comes from: a paragraph of a named article (1 = the first). */
export const sourceSchema = z.object({
  article: text(200),
  paragraph: z.number().int().min(1).max(500),
  /** The fact in the project's own words (or the host's). */
  fact: text(600),
  /** The whole paragraph retold in the project's own words (the built-in deck), shown at the reveal. */
  summary: text(1200).optional(),
});
export type Source = z.infer<typeof sourceSchema>;

/** The most options a choice question has, and the most items an order question has. */
export const MAX_OPTIONS = 6;

const base = {
  id: text(60),
  prompt: text(300),
  sources: z.array(sourceSchema).min(1).max(5),
  /** 0–1: how sure the generator is that the question is good (shown to the host, never to players). */
  confidence: z.number().min(0).max(1).optional(),
  /** How hard the question is to answer (the generator's guess: true or false easiest, typed names hardest). */
  difficulty: z.enum(["easy", "medium", "hard"]).optional(),
  /** What the question is about, so a draft can mix them. */
  topic: z.enum(["cast", "crew", "platform", "dates", "numbers", "places", "reception", "quotes"]).optional(),
  /** The host's mark in the review screen. */
  favourite: z.boolean().optional(),
};

const choiceSchema = z
  .object({ ...base, kind: z.literal("choice"), options: z.array(text(120)).min(2).max(MAX_OPTIONS), answer: z.number().int().min(0) })
  .superRefine((q, ctx) => {
    if (q.answer >= q.options.length) ctx.addIssue({ code: "custom", path: ["answer"], message: "The answer must be one of the options." });
    const seen = new Set(q.options.map((o) => normalizeAnswer(o)));
    if (seen.size !== q.options.length) ctx.addIssue({ code: "custom", path: ["options"], message: "Every option must be different." });
  });
/** Number answers, and the guesses players send (trivia-events.types.ts), stay within ± this. */
export const NUMBER_ANSWER_LIMIT = 1e9;
const numberAnswer = z
  .number({ message: "Give the answer as a number." })
  .min(-NUMBER_ANSWER_LIMIT, `Keep numbers between −${NUMBER_ANSWER_LIMIT.toLocaleString("en-US")} and ${NUMBER_ANSWER_LIMIT.toLocaleString("en-US")}.`)
  .max(NUMBER_ANSWER_LIMIT, `Keep numbers between −${NUMBER_ANSWER_LIMIT.toLocaleString("en-US")} and ${NUMBER_ANSWER_LIMIT.toLocaleString("en-US")}.`);

const trueFalseSchema = z.object({ ...base, kind: z.literal("truefalse"), answer: z.boolean() });
const numberSchema = z.object({
  ...base,
  kind: z.literal("number"),
  answer: numberAnswer,
  /** A guess this far off (or further) earns nothing. */
  tolerance: numberAnswer.positive("The tolerance must be more than 0."),
  unit: textInput().max(30).optional(),
});
/** `items` are kept in the right order; players see them shuffled (round.ts). */
const orderSchema = z
  .object({ ...base, kind: z.literal("order"), items: z.array(text(120)).min(3).max(MAX_OPTIONS) })
  .refine((q) => new Set(q.items).size === q.items.length, { path: ["items"], message: "Every item must be different." });
const typedSchema = z.object({ ...base, kind: z.literal("text"), accepted: z.array(text(120)).min(1).max(10) });

export const questionSchema = z.union([choiceSchema, trueFalseSchema, numberSchema, orderSchema, typedSchema]);
export type Question = z.infer<typeof questionSchema>;

/**
 * Lenient comparison of typed answers: case, accents ("Renée" = "Renee"),
 * punctuation, extra spaces and a leading "the" do not matter. (A surname
 * alone counts when the question lists it among the accepted answers.)
 */
export function normalizeAnswer(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .replace(/^the (?=\S)/, "");
}

export function matchesTypedAnswer(accepted: readonly string[], typed: string): boolean {
  const guess = normalizeAnswer(typed);
  return guess.length > 0 && accepted.some((a) => normalizeAnswer(a) === guess);
}
