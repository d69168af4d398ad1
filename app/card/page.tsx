import type { Metadata } from "next";
import { InviteCardHtml } from "@/app/_components/invite-card-image";
import { getAppContext } from "@/server/context";
import { homeCard } from "@/server/invites/invite-card";
import { upcomingPublicParties } from "@/server/parties/list-public-parties";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Link preview", robots: { index: false } };

/** The landing page's link preview as a page: what its card image says, in text. */
export default async function HomeCardPage() {
  const { parties, logger } = getAppContext();
  const upcoming = await upcomingPublicParties({ parties, now: new Date(), limit: 50, logger });
  return <InviteCardHtml card={homeCard(upcoming.length)} imageUrl="/api/card.png" />;
}
