import { z } from "zod";
import { textInput } from "../text-input";
import { partyIdSchema as partyId, rowIdSchema } from "../parties/party-id";
import { MAX_OPTIONS, NUMBER_ANSWER_LIMIT } from "./question";
import { MAX_QUESTIONS_PER_ROUND, SECONDS_PER_QUESTION } from "./trivia";

/**
 * The payload schemas of the trivia socket events (docs/realtime-protocol.md).
 * Every number is bounded: the int4 columns (questionCount, secondsPerQuestion,
 * questionIndex) far below their range, the answer's numbers to what a question can show.
 */

export const startRoundSchema = z.object({
  partyId,
  deck: z.enum(["ballard", "party"], { message: 'Choose the deck: "ballard" or "party".' }),
  questionCount: z
    .number({ message: "Say how many questions." })
    .int("A whole number of questions.")
    .min(1, "At least one question.")
    .max(MAX_QUESTIONS_PER_ROUND, `At most ${MAX_QUESTIONS_PER_ROUND} questions.`),
  secondsPerQuestion: z
    .number({ message: "Say how many seconds each question lasts." })
    .int("A whole number of seconds.")
    .min(SECONDS_PER_QUESTION.min, `At least ${SECONDS_PER_QUESTION.min} seconds.`)
    .max(SECONDS_PER_QUESTION.max, `At most ${SECONDS_PER_QUESTION.max} seconds.`),
});

export const roundInPartySchema = z.object({ partyId });

export const answerSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.literal("choice"),
      option: z
        .number({ message: "Pick an option by its number." })
        .int("Pick an option by its number.")
        .min(0, "Options are numbered from 0.")
        .max(MAX_OPTIONS - 1, `There are at most ${MAX_OPTIONS} options.`),
    }),
    z.object({ kind: z.literal("truefalse"), value: z.boolean({ message: "Answer true or false." }) }),
    z.object({ kind: z.literal("number"), value: z.number({ message: "Answer with a number." }).finite("Answer with a number.").min(-NUMBER_ANSWER_LIMIT).max(NUMBER_ANSWER_LIMIT) }),
    z.object({
      kind: z.literal("order"),
      order: z.array(z.number().int().min(0).max(MAX_OPTIONS - 1), { message: "Give the items' numbers in order." }).min(1).max(MAX_OPTIONS),
    }),
    z.object({ kind: z.literal("text"), text: textInput({ message: "Type an answer." }).max(200, "Keep answers under 200 characters.") }),
  ],
  { message: "An answer is one of: choice, truefalse, number, order, text." },
);

export const submitAnswerSchema = z.object({
  partyId,
  roundId: rowIdSchema("round"),
  questionIndex: z.number().int().min(0).max(MAX_QUESTIONS_PER_ROUND - 1),
  answer: answerSchema,
});
