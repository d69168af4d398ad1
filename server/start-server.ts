import type { Server as HttpServer } from "node:http";
import path from "node:path";
import next from "next";
import type { Logger } from "pino";
import { assembleApp, type PagesHandler } from "./assemble-app";
import { openDatabase } from "./db/client";
import type { Env } from "./env";
import type { NodeHandler } from "./http/http-edge";
import { newProcessId } from "./process-id";
import type { RealtimeServer } from "./realtime/create-realtime-server";
import { openTopology } from "./topology/open-topology";

export interface RunningServer {
  httpServer: HttpServer;
  io: RealtimeServer;
  url: string;
  /** Shutting down gently (SIGTERM): see AssembledApp.drain. Then close(). */
  drain(): Promise<number>;
  close(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, "..");

/** Next.js's pages and route handlers, prepared (its upgrade handler in development, for hot reload). */
async function nextPages(env: Env, dev: boolean): Promise<PagesHandler> {
  const app = next({ dev, dir: ROOT, hostname: env.host, port: env.port });
  await app.prepare();
  const upgrade = dev ? app.getUpgradeHandler() : undefined;
  return {
    handle: app.getRequestHandler(),
    ...(upgrade ? { upgrade: (req, socket, head) => void upgrade(req, socket, head) } : {}),
    close: () => app.close(),
    dev,
  };
}

/**
 * One HTTP server, one port: Next.js serves pages and route handlers, Socket.IO
 * serves /socket.io/. The database is opened (and migrated) once per process,
 * the topology the environment asks for opened (server/topology), and the app
 * assembled over them (server/assemble-app.ts).
 */
export async function startServer(options: {
  env: Env;
  logger: Logger;
  dev: boolean;
  /** What the HTTP edge hands requests on to instead of Next.js (the OS-process tests serve the API routes alone, with no build). */
  serve?: NodeHandler;
}): Promise<RunningServer> {
  const { env, dev } = options;
  // Every log line names the process, so one party can be followed across processes.
  const processId = newProcessId();
  const logger = options.logger.child({ processId });
  const database = await openDatabase({
    target: env.database,
    onMigrationWait: () => logger.info("another process is applying the migrations: waiting for it"),
  });
  const topology = await openTopology(env, { logger, processId }).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const pages: PagesHandler = options.serve ? { handle: options.serve } : await nextPages(env, dev);
  const app = assembleApp({ database, env, topology, logger, pages });
  await app.listen(env.port, env.host);
  const url = `http://localhost:${env.port}`;
  logger.info({ url, database: database.kind, topology: topology.kind, dev, mail: Boolean(env.mail) }, "Ballard Watch Party is serving");
  return { httpServer: app.httpServer, io: app.io, url, drain: () => app.drain(), close: () => app.close() };
}
