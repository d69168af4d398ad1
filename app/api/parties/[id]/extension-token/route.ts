import { linkExtension } from "@/server/extension/link-extension";
import { linkExtensionSchema, unlinkExtensionSchema } from "@/server/extension/link-extension.types";
import { unlinkExtension } from "@/server/extension/unlink-extension";
import { readJsonBody } from "@/server/http/json";
import { signedInPartyRoute } from "@/server/http/route";

/** Links the browser extension to this party: a short-lived token the room page hands to it (docs/extension.md). */
export const POST = signedInPartyRoute("linking the extension failed", async ({ context, user, request, partyId }) => {
  const input = await readJsonBody(request, linkExtensionSchema);
  const grant = await linkExtension({ deps: context.extensionLinks, partyId, userId: user.id, invite: input.invite, now: Date.now() });
  return Response.json(grant, { headers: { "cache-control": "no-store" } });
});

/** Unlinks it: every token for this party is void and its connections close. */
export const DELETE = signedInPartyRoute("unlinking the extension failed", async ({ context, user, request, partyId }) => {
  await readJsonBody(request, unlinkExtensionSchema);
  return Response.json(await unlinkExtension({ deps: context.extensionLinks, realtime: context.realtime, userId: user.id, partyId, now: Date.now() }));
});
