import { getAppContext } from "@/server/context";
import { errorResponse, readJsonBody } from "@/server/http/json";
import { requireUser } from "@/server/http/session";
import { rsvpToParty } from "@/server/parties/rsvp-to-party";
import { rsvpRequestSchema } from "@/server/parties/rsvp-to-party.types";

type Params = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Params): Promise<Response> {
  const context = getAppContext();
  try {
    const user = await requireUser(context, request);
    const input = await readJsonBody(request, rsvpRequestSchema);
    const onPromoted = async (partyId: string, userIds: string[]) => context.realtime?.notifyPromoted(partyId, userIds);
    return Response.json(await rsvpToParty({ parties: context.parties, partyId: (await params).id, userId: user.id, input, onPromoted }));
  } catch (error) {
    return errorResponse(error, (err) => context.logger.error({ err }, "answering an invitation failed"));
  }
}
