import { readJsonBody } from "@/server/http/json";
import { signedInPartyRoute } from "@/server/http/route";
import { addCohost } from "@/server/parties/add-cohost";
import { addCohostRequestSchema } from "@/server/parties/add-cohost.types";

export const POST = signedInPartyRoute("adding a co-host failed", async ({ context, user, request, partyId }) => {
  const input = await readJsonBody(request, addCohostRequestSchema);
  await addCohost({ parties: context.parties, users: context.users, partyId, actorId: user.id, input });
  return Response.json({ ok: true });
});
