import { getAppContext } from "@/server/context";
import { errorResponse, readJsonBody } from "@/server/http/json";
import { requireUser } from "@/server/http/session";
import { createParty } from "@/server/parties/create-party";
import { listPublicParties } from "@/server/parties/list-public-parties";
import { partyFormSchema } from "@/server/parties/party-form.types";

export const dynamic = "force-dynamic";

/** The upcoming public parties as JSON, for calendars and bots. */
export async function GET(): Promise<Response> {
  const { parties, logger } = getAppContext();
  try {
    return Response.json(await listPublicParties({ parties, now: new Date(), logger }));
  } catch (error) {
    return errorResponse(error, (err) => logger.error({ err }, "listing parties failed"));
  }
}

export async function POST(request: Request): Promise<Response> {
  const context = getAppContext();
  try {
    const user = await requireUser(context, request);
    const input = await readJsonBody(request, partyFormSchema);
    const party = await createParty({ parties: context.parties, host: user, input, now: new Date() });
    return Response.json({ party: { id: party.id, url: `/parties/${party.id}` } }, { status: 201 });
  } catch (error) {
    return errorResponse(error, (err) => context.logger.error({ err }, "creating a party failed"));
  }
}
