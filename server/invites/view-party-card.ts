import { canView } from "../parties/access";
import { loadParty, partyNotFound } from "../parties/load-party";
import type { Party, PartyRepository } from "../parties/party";
import { partyCard, type InviteCard } from "./invite-card";
import type { PartyCardQuery } from "./view-party-card.types";

/**
 * A party's link preview, for whoever fetches it (a chat app's crawler has no
 * session): a public party's to anyone, an unlisted one's only with its invite
 * token. NOT_FOUND otherwise, as for the page.
 */
export async function viewPartyCard(options: { parties: PartyRepository; partyId: string; query: PartyCardQuery; now: Date }): Promise<{ party: Party; card: InviteCard }> {
  const party = await loadParty(options.parties, options.partyId);
  if (!canView(party, { hasAnswered: false, inviteToken: options.query.invite ?? null })) throw partyNotFound();
  return { party, card: partyCard(party, options.now) };
}
