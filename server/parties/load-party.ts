import { AppError } from "../errors";
import type { Party, PartyRepository } from "./party";

const notFound = () => new AppError("NOT_FOUND", "There is no such party, or its link is not valid.");

/** The party, or NOT_FOUND (also for ids that are not ids at all). */
export async function loadParty(parties: PartyRepository, id: string): Promise<Party> {
  if (!/^[a-z0-9]{1,40}$/i.test(id)) throw notFound();
  const party = await parties.findById(id);
  if (!party) throw notFound();
  return party;
}

export { notFound as partyNotFound };
