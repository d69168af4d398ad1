import { getAppContext } from "@/server/context";
import { errorResponse, readJsonBody } from "@/server/http/json";
import { requireUser } from "@/server/http/session";
import { partyFormSchema } from "@/server/parties/party-form.types";
import { updateParty } from "@/server/parties/update-party";

type Params = { params: Promise<{ id: string }> };

export async function PATCH(request: Request, { params }: Params): Promise<Response> {
  const context = getAppContext();
  try {
    const user = await requireUser(context, request);
    const input = await readJsonBody(request, partyFormSchema);
    const party = await updateParty({ parties: context.parties, partyId: (await params).id, actorId: user.id, input });
    return Response.json({ party: { id: party.id, url: `/parties/${party.id}`, sequence: party.sequence } });
  } catch (error) {
    return errorResponse(error, (err) => context.logger.error({ err }, "editing a party failed"));
  }
}
