import { randomBytes } from "node:crypto";
import { AppError } from "../errors";
import type { Party, PartyRepository } from "./party";
import { partyFieldsFromForm } from "./party-fields";
import type { PartyForm } from "./party-form.types";

export async function createParty(options: {
  parties: PartyRepository;
  hostId: string;
  input: PartyForm;
  now: Date;
}): Promise<Party> {
  const fields = partyFieldsFromForm(options.input, options.hostId);
  if (fields.startsAt <= options.now) {
    throw new AppError("VALIDATION_FAILED", "Pick a start in the future.", { startsAtLocal: "Pick a start in the future." });
  }
  // 144 bits from the OS's random source: the invite link cannot be guessed.
  return options.parties.create({ ...fields, inviteToken: randomBytes(18).toString("base64url") });
}
