import { getAppContext } from "@/server/context";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const { database, socketAdapter, logger } = getAppContext();
  try {
    await database.ping();
    return Response.json({ status: "ok", database: database.kind, socketAdapter });
  } catch (err) {
    logger.error({ err }, "health check: database did not answer");
    return Response.json({ status: "unavailable", database: database.kind, socketAdapter }, { status: 503 });
  }
}
