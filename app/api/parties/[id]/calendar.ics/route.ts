import { publicRequest } from "@/server/auth/public-request";
import { route } from "@/server/http/route";
import { sessionOf } from "@/server/http/session";
import { partyCalendar } from "@/server/parties/party-calendar";
import { viewParty } from "@/server/parties/view-party";

export const GET = route<{ id: string }>("calendar export failed", async ({ context, request, params }) => {
  const user = await sessionOf(context, request);
  const url = new URL(publicRequest(request, context.authUrl).url);
  const invite = url.searchParams.get("invite");
  const { party } = await viewParty({
    parties: context.parties,
    partyId: params.id,
    viewerId: user?.id,
    inviteToken: invite,
    now: new Date(),
  });
  const pageUrl = new URL(`/parties/${party.id}`, url.origin);
  if (party.visibility === "unlisted") pageUrl.searchParams.set("invite", party.inviteToken);
  return new Response(partyCalendar({ party, url: pageUrl.toString() }), {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": `attachment; filename="ballard-party-${party.id}.ics"`,
      "cache-control": "no-store",
    },
  });
});
