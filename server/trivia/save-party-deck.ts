import type { PartyRepository } from "../parties/party";
import type { SaveDeckRequest } from "./generate-questions.types";
import { partyManagedBy } from "./manage-access";
import type { PartyDeck, TriviaRepository } from "./trivia";

/** Stores the questions the host reviewed as the party's own deck (replacing the previous one). */
export async function savePartyDeck(options: {
  parties: PartyRepository;
  trivia: TriviaRepository;
  partyId: string;
  userId: string;
  input: SaveDeckRequest;
}): Promise<PartyDeck> {
  const party = await partyManagedBy(options.parties, options.partyId, options.userId);
  return options.trivia.saveDeck(party.id, options.input);
}
