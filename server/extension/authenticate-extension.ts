import type { SessionUser } from "../auth/session-user";
import { isAppError } from "../errors";
import { loadParty } from "../parties/load-party";
import { checkRoomAccess } from "../room/room-access";
import type { ExtensionAuth } from "./extension-auth";
import type { ExtensionLinkDeps } from "./extension-links";
import { LINK_TOKEN_TTL_MS, readLinkToken, signLinkToken, type LinkClaims } from "./link-token";

export interface ExtensionIdentity {
  user: SessionUser;
  /** The one party this connection may act in. */
  partyId: string;
  /** When this token expires: the connection it opens closes then unless renewed. */
  expiresAt: number;
  claims: LinkClaims;
}

/**
 * Who an extension's token speaks for, or null: a bad signature, an expired
 * token, a person who signed out everywhere since, one who unlinked, or one
 * who may no longer enter the room (removed, the party cancelled, the answer
 * or invite that let them in gone): checkRoomAccess, exactly as minting.
 * The handshake and every renewal go through here.
 */
export async function authenticateExtension(options: { deps: ExtensionLinkDeps; token: unknown; now: number }): Promise<ExtensionIdentity | null> {
  const { deps } = options;
  const claims = readLinkToken(deps.authSecret, options.token, options.now);
  if (!claims) return null;
  const [sessionVersion, revokedAt, user] = await Promise.all([
    deps.users.sessionVersion(claims.userId),
    deps.revocations.revokedAt(claims.userId, claims.partyId),
    deps.users.findById(claims.userId),
  ]);
  if (!user || sessionVersion !== claims.sessionVersion) return null;
  if (revokedAt !== null && claims.issuedAt <= revokedAt) return null;
  try {
    const party = await loadParty(deps.parties, claims.partyId);
    await checkRoomAccess({ parties: deps.parties, rooms: deps.rooms, party, userId: user.id, invite: claims.invite, purpose: "enter" });
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
  return { user: { id: user.id, name: user.name, email: user.email, kind: user.kind }, partyId: claims.partyId, expiresAt: claims.expiresAt, claims };
}

/** A fresh token for a connected extension whose link still holds; null when it does not. */
export async function renewExtensionLink(options: { deps: ExtensionLinkDeps; token: unknown; now: number }): Promise<{ token: string; expiresAt: number } | null> {
  const identity = await authenticateExtension(options);
  if (!identity) return null;
  const expiresAt = options.now + LINK_TOKEN_TTL_MS;
  // The link's first instant stays: an unlink voids every token it ever renewed to.
  return { token: signLinkToken(options.deps.authSecret, { ...identity.claims, expiresAt }), expiresAt };
}

/** The realtime server's view of the links (its `extension` dependency). */
export function extensionAuth(deps: ExtensionLinkDeps, now: () => number = Date.now): ExtensionAuth {
  return {
    authenticate: (token) => authenticateExtension({ deps, token, now: now() }),
    renew: (token) => renewExtensionLink({ deps, token, now: now() }),
    revoke: (userId, partyId) => deps.revocations.revoke(userId, partyId, now()),
  };
}
