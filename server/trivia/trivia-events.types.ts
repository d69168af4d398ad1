import { z } from "zod";
import { textInput } from "../text-input";
import { partyIdSchema as partyId, rowIdSchema } from "../parties/party-id";
import { episodeSchema, positionSchema } from "../room/room-events.types";
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
  /** Whether the host who starts the round plays along (default: yes). */
  hostPlays: z.boolean({ message: "hostPlays is true or false." }).optional(),
  /** Show the first question at once (one click from nothing to a question). */
  begin: z.boolean({ message: "begin is true or false." }).optional(),
});

export const roundInPartySchema = z.object({ partyId });

const roundId = rowIdSchema("round");

/** Where the host saw the round when they pressed: a command from elsewhere changes nothing. */
export const roundStepSchema = z.object({
  roundId,
  phase: z.enum(["lobby", "question", "reveal", "leaderboard", "podium"], { message: "phase is lobby, question, reveal, leaderboard or podium." }),
  index: z.number().int().min(-1).max(MAX_QUESTIONS_PER_ROUND - 1),
});

export const nextStepSchema = z.object({ partyId, from: roundStepSchema.optional() });

export const endRoundSchema = z.object({ partyId, roundId: roundId.optional() });

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

/** A host pins question `question` (0-based) of a deck to an episode moment in the party's live round. */
export const pinMomentSchema = z.object({
  partyId,
  roundId,
  deck: z.enum(["ballard", "party"], { message: 'Choose the deck: "ballard" or "party".' }),
  question: z.number({ message: "Say which question of the deck." }).int("Questions are numbered from 0.").min(0, "Questions are numbered from 0.").max(999, "The deck has fewer questions."),
  episode: episodeSchema,
  positionMs: positionSchema,
});

const pinId = rowIdSchema("pinned question");

/** A viewer's player reached a pinned moment and showed its question. */
export const momentShownSchema = z.object({ partyId, roundId, pinId });

/** An answer to a pinned question, timed from when it was shown to this person. */
export const momentAnswerSchema = z.object({ partyId, roundId, pinId, answer: answerSchema });
