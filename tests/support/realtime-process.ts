/**
 * One real server process for the OS-process tests (tests/support/process-cluster.ts):
 * the real `startServer`, configured from the app's own environment variables
 * (DATABASE_URL, REDIS_URL, REDIS_KEY_PREFIX, AUTH_SECRET, PORT, HOST,
 * TRUST_PROXY, LOG_LEVEL) through loadEnv, with the API route handlers behind
 * the HTTP edge in place of Next.js: a full server needs a Next.js build, and
 * what these tests kill and restart is the rest. It stops on signals as
 * server/main.ts does (server/stop-on-signals.ts). When it listens it sends
 * `{ ready: true }` to the parent over IPC.
 */
import { loadEnv } from "@/server/env";
import { createLogger } from "@/server/logger";
import { startServer } from "@/server/start-server";
import { stopOnSignals } from "@/server/stop-on-signals";
import { serveApiRoutes } from "./route-server";

const env = loadEnv(process.env);
const logger = createLogger(env.logLevel);
process.on("unhandledRejection", (err) => logger.error({ err }, "unhandled rejection"));

stopOnSignals(await startServer({ env, logger, dev: false, serve: serveApiRoutes() }), logger);
process.send?.({ ready: true });
