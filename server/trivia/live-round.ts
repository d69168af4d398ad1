/**
 * A live round's state (round.ts) as its row stores it, and back: pure, no I/O.
 * The row's columns carry what SQL needs (phase, question index, version, next
 * deadline); the JSON carries the rest. Answers are rows of their own
 * (TriviaSubmission while the question is open, TriviaAnswer once scored).
 */
import { z } from "zod";
import { questionSchema } from "./question";
import type { AnswerInput, Phase, QuestionResult, ResultRow, RoundState } from "./round";

/** How long a round shows its reveal and leaderboard: kept with the round, so every process runs it alike. */
export interface PhaseTimings {
  revealMs: number;
  leaderboardMs: number;
}

const roundQuestionSchema = z.object({
  question: questionSchema,
  display: z.array(z.string()),
  choiceKey: z.number().int(),
  orderKey: z.array(z.number().int()),
});

const liveSchema = z.object({
  settings: z.object({ questionCount: z.number().int(), secondsPerQuestion: z.number().int(), readMs: z.number() }),
  timings: z.object({ revealMs: z.number(), leaderboardMs: z.number() }),
  opensAt: z.number().nullable(),
  closesAt: z.number().nullable(),
  closedAt: z.number().nullable(),
  phaseEndsAt: z.number().nullable(),
  // Since t31 each participant is their index in `players` (before: their user id, still read).
  participants: z.array(z.union([z.number().int().nonnegative(), z.string()])),
  // Added later: rounds stored before them read as "everyone plays" and "closed when time ran out".
  spectators: z.array(z.string()).default([]),
  closedBy: z.enum(["time", "everyone", "host"]).nullable().default(null),
  // Since t31 each player is [userId, name, score, streak, correct, answered] (before: an object of
  // those fields, still read): the JSON of a 5,000-player round is written at every transition.
  players: z.array(
    z.union([
      z.tuple([z.string(), z.string(), z.number(), z.number(), z.number(), z.number()]),
      z.object({ userId: z.string(), name: z.string(), score: z.number(), streak: z.number(), correct: z.number(), answered: z.number() }),
    ]),
  ),
  // Questions pinned to episode moments (moments.ts); rounds stored before them have none.
  pins: z
    .array(z.object({ id: z.string(), number: z.number().int(), episode: z.number().int(), positionMs: z.number(), question: roundQuestionSchema }))
    .default([]),
});

export const PHASES: readonly Phase[] = ["lobby", "question", "reveal", "leaderboard", "podium"];

export type StoredLive = z.infer<typeof liveSchema>;

/** The round's columns and JSON after a transition. */
export interface StoredRound {
  phase: Phase;
  questionIndex: number;
  /** When the round moves on by itself; null while it waits for the host (lobby) or at the podium. */
  deadlineMs: number | null;
  live: StoredLive;
}

export function storeRound(state: RoundState, timings: PhaseTimings): StoredRound {
  const waits = state.phase === "lobby" || state.phase === "podium";
  const players: StoredLive["players"] = [];
  const position = new Map<string, number>();
  for (const p of state.players.values()) {
    position.set(p.userId, players.length);
    players.push([p.userId, p.name, p.score, p.streak, p.correct, p.answered]);
  }
  return {
    phase: state.phase,
    questionIndex: state.index,
    deadlineMs: waits ? null : state.phaseEndsAt,
    live: {
      settings: state.settings,
      timings,
      opensAt: state.opensAt,
      closesAt: state.closesAt,
      closedAt: state.closedAt,
      phaseEndsAt: state.phaseEndsAt,
      participants: [...state.participants].map((userId) => position.get(userId) ?? userId),
      spectators: [...state.spectators],
      closedBy: state.closedBy,
      players,
      pins: state.pins,
    },
  };
}

export const storeQuestions = (state: RoundState): unknown => state.questions;

export const revealedPhase = (phase: Phase) => phase === "reveal" || phase === "leaderboard" || phase === "podium";

/**
 * The state back from the row. Throws (a ZodError) when the stored JSON is
 * not a round this code can run: the caller ends such a round.
 */
export function loadRound(row: {
  id: string;
  partyId: string;
  phase: string;
  questionIndex: number;
  questions: unknown;
  live: unknown;
  /** The open question's answers (question phase). */
  submissions: Array<{ userId: string; answer: unknown; elapsedMs: number }>;
  /** The current question's results (from the reveal on). */
  results: ResultRow[];
}): { state: RoundState; timings: PhaseTimings } {
  const phase = z.enum(PHASES as [Phase, ...Phase[]]).parse(row.phase);
  const questions = z.array(roundQuestionSchema).parse(row.questions);
  const live = liveSchema.parse(row.live);
  const answers = new Map<string, { answer: AnswerInput; elapsedMs: number }>();
  for (const s of row.submissions) answers.set(s.userId, { answer: s.answer as AnswerInput, elapsedMs: s.elapsedMs });
  const results: QuestionResult[] = revealedPhase(phase)
    ? row.results.map((r) => ({ userId: r.userId, name: r.playerName, answer: r.answer, correct: r.correct, points: r.points, elapsedMs: r.elapsedMs }))
    : [];
  const players = live.players.map((p) =>
    Array.isArray(p) ? { userId: p[0], name: p[1], score: p[2], streak: p[3], correct: p[4], answered: p[5] } : { ...p },
  );
  // From the reveal on, who answered is what the results say.
  for (const r of results) if (r.answer !== null && r.elapsedMs !== null) answers.set(r.userId, { answer: r.answer, elapsedMs: r.elapsedMs });
  const state: RoundState = {
    id: row.id,
    partyId: row.partyId,
    settings: live.settings,
    questions,
    phase,
    index: row.questionIndex,
    opensAt: live.opensAt,
    closesAt: live.closesAt,
    closedAt: live.closedAt,
    phaseEndsAt: live.phaseEndsAt,
    participants: new Set(live.participants.map((p) => (typeof p === "number" ? playerAt(players, p) : p))),
    spectators: new Set(live.spectators),
    closedBy: live.closedBy,
    answers,
    players: new Map(players.map((p) => [p.userId, p])),
    results,
    pins: live.pins,
  };
  return { state, timings: live.timings };
}

function playerAt(players: Array<{ userId: string }>, index: number): string {
  const player = players[index];
  if (!player) throw new z.ZodError([{ code: "custom", path: ["participants"], message: `no player at ${index}` }]);
  return player.userId;
}

/** A question's results as rows (TriviaQuestionResults holds them). */
export function resultRows(state: RoundState, results: QuestionResult[]): ResultRow[] {
  const questionId = state.questions[state.index]!.question.id;
  return results.map((r) => ({
    questionIndex: state.index,
    questionId,
    userId: r.userId,
    playerName: r.name,
    answer: r.answer,
    correct: r.correct,
    points: r.points,
    elapsedMs: r.elapsedMs,
  }));
}
