import { getAppContext } from "@/server/context";
import { errorResponse, readJsonBody } from "@/server/http/json";
import { requireUser } from "@/server/http/session";
import { MAX_ARTICLE_BODY_BYTES, saveDeckRequestSchema } from "@/server/trivia/generate-questions.types";
import { partyManagedBy } from "@/server/trivia/manage-access";
import { savePartyDeck } from "@/server/trivia/save-party-deck";

type Params = { params: Promise<{ id: string }> };

/** The party's own deck, with its answers: for its hosts only. */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  const context = getAppContext();
  try {
    const user = await requireUser(context, request);
    const party = await partyManagedBy(context.parties, (await params).id, user.id);
    return Response.json({ deck: await context.trivia.findDeck(party.id) });
  } catch (error) {
    return errorResponse(error, (err) => context.logger.error({ err }, "reading a trivia deck failed"));
  }
}

export async function PUT(request: Request, { params }: Params): Promise<Response> {
  const context = getAppContext();
  try {
    const user = await requireUser(context, request);
    const input = await readJsonBody(request, saveDeckRequestSchema, MAX_ARTICLE_BODY_BYTES);
    const deck = await savePartyDeck({ parties: context.parties, trivia: context.trivia, partyId: (await params).id, userId: user.id, input });
    return Response.json({ deck });
  } catch (error) {
    return errorResponse(error, (err) => context.logger.error({ err }, "saving a trivia deck failed"));
  }
}
