import { notFound } from "next/navigation";
import { cache } from "react";
import { getAppContext } from "@/server/context";
import { isAppError } from "@/server/errors";
import { viewParty, type PartyView } from "@/server/parties/view-party";

/** A party as this viewer may see it, or the 404 page; one read per request. */
export const viewPartyOr404 = cache(async (partyId: string, invite: string | null, viewerId: string | undefined): Promise<PartyView> => {
  try {
    return await viewParty({ parties: getAppContext().parties, partyId, viewerId, inviteToken: invite, now: new Date() });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
});
