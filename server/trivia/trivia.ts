import type { StoredRound } from "./live-round";
import type { Question } from "./question";
import type { AnswerInput, ResultRow } from "./round";

export type DeckName = "ballard" | "party";

/** A round's bounds, plain numbers (no schema) so the room's page can show them without loading zod. */
export const MAX_QUESTIONS_PER_ROUND = 30;
export const SECONDS_PER_QUESTION = { min: 5, max: 120 } as const;

export type { ResultRow } from "./round";

export interface LeaderboardEntry {
  rank: number;
  userId: string;
  name: string;
  score: number;
  correct: number;
  answered: number;
}

export interface RoundSummary {
  id: string;
  deck: DeckName;
  questionCount: number;
  secondsPerQuestion: number;
  startedAt: Date;
  endedAt: Date | null;
  leaderboard: LeaderboardEntry[];
}

export interface PartyDeck {
  title: string;
  questions: Question[];
  updatedAt: Date;
}

export interface NewRound {
  partyId: string;
  deck: DeckName;
  questionCount: number;
  secondsPerQuestion: number;
  startedById: string;
  /** Where the party's clock was at the start (the replay shows the round there). */
  moment?: { episode: number; positionMs: number } | null;
}

/** A played round as the replay reads it back: its moment, questions (with keys) and every stored result. */
export interface ReplayRoundRow {
  id: string;
  startedAt: Date;
  moment: { episode: number; positionMs: number } | null;
  questions: unknown;
  results: Array<{ questionIndex: number; userId: string; playerName: string; answer: unknown; correct: boolean; points: number }>;
}

/** A round's row as stored: the live state's columns and JSON (live-round.ts reads them). */
export interface LiveRoundRow {
  id: string;
  partyId: string;
  phase: string;
  questionIndex: number;
  version: number;
  questions: unknown;
  live: unknown;
}

export interface Submission {
  userId: string;
  answer: unknown;
  elapsedMs: number;
}

/** The party's shown round, locked (`FOR UPDATE`) until the transition's step returns. */
export interface LockedRound {
  id: string;
  partyId: string;
  phase: string;
  questionIndex: number;
  version: number;
  deadlineMs: number | null;
  /** The row's JSON, read in the same transaction. */
  load(): Promise<LiveRoundRow>;
  /** The answers stored so far for one question. */
  submissions(questionIndex: number): Promise<Submission[]>;
  /** One question's stored results. */
  results(questionIndex: number): Promise<ResultRow[]>;
}

/** What a transition writes: the new state (the version is raised by one), results, and whether the round ends or is cleared. */
export interface RoundWrite {
  round: Omit<StoredRound, "live"> & { live: StoredRound["live"] | null };
  results?: ResultRow[];
  /** Set once: the round stops running (podium, ended by a host, cancelled or unreadable). */
  endedAt?: Date;
}

export type TransitionTarget =
  /** The party's shown round (running, or at the podium until cleared). */
  | { partyId: string }
  /** Any running round whose deadline is before this instant and that no other transaction holds. */
  | { overdueBefore: number };

/** Where trivia rounds, their results and a party's own deck are stored. */
export interface TriviaRepository {
  /** Stores a new round; null (nothing stored) when the party is cancelled. */
  createRound(input: NewRound): Promise<{ id: string } | null>;
  saveResults(roundId: string, rows: ResultRow[]): Promise<void>;
  endRound(roundId: string, endedAt: Date): Promise<void>;
  /**
   * Stores a live round in its lobby and clears the party's finished one from view;
   * "running" when the party already has a running round (a unique index says so),
   * "cancelled" when the party is.
   */
  startLiveRound(input: NewRound & { id: string; round: StoredRound; questions: unknown }): Promise<"started" | "running" | "cancelled">;
  /**
   * One transaction: locks the target round's row, runs `step` and writes what it
   * returns (version + 1). `step` gets null when there is no such round. Returns
   * the step's value and the new version (null when nothing was written).
   */
  transition<T>(target: TransitionTarget, step: (round: LockedRound | null) => Promise<{ write: RoundWrite | null; value: T }>): Promise<{ value: T; version: number | null }>;
  /** The party's shown round, read without a lock. */
  findLiveRound(partyId: string): Promise<(LiveRoundRow & { version: number }) | null>;
  /** The round's version and phase now (a cheap read to check a cached copy). */
  liveVersion(partyId: string): Promise<{ id: string; version: number } | null>;
  /** One question's stored results (read without a lock). */
  questionResults(roundId: string, questionIndex: number): Promise<ResultRow[]>;
  /**
   * Stores an answer as it arrives (grouped with others arriving at once): "duplicate"
   * when this player's answer to this question is already stored, "closed" when the
   * question no longer takes answers. Waits for a transition holding the round.
   */
  submitAnswer(input: { roundId: string; questionIndex: number; userId: string; answer: AnswerInput; elapsedMs: number }): Promise<"stored" | "duplicate" | "closed">;
  /** How many answers a question has, in all and from these players. */
  countSubmissions(roundId: string, questionIndex: number, among: string[]): Promise<{ total: number; among: number }>;
  /** One player's stored answer to a question, if any. */
  findSubmission(roundId: string, questionIndex: number, userId: string): Promise<Submission | null>;
  /**
   * Records when a pinned question was first shown to one person (a later
   * report changes nothing) and returns the instant that counts.
   */
  recordMomentShown(input: { roundId: string; pinId: string; userId: string; shownAtMs: number }): Promise<number>;
  /** When a pinned question was first shown to one person (null: not yet). */
  momentShownAt(roundId: string, pinId: string, userId: string): Promise<number | null>;
  /** Every round of the party, newest first, each with its leaderboard. */
  rounds(partyId: string): Promise<RoundSummary[]>;
  /** Every round of the party, oldest first, for the replay (at most `limit`). */
  replayRounds(partyId: string, limit: number): Promise<ReplayRoundRow[]>;
  /** The whole party's leaderboard: every round's points added up. */
  partyLeaderboard(partyId: string): Promise<LeaderboardEntry[]>;
  findDeck(partyId: string): Promise<PartyDeck | null>;
  saveDeck(partyId: string, deck: { title: string; questions: Question[] }): Promise<PartyDeck>;
}
