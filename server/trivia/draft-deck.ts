import type { PartyRepository } from "../parties/party";
import { generateQuestions } from "./generate-questions";
import type { GenerateRequest, GenerateResponse } from "./generate-questions.types";
import { partyManagedBy } from "./manage-access";

/** A host's pasted article becomes proposed questions; nothing is stored until the host saves the deck. */
export async function draftDeck(options: {
  parties: PartyRepository;
  partyId: string;
  userId: string;
  input: GenerateRequest;
}): Promise<GenerateResponse> {
  await partyManagedBy(options.parties, options.partyId, options.userId);
  return generateQuestions(options.input);
}
