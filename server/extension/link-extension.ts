import { AppError } from "../errors";
import { canView } from "../parties/access";
import { loadParty, partyNotFound } from "../parties/load-party";
import { partyCancelled } from "../room/room-closed";
import type { ExtensionLinkDeps } from "./extension-links";
import type { ExtensionLinkGrant } from "./link-extension.types";
import { LINK_TOKEN_TTL_MS, signLinkToken } from "./link-token";

/**
 * A token for the browser extension to follow one party as this person: only
 * for a party they may enter the room of (the same checks as room:join), so
 * a removed member gets none.
 */
export async function linkExtension(options: {
  deps: ExtensionLinkDeps;
  partyId: string;
  userId: string;
  invite?: string | null;
  now: number;
}): Promise<ExtensionLinkGrant> {
  const { deps, userId, now } = options;
  const party = await loadParty(deps.parties, options.partyId);
  const hasAnswered = (await deps.parties.rsvpOf(party.id, userId)) !== null;
  if (!canView(party, { userId, hasAnswered, inviteToken: options.invite })) throw partyNotFound();
  if (party.cancelledAt) throw partyCancelled();
  if ((await deps.rooms.sanctions(party.id, userId)).removed) throw new AppError("FORBIDDEN", "A host removed you from this party's room.");
  const sessionVersion = await deps.users.sessionVersion(userId);
  if (sessionVersion === null) throw new AppError("UNAUTHENTICATED", "Sign in to link the extension.");
  const expiresAt = now + LINK_TOKEN_TTL_MS;
  // Issued a millisecond after any unlink made in the same instant, so that a new link is never void at birth.
  const issuedAt = Math.max(now, ((await deps.revocations.revokedAt(userId, party.id)) ?? -1) + 1);
  return {
    token: signLinkToken(deps.authSecret, { userId, partyId: party.id, sessionVersion, issuedAt, expiresAt }),
    expiresAt,
    party: { id: party.id, title: party.title },
  };
}
