import type { Logger } from "pino";
import type { Env } from "../env";
import { openClusterTopology } from "./cluster";
import { openSingleProcessTopology } from "./single-process";
import type { Topology } from "./topology";

/** The topology the environment asks for: a cluster with REDIS_URL (which needs DATABASE_URL, env.ts), else one process. */
export function openTopology(env: Pick<Env, "redis" | "database">, options: { logger: Logger; processId: string }): Promise<Topology> {
  const { logger, processId } = options;
  if (env.redis) {
    if (env.database.kind !== "postgres") throw new Error("REDIS_URL needs DATABASE_URL: several processes cannot share the embedded database");
    return openClusterTopology({ redis: env.redis, databaseUrl: env.database.url, logger, processId });
  }
  return openSingleProcessTopology({ database: env.database, logger, processId });
}
