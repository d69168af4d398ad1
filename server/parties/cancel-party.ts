import { AppError } from "../errors";
import { canManage } from "./access";
import type { Party, PartyRepository } from "./party";
import { loadParty } from "./load-party";

export async function cancelParty(options: {
  parties: PartyRepository;
  partyId: string;
  actorId: string;
  now: Date;
}): Promise<Party> {
  const party = await loadParty(options.parties, options.partyId);
  if (!canManage(party, options.actorId)) throw new AppError("FORBIDDEN", "Only the host and co-hosts can cancel this party.");
  if (party.cancelledAt) return party;
  return options.parties.cancel(party.id, options.now);
}
