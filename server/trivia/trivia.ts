import type { Question } from "./question";
import type { AnswerInput } from "./round";

export type DeckName = "ballard" | "party";

export interface ResultRow {
  questionIndex: number;
  questionId: string;
  userId: string;
  playerName: string;
  answer: AnswerInput | null;
  correct: boolean;
  points: number;
  elapsedMs: number | null;
}

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

/** Where trivia rounds, their results and a party's own deck are stored. */
export interface TriviaRepository {
  /** Stores a new round; null (nothing stored) when the party is cancelled. */
  createRound(input: { partyId: string; deck: DeckName; questionCount: number; secondsPerQuestion: number; startedById: string }): Promise<{ id: string } | null>;
  saveResults(roundId: string, rows: ResultRow[]): Promise<void>;
  endRound(roundId: string, endedAt: Date): Promise<void>;
  /** Every round of the party, newest first, each with its leaderboard. */
  rounds(partyId: string): Promise<RoundSummary[]>;
  /** The whole party's leaderboard: every round's points added up. */
  partyLeaderboard(partyId: string): Promise<LeaderboardEntry[]>;
  findDeck(partyId: string): Promise<PartyDeck | null>;
  saveDeck(partyId: string, deck: { title: string; questions: Question[] }): Promise<PartyDeck>;
}
