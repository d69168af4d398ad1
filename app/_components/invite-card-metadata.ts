import type { Metadata } from "next";
import { CARD_SIZE, type InviteCard } from "@/server/invites/invite-card";

/** Open Graph and Twitter card tags for a page whose preview is `card`, drawn at `imageUrl` (absolute). */
export function inviteCardMetadata(options: { card: InviteCard; pageUrl: string; imageUrl: string; title: Metadata["title"] }): Metadata {
  const { card, pageUrl, imageUrl } = options;
  const title = card.cancelled ? `Cancelled: ${card.title}` : card.title;
  const image = { url: imageUrl, ...CARD_SIZE, alt: `${card.title}. ${card.lines.join(". ")}`, type: "image/png" };
  return {
    title: options.title,
    description: card.description,
    openGraph: { type: "website", siteName: "Ballard Watch Party", title, description: card.description, url: pageUrl, images: [image] },
    twitter: { card: "summary_large_image", title, description: card.description, images: [image] },
  };
}
