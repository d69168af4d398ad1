import type { DeckName, TriviaRepository } from "./trivia";
import type { TriviaRunner } from "./trivia-runner";

export interface PinMomentOptions {
  runner: Pick<TriviaRunner, "pin">;
  repository: Pick<TriviaRepository, "findDeck">;
  partyId: string;
  roundId: string;
  deck: DeckName;
  /** The question's place in the deck, from 0. */
  question: number;
  episode: number;
  positionMs: number;
}
