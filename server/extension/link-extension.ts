import { AppError } from "../errors";
import { loadParty } from "../parties/load-party";
import { consumeLimits } from "../rate-limit";
import { checkRoomAccess } from "../room/room-access";
import type { ExtensionLinkDeps } from "./extension-links";
import type { ExtensionLinkGrant } from "./link-extension.types";
import { LINK_TOKEN_TTL_MS, signLinkToken } from "./link-token";

/**
 * A token for the browser extension to follow one party as this person: only
 * for a party they may enter the room of (checkRoomAccess, the same function
 * as room:join), so a removed member gets none. Limited per person
 * (EXTENSION_LINK_RATE).
 */
export async function linkExtension(options: {
  deps: ExtensionLinkDeps;
  partyId: string;
  userId: string;
  invite?: string | null;
  now: number;
}): Promise<ExtensionLinkGrant> {
  const { deps, userId, now } = options;
  await consumeLimits([
    { limiter: deps.mintLimiter, key: userId, message: (s) => `You are linking the extension too often. Try again in ${s} s.` },
  ]);
  const party = await loadParty(deps.parties, options.partyId);
  await checkRoomAccess({ parties: deps.parties, rooms: deps.rooms, party, userId, invite: options.invite, purpose: "enter" });
  const sessionVersion = await deps.users.sessionVersion(userId);
  if (sessionVersion === null) throw new AppError("UNAUTHENTICATED", "Sign in to link the extension.");
  const expiresAt = now + LINK_TOKEN_TTL_MS;
  // Issued a millisecond after any unlink made in the same instant, so that a new link is never void at birth.
  const issuedAt = Math.max(now, ((await deps.revocations.revokedAt(userId, party.id)) ?? -1) + 1);
  return {
    token: signLinkToken(deps.authSecret, { userId, partyId: party.id, sessionVersion, issuedAt, expiresAt, ...(options.invite ? { invite: options.invite } : {}) }),
    expiresAt,
    party: { id: party.id, title: party.title },
  };
}
