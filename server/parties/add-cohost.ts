import { AppError } from "../errors";
import type { UserRepository } from "../users/user";
import type { PartyRepository } from "./party";
import type { AddCohostRequest } from "./add-cohost.types";
import { loadParty } from "./load-party";

/** The host makes a member who answered the invitation a co-host (a guest cannot host, so cannot co-host). */
export async function addCohost(options: {
  parties: PartyRepository;
  users: UserRepository;
  partyId: string;
  actorId: string;
  input: AddCohostRequest;
}): Promise<void> {
  const party = await loadParty(options.parties, options.partyId);
  if (party.hostId !== options.actorId) throw new AppError("FORBIDDEN", "Only the host can choose co-hosts.");
  if (party.cancelledAt) throw new AppError("CONFLICT", "This party was cancelled and can no longer be changed.");
  if ((await options.parties.rsvpOf(party.id, options.input.userId)) === null) {
    throw new AppError("VALIDATION_FAILED", "Co-hosts are chosen among people who answered the invitation.", {
      userId: "This person has not answered the invitation.",
    });
  }
  if ((await options.users.findById(options.input.userId))?.kind !== "member") {
    throw new AppError("FORBIDDEN", "Only people with an account can be co-hosts: ask them to create one first.", {
      userId: "This person joined as a guest.",
    });
  }
  await options.parties.addCohost(party.id, options.input.userId);
}
