import { headers } from "next/headers";
import { publicOrigin } from "@/server/auth/public-request";
import { getAppContext } from "@/server/context";

/** The app's public origin for absolute links in metadata (AUTH_URL, else the request's host). */
export async function pageOrigin(): Promise<string> {
  return publicOrigin(await headers(), { protocol: "http:", host: "localhost" }, getAppContext().authUrl);
}

/** A party's card image and card page paths (with the invite token for an unlisted party). */
export function partyCardPaths(party: { id: string; visibility: "public" | "unlisted"; inviteToken: string }): { image: string; page: string } {
  const query = party.visibility === "unlisted" ? `?invite=${encodeURIComponent(party.inviteToken)}` : "";
  return { image: `/api/parties/${party.id}/card.png${query}`, page: `/parties/${party.id}/card${query}` };
}
