import { getAppContext } from "@/server/context";
import { errorResponse, readJsonBody } from "@/server/http/json";
import { requireUser } from "@/server/http/session";
import { unlinkExtension } from "@/server/extension/unlink-extension";
import { rsvpToParty } from "@/server/parties/rsvp-to-party";
import { rsvpRequestSchema } from "@/server/parties/rsvp-to-party.types";

type Params = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Params): Promise<Response> {
  const context = getAppContext();
  try {
    const user = await requireUser(context, request);
    const input = await readJsonBody(request, rsvpRequestSchema);
    const partyId = (await params).id;
    const onPromoted = async (promotedPartyId: string, userIds: string[]) => context.realtime?.notifyPromoted(promotedPartyId, userIds);
    const answer = await rsvpToParty({ parties: context.parties, partyId, userId: user.id, input, onPromoted });
    // Leaving the party unlinks the browser extension from it.
    if (answer.status === "not_going") await unlinkExtension({ deps: context.extensionLinks, realtime: context.realtime, userId: user.id, partyId, now: Date.now() });
    return Response.json(answer);
  } catch (error) {
    return errorResponse(error, (err) => context.logger.error({ err }, "answering an invitation failed"));
  }
}
