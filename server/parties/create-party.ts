import { randomBytes } from "node:crypto";
import type { SessionUser } from "../auth/session-user";
import { AppError } from "../errors";
import type { Party, PartyRepository } from "./party";
import { partyFieldsFromForm } from "./party-fields";
import type { PartyForm } from "./party-form.types";

/** The message a guest gets for trying to host: shown by the API and by the page. */
export const GUEST_CANNOT_HOST = "Create an account to host a party.";

/** Only a member hosts: a guest account costs nothing to make, so it carries no one's responsibility for a party. */
export async function createParty(options: {
  parties: PartyRepository;
  host: Pick<SessionUser, "id" | "kind">;
  input: PartyForm;
  now: Date;
}): Promise<Party> {
  if (options.host.kind !== "member") throw new AppError("FORBIDDEN", GUEST_CANNOT_HOST);
  const fields = partyFieldsFromForm(options.input, options.host.id);
  if (fields.startsAt <= options.now) {
    throw new AppError("VALIDATION_FAILED", "Pick a start in the future.", { startsAtLocal: "Pick a start in the future." });
  }
  // 144 bits from the OS's random source: the invite link cannot be guessed.
  return options.parties.create({ ...fields, inviteToken: randomBytes(18).toString("base64url") });
}
