import { getAppContext } from "@/server/context";

export const dynamic = "force-dynamic";

/**
 * For the load balancer and operators. 503 when the database does not answer
 * (this process cannot serve). Redis unreachable is "degraded", not down: the
 * process still serves its own connections while Redis comes back.
 */
export async function GET(): Promise<Response> {
  const { database, cluster, logger } = getAppContext();
  const socketAdapter = cluster ? "redis-streams" : "memory";
  const [databaseUp, redisUp] = await Promise.all([
    database.ping().then(
      () => true,
      (err: unknown) => {
        logger.error({ err }, "health check: database did not answer");
        return false;
      },
    ),
    cluster ? cluster.ping() : Promise.resolve(true),
  ]);
  const status = !databaseUp ? "unavailable" : redisUp ? "ok" : "degraded";
  const body = { status, database: database.kind, socketAdapter, ...(cluster ? { redis: redisUp ? "ok" : "unreachable" } : {}) };
  return Response.json(body, { status: databaseUp ? 200 : 503 });
}
