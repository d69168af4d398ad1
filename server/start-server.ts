import { createServer, type Server as HttpServer } from "node:http";
import path from "node:path";
import next from "next";
import type { Logger } from "pino";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { createAuthConfig, oauthProviderIds } from "./auth/auth-config";
import { createAppContext, setAppContext, type AppContext } from "./context";
import { openRedis, type ClusterRedis } from "./cluster/open-redis";
import { openDatabase, type Database } from "./db/client";
import type { Env } from "./env";
import type { RoomDeps } from "./room/room-deps";
import { createHttpEdge } from "./http/http-edge";
import { createOriginPolicy } from "./http/origin-policy";
import { createRealtimeServer, type RealtimeServer } from "./realtime/create-realtime-server";
import { createPrismaPartyRepository } from "./parties/prisma-party-repository";
import { createMemoryRoomState } from "./room/memory-room-state";
import { createPrismaRoomRepository } from "./room/prisma-room-repository";
import { DRAFT_RATE, type DraftingDeps } from "./trivia/draft-deck";
import { createGeneratorPool } from "./trivia/draft-deck-pool";
import { createPrismaTriviaRepository } from "./trivia/prisma-trivia-repository";
import { createMemoryAccountLimiters, type AccountLimiters } from "./users/account-limits";
import { createPrismaUserRepository } from "./users/prisma-user-repository";
import { signOutEverywhere } from "./users/sign-out-everywhere";

export interface RunningServer {
  httpServer: HttpServer;
  io: RealtimeServer;
  url: string;
  close(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, "..");

/**
 * The app's parts over an open database: repositories, auth, the question
 * generator's worker pool (the caller closes it with `drafting.generator.close()`),
 * the context transports use. Tests may hand in their own drafting parts.
 */
export function composeApp(options: {
  database: Database;
  env: Pick<Env, "authSecret" | "authUrl" | "oauth">;
  logger: Logger;
  /** Redis, when several processes share the live rooms (REDIS_URL). */
  cluster?: ClusterRedis;
  /** Memory limiters unless others (a shared store) are given. */
  limiters?: AccountLimiters;
  drafting?: Partial<DraftingDeps>;
}): AppContext {
  const { database, env, logger } = options;
  const users = createPrismaUserRepository(database.prisma);
  const limiters = options.limiters ?? createMemoryAccountLimiters();
  // Sign-out also closes the user's sockets, through the realtime controls set once Socket.IO runs.
  const onSignOut = (userId: string) => signOutEverywhere({ users, realtime: context.realtime, userId });
  const context: AppContext = createAppContext({
    database,
    ...(options.cluster ? { cluster: options.cluster } : {}),
    users,
    parties: createPrismaPartyRepository(database.prisma),
    rooms: createPrismaRoomRepository(database.prisma),
    roomState: createMemoryRoomState(),
    trivia: createPrismaTriviaRepository(database.prisma),
    limiters,
    drafting: {
      generator: options.drafting?.generator ?? createGeneratorPool(),
      limiter: options.drafting?.limiter ?? new RateLimiterMemory({ points: DRAFT_RATE.points, duration: DRAFT_RATE.durationSeconds }),
    },
    authConfig: createAuthConfig({ env, users, limiters, onSignOut, logger }),
    authUrl: env.authUrl,
    oauthProviders: oauthProviderIds(env),
    logger,
  });
  return context;
}

export function roomDeps(context: AppContext): RoomDeps {
  return { parties: context.parties, rooms: context.rooms, state: context.roomState };
}

/**
 * One HTTP server, one port: Next.js serves pages and route handlers, Socket.IO
 * serves /socket.io/. The database is opened (and migrated) once per process.
 */
export async function startServer(options: { env: Env; logger: Logger; dev: boolean }): Promise<RunningServer> {
  const { env, logger, dev } = options;
  const database = await openDatabase({ target: env.database });
  const cluster = env.redis ? await openRedis({ ...env.redis, logger }) : undefined;
  const context = composeApp({ database, env, logger, ...(cluster ? { cluster } : {}) });
  setAppContext(context);

  const app = next({ dev, dir: ROOT, hostname: env.host, port: env.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const origins = createOriginPolicy(env);
  const httpServer = createServer(
    createHttpEdge(
      { origins, trustProxyHops: env.trustProxyHops, dev, oauthProviders: context.oauthProviders, renewSession: context.renewSession, logger },
      (req, res) => handle(req, res),
    ),
  );
  if (dev) {
    // Next's hot reload uses WebSockets too; Socket.IO keeps /socket.io/ for itself.
    const upgrade = app.getUpgradeHandler();
    httpServer.on("upgrade", (req, socket, head) => {
      if (!req.url?.startsWith("/socket.io/")) void upgrade(req, socket, head);
    });
  }
  const { io, controls, trivia } = createRealtimeServer(httpServer, {
    authenticate: context.getSessionUser,
    origins,
    logger,
    room: roomDeps(context),
    trivia: { repository: context.trivia },
    trustProxyHops: env.trustProxyHops,
    ...(cluster ? { adapter: cluster.adapter } : {}),
  });
  context.realtime = controls;

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(env.port, env.host, resolve);
  });
  const url = `http://localhost:${env.port}`;
  logger.info({ url, database: database.kind, redis: Boolean(cluster), dev }, "Ballard Watch Party is serving");

  return {
    httpServer,
    io,
    url,
    async close() {
      // Trivia timers and the sweep stop first: other processes' sweeps take this one's rounds over.
      trivia.stop();
      await io.close();
      await app.close();
      await context.drafting.generator.close();
      await database.close();
      await cluster?.close();
      setAppContext(undefined);
    },
  };
}
