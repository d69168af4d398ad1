import { inviteCardPng } from "@/app/_components/invite-card-image";
import { publicRequest } from "@/server/auth/public-request";
import { validationError } from "@/server/errors";
import { route } from "@/server/http/route";
import { viewPartyCard } from "@/server/invites/view-party-card";
import { partyCardQuerySchema } from "@/server/invites/view-party-card.types";

/** The party's link preview image, 1200 × 630 PNG (an unlisted party's only with ?invite=). */
export const GET = route<{ id: string }>("drawing a party card failed", async ({ context, request, params }) => {
  const url = new URL(publicRequest(request, context.authUrl).url);
  const parsed = partyCardQuerySchema.safeParse({ invite: url.searchParams.get("invite") });
  if (!parsed.success) throw validationError(parsed.error);
  const query = parsed.data;
  const { card } = await viewPartyCard({ parties: context.parties, partyId: params.id, query, now: new Date() });
  return await inviteCardPng(card);
});
