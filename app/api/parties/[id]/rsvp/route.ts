import { readJsonBody } from "@/server/http/json";
import { signedInPartyRoute } from "@/server/http/route";
import { rsvpToParty } from "@/server/parties/rsvp-to-party";
import { rsvpRequestSchema } from "@/server/parties/rsvp-to-party.types";

export const POST = signedInPartyRoute("answering an invitation failed", async ({ context, user, request, partyId }) => {
  const input = await readJsonBody(request, rsvpRequestSchema);
  const answer = await rsvpToParty({ parties: context.parties, extensionLinks: context.extensionLinks, realtime: context.realtime, partyId, userId: user.id, input, now: Date.now() });
  return Response.json(answer);
});
