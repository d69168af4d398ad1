import { AppError } from "../errors";
import type { PartyRole } from "../parties/party";
import { BALLARD_DECK } from "./ballard-deck";
import type { PublicRoundView } from "./round";
import type { DeckName, TriviaRepository } from "./trivia";
import { assertCanRunTrivia, type TriviaRunner } from "./trivia-runner";

/** The host or a co-host opens a round's lobby with the built-in deck or the party's own. */
export async function startRound(options: {
  runner: TriviaRunner;
  repository: TriviaRepository;
  partyId: string;
  userId: string;
  role: PartyRole;
  deck: DeckName;
  questionCount: number;
  secondsPerQuestion: number;
  /** Whether the host who starts it plays along (default: yes). */
  hostPlays?: boolean;
  /** Show the first question at once. */
  begin?: boolean;
  /** Where the party's clock is now, when it can be read. */
  moment?: { episode: number; positionMs: number } | null;
}): Promise<PublicRoundView> {
  assertCanRunTrivia(options.role);
  const questions = options.deck === "ballard" ? BALLARD_DECK : (await options.repository.findDeck(options.partyId))?.questions;
  if (!questions || questions.length === 0) {
    throw new AppError("NOT_FOUND", "This party has no deck of its own yet: make one from an article first.");
  }
  const lobby = await options.runner.start({
    partyId: options.partyId,
    startedById: options.userId,
    deckName: options.deck,
    deck: questions,
    questionCount: options.questionCount,
    secondsPerQuestion: options.secondsPerQuestion,
    spectators: options.hostPlays === false ? [options.userId] : [],
    moment: options.moment ?? null,
  });
  if (!options.begin) return lobby;
  // From the lobby it was just given: a command that lost a race to another host's changes nothing.
  return (await options.runner.next(options.partyId, { roundId: lobby.roundId, phase: "lobby", index: -1 })).round;
}
