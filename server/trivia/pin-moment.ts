import { AppError } from "../errors";
import { BALLARD_DECK } from "./ballard-deck";
import type { PublicMoment } from "./moments";
import type { PinMomentOptions } from "./pin-moment.types";

/** The host (checked by the caller) pins question `question` of a deck to an episode moment in the party's live round. */
export async function pinMoment(options: PinMomentOptions): Promise<PublicMoment> {
  const deck = options.deck === "ballard" ? BALLARD_DECK : (await options.repository.findDeck(options.partyId))?.questions;
  if (!deck || deck.length === 0) throw new AppError("NOT_FOUND", "This party has no deck of its own yet: make one from an article first.");
  const question = deck[options.question];
  if (!question) throw new AppError("NOT_FOUND", `The deck has ${deck.length} questions (0 to ${deck.length - 1}).`);
  return options.runner.pin({ partyId: options.partyId, roundId: options.roundId, question, episode: options.episode, positionMs: options.positionMs });
}
