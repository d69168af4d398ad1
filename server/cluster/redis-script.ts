import type { Redis } from "ioredis";

export type RedisScript = (...keysThenArgs: Array<string | number>) => Promise<unknown>;

/**
 * A Lua script as an ioredis command (EVALSHA, loaded again after a Redis
 * restart); ioredis prefixes its first `numberOfKeys` arguments like any key.
 */
export function defineScript(redis: Redis, name: string, numberOfKeys: number, lua: string): RedisScript {
  redis.defineCommand(name, { numberOfKeys, lua });
  const command = (redis as unknown as Record<string, RedisScript>)[name]!;
  return (...args) => command.apply(redis, args);
}
