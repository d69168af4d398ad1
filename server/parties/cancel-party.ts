import { AppError } from "../errors";
import { canManage } from "./access";
import type { Party, PartyRepository } from "./party";
import { loadParty } from "./load-party";

/** Cancels a party; once the cancel is stored, its room closes (members are told and taken out). */
export async function cancelParty(options: {
  parties: PartyRepository;
  /** The live rooms' controls (server/context.ts). */
  realtime: { closeParty(partyId: string): Promise<void> };
  partyId: string;
  actorId: string;
  now: Date;
}): Promise<Party> {
  const party = await loadParty(options.parties, options.partyId);
  if (!canManage(party, options.actorId)) throw new AppError("FORBIDDEN", "Only the host and co-hosts can cancel this party.");
  const cancelled = party.cancelledAt ? party : await options.parties.cancel(party.id, options.now);
  await options.realtime.closeParty(cancelled.id);
  return cancelled;
}
