import { getAppContext } from "@/server/context";
import { errorResponse } from "@/server/http/json";
import { requireUser } from "@/server/http/session";
import { cancelParty } from "@/server/parties/cancel-party";

type Params = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Params): Promise<Response> {
  const context = getAppContext();
  try {
    const user = await requireUser(context, request);
    const party = await cancelParty({ parties: context.parties, partyId: (await params).id, actorId: user.id, now: new Date() });
    // Once the cancel is stored, its room closes: members are told and taken out.
    await context.realtime?.closeParty(party.id);
    return Response.json({ party: { id: party.id, cancelledAt: party.cancelledAt?.toISOString() ?? null } });
  } catch (error) {
    return errorResponse(error, (err) => context.logger.error({ err }, "cancelling a party failed"));
  }
}
