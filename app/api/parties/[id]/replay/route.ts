import { publicRequest } from "@/server/auth/public-request";
import { validationError } from "@/server/errors";
import { route } from "@/server/http/route";
import { sessionOf } from "@/server/http/session";
import { replayParty } from "@/server/room/replay-party";
import { replayPartyParamsSchema } from "@/server/room/replay-party.types";

/** The party's chat and reactions at their episode moments, for anyone who may see the party. */
export const GET = route<{ id: string }>("reading a party's replay failed", async ({ context, request, params }) => {
  const invite = new URL(publicRequest(request, context.authUrl).url).searchParams.get("invite");
  const parsed = replayPartyParamsSchema.safeParse({ partyId: params.id, invite });
  if (!parsed.success) throw validationError(parsed.error);
  const user = await sessionOf(context, request);
  const replay = await replayParty({
    parties: context.parties,
    rooms: context.rooms,
    trivia: context.trivia,
    partyId: parsed.data.partyId,
    viewerId: user?.id,
    inviteToken: parsed.data.invite,
    now: new Date(),
  });
  return Response.json({ replay }, { headers: { "cache-control": "no-store" } });
});
