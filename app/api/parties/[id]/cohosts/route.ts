import { getAppContext } from "@/server/context";
import { errorResponse, readJsonBody } from "@/server/http/json";
import { requireUser } from "@/server/http/session";
import { addCohost } from "@/server/parties/add-cohost";
import { addCohostRequestSchema } from "@/server/parties/add-cohost.types";

type Params = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Params): Promise<Response> {
  const context = getAppContext();
  try {
    const user = await requireUser(context, request);
    const input = await readJsonBody(request, addCohostRequestSchema);
    await addCohost({ parties: context.parties, users: context.users, partyId: (await params).id, actorId: user.id, input });
    return Response.json({ ok: true });
  } catch (error) {
    return errorResponse(error, (err) => context.logger.error({ err }, "adding a co-host failed"));
  }
}
