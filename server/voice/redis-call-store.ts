import type { Redis } from "ioredis";
import type { CallStore } from "./call-store";

/** A party's call rules live this long after their last change (a party lasts hours, not days). */
export const CALL_RULES_TTL_S = 3 * 24 * 3600;

/**
 * The call rules in Redis, one hash per party (`voice:<partyId>` under
 * REDIS_KEY_PREFIX): `off`, `large`, `removed:<userId>`, `muted:<userId>`.
 */
export function createRedisCallStore(redis: Redis): CallStore {
  const key = (partyId: string) => `voice:${partyId}`;
  async function write(partyId: string, change: (multi: ReturnType<Redis["multi"]>) => void): Promise<void> {
    const multi = redis.multi();
    change(multi);
    multi.expire(key(partyId), CALL_RULES_TTL_S);
    await multi.exec();
  }
  return {
    async read(partyId) {
      const fields = await redis.hgetall(key(partyId));
      const names = Object.keys(fields);
      const pick = (prefix: string) => names.filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length));
      return { off: fields.off === "1", removed: pick("removed:"), hostMuted: pick("muted:"), large: fields.large === "1" };
    },
    setOff: (partyId, off) => write(partyId, (m) => (off ? m.hset(key(partyId), "off", "1") : m.hdel(key(partyId), "off"))),
    setLarge: (partyId, on) => write(partyId, (m) => (on ? m.hset(key(partyId), "large", "1") : m.hdel(key(partyId), "large"))),
    remove: (partyId, userId) => write(partyId, (m) => m.hset(key(partyId), `removed:${userId}`, "1")),
    setHostMuted: (partyId, userId, on) =>
      write(partyId, (m) => (on ? m.hset(key(partyId), `muted:${userId}`, "1") : m.hdel(key(partyId), `muted:${userId}`))),
  };
}
