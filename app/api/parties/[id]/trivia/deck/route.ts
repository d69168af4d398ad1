import { readJsonBody } from "@/server/http/json";
import { signedInPartyRoute } from "@/server/http/route";
import { MAX_ARTICLE_BODY_BYTES, saveDeckRequestSchema } from "@/server/trivia/generate-questions.types";
import { partyManagedBy } from "@/server/trivia/manage-access";
import { savePartyDeck } from "@/server/trivia/save-party-deck";

/** The party's own deck, with its answers: for its hosts only. */
export const GET = signedInPartyRoute("reading a trivia deck failed", async ({ context, user, partyId }) => {
  const party = await partyManagedBy(context.parties, partyId, user.id);
  return Response.json({ deck: await context.trivia.findDeck(party.id) });
});

export const PUT = signedInPartyRoute("saving a trivia deck failed", async ({ context, user, request, partyId }) => {
  const input = await readJsonBody(request, saveDeckRequestSchema, MAX_ARTICLE_BODY_BYTES);
  const deck = await savePartyDeck({ parties: context.parties, trivia: context.trivia, partyId, userId: user.id, input });
  return Response.json({ deck });
});
