import { readJsonBody } from "@/server/http/json";
import { signedInPartyRoute } from "@/server/http/route";
import { draftDeck } from "@/server/trivia/draft-deck";
import { generateRequestSchema, MAX_ARTICLE_BODY_BYTES } from "@/server/trivia/generate-questions.types";

/**
 * Proposes questions from a pasted article (nothing is stored): in the
 * generator's worker pool, a few times a minute per person; a full pool is 503.
 */
export const POST = signedInPartyRoute("drafting trivia failed", async ({ context, user, request, partyId }) => {
  const input = await readJsonBody(request, generateRequestSchema, MAX_ARTICLE_BODY_BYTES);
  return Response.json(await draftDeck({ parties: context.parties, drafting: context.drafting, partyId, user, input }));
});
