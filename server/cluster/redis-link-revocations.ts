import type { LinkRevocations } from "../extension/link-revocations";
import { linkRevocationKey } from "./cluster-keys";
import type { ClusterRedis } from "./open-redis";
import { defineScript } from "./redis-script";

// KEYS: the revocation. ARGV: atMs, keepMs. Keeps the latest instant (processes' clocks differ by a little),
// and lives as long as a token issued before it could still be unexpired.
const REVOKE = `
local at = tonumber(ARGV[1])
local old = tonumber(redis.call('GET', KEYS[1]) or '')
if old and old > at then at = old end
redis.call('SET', KEYS[1], at, 'PX', ARGV[2])
`;

/**
 * Unlinked extensions shared by every process (REDIS_URL): an unlink on one
 * process voids the link's tokens on all of them. Like the memory store, an
 * entry is kept `keepMs` (the token lifetime), by Redis expiry.
 */
export function createRedisLinkRevocations(cluster: Pick<ClusterRedis, "state">, keepMs: number): LinkRevocations {
  const revoke = defineScript(cluster.state, "bwpRevokeLink", 1, REVOKE);
  return {
    async revoke(userId, partyId, atMs) {
      await revoke(linkRevocationKey(userId, partyId), atMs, keepMs);
    },
    async revokedAt(userId, partyId) {
      const at = await cluster.state.get(linkRevocationKey(userId, partyId));
      return at === null ? null : Number(at);
    },
  };
}
