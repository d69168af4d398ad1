import { publicRequest } from "@/server/auth/public-request";
import { route } from "@/server/http/route";
import { sessionOf } from "@/server/http/session";
import { resultsCsv } from "@/server/trivia/export-results";
import { viewResults } from "@/server/trivia/view-results";

export const GET = route<{ id: string }>("exporting trivia results failed", async ({ context, request, params }) => {
  const user = await sessionOf(context, request);
  const invite = new URL(publicRequest(request, context.authUrl).url).searchParams.get("invite");
  const results = await viewResults({ parties: context.parties, trivia: context.trivia, partyId: params.id, viewerId: user?.id, inviteToken: invite });
  return new Response(resultsCsv({ party: results.party, rounds: results.rounds }), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="ballard-trivia-${results.partyId}.csv"`,
      "cache-control": "no-store",
    },
  });
});
