import { AppError } from "../errors";
import type { PartyRepository } from "./party";
import type { AddCohostRequest } from "./add-cohost.types";
import { loadParty } from "./load-party";

/** The host makes someone who answered the invitation a co-host. */
export async function addCohost(options: {
  parties: PartyRepository;
  partyId: string;
  actorId: string;
  input: AddCohostRequest;
}): Promise<void> {
  const party = await loadParty(options.parties, options.partyId);
  if (party.hostId !== options.actorId) throw new AppError("FORBIDDEN", "Only the host can choose co-hosts.");
  if ((await options.parties.rsvpOf(party.id, options.input.userId)) === null) {
    throw new AppError("VALIDATION_FAILED", "Co-hosts are chosen among people who answered the invitation.", {
      userId: "This person has not answered the invitation.",
    });
  }
  await options.parties.addCohost(party.id, options.input.userId);
}
