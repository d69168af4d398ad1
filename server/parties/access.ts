import { timingSafeEqual } from "node:crypto";
import type { Party } from "./party";

/** Compares an invite token in constant time. */
export function inviteTokenMatches(party: Pick<Party, "inviteToken">, token: string | null | undefined): boolean {
  if (!token) return false;
  const a = Buffer.from(party.inviteToken);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function canManage(party: Pick<Party, "hostId" | "cohostIds">, userId: string | undefined): boolean {
  return Boolean(userId) && (party.hostId === userId || party.cohostIds.includes(userId!));
}

/**
 * A public party is visible to anyone. An unlisted one only through its
 * invite link, or to its hosts and to people who already answered.
 */
export function canView(
  party: Pick<Party, "visibility" | "hostId" | "cohostIds" | "inviteToken">,
  viewer: { userId?: string; hasAnswered: boolean; inviteToken?: string | null },
): boolean {
  if (party.visibility === "public") return true;
  return canManage(party, viewer.userId) || viewer.hasAnswered || inviteTokenMatches(party, viewer.inviteToken);
}
