import { AppError } from "../errors";
import { canManage } from "../parties/access";
import { loadParty } from "../parties/load-party";
import type { Party, PartyRepository } from "../parties/party";

/**
 * The party, when `userId` is its host or a co-host; FORBIDDEN otherwise, and
 * CONFLICT once it is cancelled (like editing it: a cancelled party is closed).
 */
export async function partyManagedBy(parties: PartyRepository, partyId: string, userId: string): Promise<Party> {
  const party = await loadParty(parties, partyId);
  if (!canManage(party, userId)) throw new AppError("FORBIDDEN", "Only the host or a co-host can prepare trivia.");
  if (party.cancelledAt) throw new AppError("CONFLICT", "This party was cancelled: there is no trivia to prepare for it.");
  return party;
}
