/**
 * One real server process for the OS-process tests (tests/support/process-cluster.ts):
 * the app composed as tests/support/test-app.ts boots it (composeApp,
 * createRealtimeServer, the HTTP edge over the API route handlers), configured
 * from the app's own environment variables (DATABASE_URL, REDIS_URL,
 * REDIS_KEY_PREFIX, AUTH_SECRET, PORT, HOST, TRUST_PROXY, LOG_LEVEL) through
 * loadEnv. Pages are not served: a full server needs a Next.js build, and what
 * these tests kill and restart is the realtime server.
 *
 * TRIVIA_TIMINGS (JSON, tests only) shortens the read, reveal and leaderboard phases.
 * When it listens it sends `{ ready: true, port }` to the parent over IPC.
 * SIGTERM and SIGINT close it as the real server closes.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { openRedis } from "@/server/cluster/open-redis";
import { setAppContext } from "@/server/context";
import { openDatabase } from "@/server/db/client";
import { loadEnv } from "@/server/env";
import { createHttpEdge } from "@/server/http/http-edge";
import { createOriginPolicy } from "@/server/http/origin-policy";
import { createLogger } from "@/server/logger";
import { createRealtimeServer } from "@/server/realtime/create-realtime-server";
import { composeApp, roomDeps } from "@/server/start-server";
import { createGeneratorPool, DEFAULT_GENERATOR_POOL } from "@/server/trivia/draft-deck-pool";
import type { TriviaTimings } from "@/server/trivia/trivia-runner";
import { serveApiRoutes } from "./route-server";

const env = loadEnv(process.env);
const logger = createLogger(env.logLevel);
process.on("unhandledRejection", (err) => logger.error({ err }, "unhandled rejection"));
const timings = process.env.TRIVIA_TIMINGS ? (JSON.parse(process.env.TRIVIA_TIMINGS) as Partial<TriviaTimings>) : undefined;

const database = await openDatabase({ target: env.database });
const cluster = env.redis ? await openRedis({ ...env.redis, logger }) : undefined;
const context = composeApp({
  database,
  env,
  logger,
  ...(cluster ? { cluster } : {}),
  // No generator thread until a test drafts (none of these does).
  drafting: { generator: createGeneratorPool({ ...DEFAULT_GENERATOR_POOL, warm: false }) },
});
setAppContext(context);
const origins = createOriginPolicy(env);
const edge = { origins, trustProxyHops: env.trustProxyHops, dev: false, oauthProviders: context.oauthProviders, renewSession: context.renewSession, logger };
const httpServer = createServer(createHttpEdge(edge, serveApiRoutes()));
const { io, controls } = createRealtimeServer(httpServer, {
  authenticate: context.getSessionUser,
  origins,
  logger,
  room: roomDeps(context),
  trivia: { repository: context.trivia, ...(timings ? { timings } : {}) },
  trustProxyHops: env.trustProxyHops,
  ...(cluster ? { adapter: cluster.adapter } : {}),
});
context.realtime = controls;
await new Promise<void>((resolve, reject) => {
  httpServer.once("error", reject);
  httpServer.listen(env.port, env.host, resolve);
});
logger.info({ port: env.port, processId: cluster?.processId }, "realtime process is serving");
process.send?.({ ready: true, port: (httpServer.address() as AddressInfo).port });

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  await io.close();
  await context.drafting.generator.close();
  await database.close();
  await cluster?.close();
  process.exit(0);
}
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    stop(signal).catch((err: unknown) => {
      logger.error({ err }, "shutdown failed");
      process.exit(1);
    });
  });
}
