import type { Redis } from "ioredis";

/**
 * Deletes the keys under one prefix, and only them: SCAN for the prefix, then
 * UNLINK (never FLUSHDB: others share the Redis). Give a client without a
 * `keyPrefix` of its own, as SCAN's pattern is not prefixed by ioredis.
 */
export async function deleteKeysWithPrefix(redis: Redis, keyPrefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${keyPrefix}*`, "COUNT", 500);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== "0");
}
