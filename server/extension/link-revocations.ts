/**
 * Unlinked extensions: per person and party, the instant before which every
 * token is void. Behind an interface so that it can move to a store shared by
 * several processes, like the room state.
 */
export interface LinkRevocations {
  revoke(userId: string, partyId: string, atMs: number): Promise<void>;
  /** The last revocation for this person and party, or null. */
  revokedAt(userId: string, partyId: string): Promise<number | null>;
}

/**
 * One process's revocations, in memory. An entry is needed only while a token
 * issued before it could still be unexpired, so entries older than `keepMs`
 * are dropped.
 */
export function createMemoryLinkRevocations(keepMs: number): LinkRevocations {
  const revoked = new Map<string, number>();
  const key = (userId: string, partyId: string) => `${userId}\u0000${partyId}`;
  return {
    async revoke(userId, partyId, atMs) {
      for (const [k, at] of revoked) if (at < atMs - keepMs) revoked.delete(k);
      revoked.set(key(userId, partyId), atMs);
    },
    async revokedAt(userId, partyId) {
      return revoked.get(key(userId, partyId)) ?? null;
    },
  };
}
