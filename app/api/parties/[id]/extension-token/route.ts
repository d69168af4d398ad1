import { getAppContext } from "@/server/context";
import { linkExtension } from "@/server/extension/link-extension";
import { linkExtensionSchema, unlinkExtensionSchema } from "@/server/extension/link-extension.types";
import { unlinkExtension } from "@/server/extension/unlink-extension";
import { errorResponse, readJsonBody } from "@/server/http/json";
import { requireUser } from "@/server/http/session";

type Params = { params: Promise<{ id: string }> };

/** Links the browser extension to this party: a short-lived token the room page hands to it (docs/extension.md). */
export async function POST(request: Request, { params }: Params): Promise<Response> {
  const context = getAppContext();
  try {
    const user = await requireUser(context, request);
    const input = await readJsonBody(request, linkExtensionSchema);
    const grant = await linkExtension({ deps: context.extensionLinks, partyId: (await params).id, userId: user.id, invite: input.invite, now: Date.now() });
    return Response.json(grant, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, (err) => context.logger.error({ err }, "linking the extension failed"));
  }
}

/** Unlinks it: every token for this party is void and its connections close. */
export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  const context = getAppContext();
  try {
    const user = await requireUser(context, request);
    await readJsonBody(request, unlinkExtensionSchema);
    const partyId = (await params).id;
    return Response.json(await unlinkExtension({ deps: context.extensionLinks, realtime: context.realtime, userId: user.id, partyId, now: Date.now() }));
  } catch (error) {
    return errorResponse(error, (err) => context.logger.error({ err }, "unlinking the extension failed"));
  }
}
