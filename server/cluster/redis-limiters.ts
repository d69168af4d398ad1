import type { Redis } from "ioredis";
import { RateLimiterRedis } from "rate-limiter-flexible";
import { memoryLimiter, type LimiterFactory } from "../rate-limit";
import { SOCKET_LIMITS, socketLimiters, type ConnectionPlaces, type SocketLimiters } from "../socket-limits";
import { joinPair, personPlacesKey, PLACES_TTL_MS, processPlacesKey, splitPair } from "./cluster-keys";
import type { ClusterRedis } from "./open-redis";
import { defineScript } from "./redis-script";

/**
 * Limiters whose counters live in Redis, so a limit holds per person (or
 * address) across every process: rate-limiter-flexible's RateLimiterRedis
 * on the state client (keys `limit:<name>:<key>` under REDIS_KEY_PREFIX, each
 * expiring with its window). When Redis does not answer (the state client
 * queues nothing and gives up after its command timeout) the limiter counts
 * in this process's memory instead (`insuranceLimiter`) until Redis is back.
 */
export function redisLimiterFactory(redis: Redis): LimiterFactory {
  return (name, rule) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `limit:${name}`,
      points: rule.points,
      duration: rule.duration,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memoryLimiter(name, rule),
    });
}

// KEYS: the person's places, the process's index. ARGV: ttl, socketId, processId, limit, index member.
const TAKE_PLACE = `
if redis.call('HEXISTS', KEYS[1], ARGV[2]) == 0 then
  if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[4]) then return 0 end
  redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
  redis.call('SADD', KEYS[2], ARGV[5])
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
return 1
`;

/**
 * Connection places held in Redis, one field per connection (`socketId →
 * processId`) in a hash per person, so the count is across processes and the
 * janitor can give back the places of a process that died (sweepPlaces).
 */
export function createRedisConnectionPlaces(cluster: Pick<ClusterRedis, "state" | "processId">): ConnectionPlaces {
  const { state: redis, processId } = cluster;
  const take = defineScript(redis, "bwpTakePlace", 2, TAKE_PLACE);
  return {
    async take(userId, socketId) {
      const keys = [personPlacesKey(userId), processPlacesKey(processId)];
      let taken;
      try {
        taken = await take(...keys, PLACES_TTL_MS, socketId, processId, SOCKET_LIMITS.connectionsPerPerson, joinPair(userId, socketId));
      } catch {
        // Redis does not answer: the connection is let in uncounted (like the limiters' memory fallback, it errs on letting people in).
        return async () => undefined;
      }
      if (taken !== 1) return null;
      let given = false;
      return async () => {
        if (given) return;
        given = true;
        await redis.multi().hdel(keys[0]!, socketId).srem(keys[1]!, joinPair(userId, socketId)).exec();
      };
    },
  };
}

/** Gives back every connection place a dead process held. */
export async function sweepPlaces(redis: Redis, deadProcessId: string): Promise<void> {
  const members = await redis.smembers(processPlacesKey(deadProcessId));
  if (members.length === 0) return;
  const batch = redis.multi();
  for (const member of members) {
    const [userId, socketId] = splitPair(member);
    batch.hdel(personPlacesKey(userId), socketId);
  }
  await batch.exec();
}

/** Every socket limit on Redis: the counts are per person and address across processes. */
export function redisSocketLimiters(cluster: Pick<ClusterRedis, "state" | "processId">): SocketLimiters {
  return socketLimiters({ connections: createRedisConnectionPlaces(cluster) }, redisLimiterFactory(cluster.state));
}
