import { publicRequest } from "@/server/auth/public-request";
import { getAppContext } from "@/server/context";
import { errorResponse } from "@/server/http/json";
import { sessionOf } from "@/server/http/session";
import { resultsCsv } from "@/server/trivia/export-results";
import { viewResults } from "@/server/trivia/view-results";

type Params = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Params): Promise<Response> {
  const context = getAppContext();
  try {
    const user = await sessionOf(context, request);
    const invite = new URL(publicRequest(request, context.authUrl).url).searchParams.get("invite");
    const results = await viewResults({ parties: context.parties, trivia: context.trivia, partyId: (await params).id, viewerId: user?.id, inviteToken: invite });
    return new Response(resultsCsv({ party: results.party, rounds: results.rounds }), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="ballard-trivia-${results.partyId}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error, (err) => context.logger.error({ err }, "exporting trivia results failed"));
  }
}
