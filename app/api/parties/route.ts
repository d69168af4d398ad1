import { readJsonBody } from "@/server/http/json";
import { route, signedInRoute } from "@/server/http/route";
import { createParty } from "@/server/parties/create-party";
import { listPublicParties } from "@/server/parties/list-public-parties";
import { partyFormSchema } from "@/server/parties/party-form.types";

export const dynamic = "force-dynamic";

/** The upcoming public parties as JSON, for calendars and bots. */
export const GET = route("listing parties failed", async ({ context: { parties, logger } }) =>
  Response.json(await listPublicParties({ parties, now: new Date(), logger })),
);

export const POST = signedInRoute("creating a party failed", async ({ context, user, request }) => {
  const input = await readJsonBody(request, partyFormSchema);
  const party = await createParty({ parties: context.parties, host: user, input, now: new Date() });
  return Response.json({ party: { id: party.id, url: `/parties/${party.id}` } }, { status: 201 });
});
