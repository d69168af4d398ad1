import { getAppContext } from "@/server/context";

export const dynamic = "force-dynamic";

/**
 * For the load balancer and operators. 503 when the database does not answer
 * (this process cannot serve) or the process is shutting down (draining: the
 * balancer stops sending it new connections). Redis unreachable is "degraded",
 * not down: the process still serves its own connections while Redis comes back.
 * In Redis mode it names the process, so one can tell which process answered.
 */
export async function GET(): Promise<Response> {
  const { database, cluster, logger, draining } = getAppContext();
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
  const status = draining ? "draining" : !databaseUp ? "unavailable" : redisUp ? "ok" : "degraded";
  const body = {
    status,
    database: database.kind,
    socketAdapter,
    ...(cluster ? { redis: redisUp ? "ok" : "unreachable", processId: cluster.processId } : {}),
  };
  return Response.json(body, { status: databaseUp && !draining ? 200 : 503 });
}
