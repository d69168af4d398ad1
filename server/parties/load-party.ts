import { AppError } from "../errors";
import type { Party, PartyRepository } from "./party";
import { PARTY_ID_PATTERN } from "./party-id";

const notFound = () => new AppError("NOT_FOUND", "There is no such party, or its link is not valid.");

/** The party, or NOT_FOUND (also for ids that are not ids at all). */
export async function loadParty(parties: PartyRepository, id: string): Promise<Party> {
  if (!PARTY_ID_PATTERN.test(id)) throw notFound();
  const party = await parties.findById(id);
  if (!party) throw notFound();
  return party;
}

export { notFound as partyNotFound };
