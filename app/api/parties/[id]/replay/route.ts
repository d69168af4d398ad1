import { publicRequest } from "@/server/auth/public-request";
import { getAppContext } from "@/server/context";
import { validationError } from "@/server/errors";
import { errorResponse } from "@/server/http/json";
import { sessionOf } from "@/server/http/session";
import { replayParty } from "@/server/room/replay-party";
import { replayPartyParamsSchema } from "@/server/room/replay-party.types";

type Params = { params: Promise<{ id: string }> };

/** The party's chat and reactions at their episode moments, for anyone who may see the party. */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  const context = getAppContext();
  try {
    const invite = new URL(publicRequest(request, context.authUrl).url).searchParams.get("invite");
    const parsed = replayPartyParamsSchema.safeParse({ partyId: (await params).id, invite });
    if (!parsed.success) throw validationError(parsed.error);
    const user = await sessionOf(context, request);
    const replay = await replayParty({
      parties: context.parties,
      rooms: context.rooms,
      partyId: parsed.data.partyId,
      viewerId: user?.id,
      inviteToken: parsed.data.invite,
      now: new Date(),
    });
    return Response.json({ replay }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, (err) => context.logger.error({ err }, "reading a party's replay failed"));
  }
}
