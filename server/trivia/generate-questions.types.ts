import { z } from "zod";
import { textInput } from "../text-input";
import { questionSchema, type Question } from "./question";

/** The longest article a host may paste (characters). */
export const MAX_ARTICLE_CHARS = 20_000;
/** Enough for the longest article in UTF-8 and its JSON quoting. */
export const MAX_ARTICLE_BODY_BYTES = 96 * 1024;

/** Every control character (Cc) but line breaks and tabs, and the replacement character. */
const NOT_TEXT = /[^\P{Cc}\n\r\t]|\uFFFD/u;
/** Twenty letters, whatever stands between them: stops at the twentieth. */
const TWENTY_LETTERS = /(?:\p{L}\P{L}*){20}/u;

/**
 * Text has letters and no control characters other than line breaks and tabs
 * (binary pasted as text has them). Runs on the event loop for every draft, so
 * it makes no copy of the text and no list of its letters.
 */
function looksLikeText(value: string): boolean {
  return !NOT_TEXT.test(value) && TWENTY_LETTERS.test(value);
}

export const generateRequestSchema = z.object({
  title: textInput().max(200, "Keep the title under 200 characters.").optional(),
  text: z
    .string({ message: "Paste the article as text." })
    .max(MAX_ARTICLE_CHARS, `That article is too long: paste at most ${MAX_ARTICLE_CHARS.toLocaleString("en-US")} characters.`)
    .refine((t) => t.trim().length > 0, "Paste an article: the text is empty.")
    .refine(looksLikeText, "That does not look like an article's text: paste plain text with words in it."),
});
export type GenerateRequest = z.infer<typeof generateRequestSchema>;

/** The proposed questions: shown to the host for review, stored only when saved. */
export interface GenerateResponse {
  title: string;
  paragraphs: number;
  questions: Question[];
}

export const saveDeckRequestSchema = z.object({
  title: textInput().min(1, "Give the deck a title.").max(200, "Keep the title under 200 characters."),
  questions: questionSchema.array().min(1, "Keep at least one question.").max(60, "A deck holds at most 60 questions."),
});
export type SaveDeckRequest = z.infer<typeof saveDeckRequestSchema>;
