import { createServer, type Server as HttpServer } from "node:http";
import path from "node:path";
import next from "next";
import type { Logger } from "pino";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { createAuthConfig, oauthProviderIds } from "./auth/auth-config";
import { createAppContext, setAppContext, type AppContext } from "./context";
import { openDatabase, type Database } from "./db/client";
import type { Env } from "./env";
import { extensionAuth } from "./extension/authenticate-extension";
import { createMemoryLinkRevocations } from "./extension/link-revocations";
import { LINK_TOKEN_TTL_MS } from "./extension/link-token";
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
  /** Memory limiters unless others (a shared store) are given. */
  limiters?: AccountLimiters;
  drafting?: Partial<DraftingDeps>;
}): AppContext {
  const { database, env, logger } = options;
  const users = createPrismaUserRepository(database.prisma);
  const limiters = options.limiters ?? createMemoryAccountLimiters();
  const parties = createPrismaPartyRepository(database.prisma);
  const rooms = createPrismaRoomRepository(database.prisma);
  // Sign-out also closes the user's sockets, through the realtime controls set once Socket.IO runs.
  const onSignOut = (userId: string) => signOutEverywhere({ users, realtime: context.realtime, userId });
  const context: AppContext = createAppContext({
    database,
    socketAdapter: "memory",
    users,
    parties,
    rooms,
    roomState: createMemoryRoomState(),
    trivia: createPrismaTriviaRepository(database.prisma),
    extensionLinks: { authSecret: env.authSecret, users, parties, rooms, revocations: createMemoryLinkRevocations(LINK_TOKEN_TTL_MS) },
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
  const context = composeApp({ database, env, logger });
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
  const { io, controls } = createRealtimeServer(httpServer, {
    authenticate: context.getSessionUser,
    origins,
    logger,
    room: roomDeps(context),
    trivia: { repository: context.trivia },
    extension: extensionAuth(context.extensionLinks),
    trustProxyHops: env.trustProxyHops,
  });
  context.realtime = controls;

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(env.port, env.host, resolve);
  });
  const url = `http://localhost:${env.port}`;
  logger.info({ url, database: database.kind, dev }, "Ballard Watch Party is serving");

  return {
    httpServer,
    io,
    url,
    async close() {
      await io.close();
      await app.close();
      await context.drafting.generator.close();
      await database.close();
      setAppContext(undefined);
    },
  };
}
