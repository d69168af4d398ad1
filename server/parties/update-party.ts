import { AppError } from "../errors";
import { canManage } from "./access";
import type { Party, PartyRepository } from "./party";
import { partyFieldsFromForm } from "./party-fields";
import type { PartyForm } from "./party-form.types";
import { loadParty } from "./load-party";

export async function updateParty(options: {
  parties: PartyRepository;
  partyId: string;
  actorId: string;
  input: PartyForm;
}): Promise<Party> {
  const party = await loadParty(options.parties, options.partyId);
  if (!canManage(party, options.actorId)) throw new AppError("FORBIDDEN", "Only the host and co-hosts can edit this party.");
  if (party.cancelledAt) throw new AppError("CONFLICT", "This party was cancelled and can no longer be edited.");
  const { hostId: _host, ...fields } = partyFieldsFromForm(options.input, party.hostId);
  return options.parties.update(party.id, fields);
}
