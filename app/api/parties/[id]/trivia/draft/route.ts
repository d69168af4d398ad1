import { getAppContext } from "@/server/context";
import { errorResponse, readJsonBody } from "@/server/http/json";
import { requireUser } from "@/server/http/session";
import { draftDeck } from "@/server/trivia/draft-deck";
import { generateRequestSchema, MAX_ARTICLE_BODY_BYTES } from "@/server/trivia/generate-questions.types";

type Params = { params: Promise<{ id: string }> };

/**
 * Proposes questions from a pasted article (nothing is stored): in the
 * generator's worker pool, a few times a minute per person; a full pool is 503.
 */
export async function POST(request: Request, { params }: Params): Promise<Response> {
  const context = getAppContext();
  try {
    const user = await requireUser(context, request);
    const input = await readJsonBody(request, generateRequestSchema, MAX_ARTICLE_BODY_BYTES);
    return Response.json(await draftDeck({ parties: context.parties, drafting: context.drafting, partyId: (await params).id, user, input }));
  } catch (error) {
    return errorResponse(error, (err) => context.logger.error({ err }, "drafting trivia failed"));
  }
}
