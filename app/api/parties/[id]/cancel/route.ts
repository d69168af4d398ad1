import { signedInPartyRoute } from "@/server/http/route";
import { cancelParty } from "@/server/parties/cancel-party";

export const POST = signedInPartyRoute("cancelling a party failed", async ({ context, user, partyId }) => {
  const party = await cancelParty({ parties: context.parties, realtime: context.realtime, partyId, actorId: user.id, now: new Date() });
  return Response.json({ party: { id: party.id, cancelledAt: party.cancelledAt?.toISOString() ?? null } });
});
