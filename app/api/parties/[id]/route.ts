import { readJsonBody } from "@/server/http/json";
import { signedInPartyRoute } from "@/server/http/route";
import { partyFormSchema } from "@/server/parties/party-form.types";
import { updateParty } from "@/server/parties/update-party";

export const PATCH = signedInPartyRoute("editing a party failed", async ({ context, user, request, partyId }) => {
  const input = await readJsonBody(request, partyFormSchema);
  const party = await updateParty({ parties: context.parties, partyId, actorId: user.id, input });
  return Response.json({ party: { id: party.id, url: `/parties/${party.id}`, sequence: party.sequence } });
});
