import { inviteCardPng } from "@/app/_components/invite-card-image";
import { route } from "@/server/http/route";
import { homeCard } from "@/server/invites/invite-card";
import { upcomingPublicParties } from "@/server/parties/list-public-parties";

/** The landing page's link preview image, 1200 × 630 PNG. */
export const GET = route("drawing the home card failed", async ({ context }) => {
  const upcoming = await upcomingPublicParties({ parties: context.parties, now: new Date(), limit: 50, logger: context.logger });
  return await inviteCardPng(homeCard(upcoming.length));
});
