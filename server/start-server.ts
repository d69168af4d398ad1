import { createServer, type Server as HttpServer } from "node:http";
import path from "node:path";
import next from "next";
import type { Logger } from "pino";
import { createAuthConfig, oauthProviderIds } from "./auth/auth-config";
import { createAppContext, setAppContext, type AppContext } from "./context";
import { clusterParts, clusterRealtimeDeps } from "./cluster/cluster-parts";
import { CHAT_CHANNEL } from "./cluster/chat-notifications";
import { startClusterRealtime } from "./cluster/cluster-realtime";
import { newProcessId, openRedis, type ClusterRedis } from "./cluster/open-redis";
import type { ProcessTimings } from "./cluster/process-registry";
import { createMetrics } from "./metrics/metrics";
import { openDatabase, type Database } from "./db/client";
import type { Env } from "./env";
import { extensionAuth } from "./extension/authenticate-extension";
import { createMemoryLinkRevocations } from "./extension/link-revocations";
import { LINK_TOKEN_TTL_MS } from "./extension/link-token";
import type { RoomDeps } from "./room/room-deps";
import { createHttpEdge, type NodeHandler } from "./http/http-edge";
import { createOriginPolicy } from "./http/origin-policy";
import { createRealtimeServer, type RealtimeServer } from "./realtime/create-realtime-server";
import { createPrismaPartyRepository } from "./parties/prisma-party-repository";
import { createMemoryRoomState } from "./room/memory-room-state";
import { createPrismaRoomRepository } from "./room/prisma-room-repository";
import { DRAFT_RATE, type DraftingDeps } from "./trivia/draft-deck";
import { createGeneratorPool } from "./trivia/draft-deck-pool";
import { createPrismaTriviaRepository } from "./trivia/prisma-trivia-repository";
import { memoryLimiter } from "./rate-limit";
import { createAccountLimiters, type AccountLimiters } from "./users/account-limits";
import { createPrismaUserRepository } from "./users/prisma-user-repository";
import { signOutEverywhere } from "./users/sign-out-everywhere";
import { cachePartyReads } from "./room/cache-party-reads";
import { cacheSessionVersions } from "./users/cache-session-versions";

export interface RunningServer {
  httpServer: HttpServer;
  io: RealtimeServer;
  url: string;
  /**
   * Shutting down gently (SIGTERM): health answers 503 for DRAIN_NOTICE_MS so
   * the balancer stops sending new connections, then the trivia timers stop
   * and every connection is told to reconnect elsewhere and closed. Then close().
   */
  drain(): Promise<void>;
  close(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, "..");
/** Chat batches stored at once on a PostgreSQL server, of the pool's 10 connections (node-postgres's default). */
const CHAT_BATCHES_IN_FLIGHT = 4;

/**
 * The app's parts over an open database: repositories, auth, the question
 * generator's worker pool (the caller closes it with `drafting.generator.close()`),
 * the context transports use. Tests may hand in their own drafting parts.
 */
export function composeApp(options: {
  database: Database;
  env: Pick<Env, "authSecret" | "authUrl" | "oauth">;
  logger: Logger;
  /** Redis, when several processes share the live rooms (REDIS_URL): room state and limits go through it. */
  cluster?: ClusterRedis;
  /** The process registry's heartbeat and death time (with `cluster`; tests shorten them). */
  processTimings?: Partial<ProcessTimings>;
  /** Memory limiters (Redis ones with `cluster`) unless others are given. */
  limiters?: AccountLimiters;
  drafting?: Partial<DraftingDeps>;
}): AppContext {
  const { database, env, logger } = options;
  // The only writer of its database keeps each user's session version until their sign-out raises it.
  const users = options.cluster ? createPrismaUserRepository(database.prisma) : cacheSessionVersions(createPrismaUserRepository(database.prisma));
  const shared = options.cluster ? clusterParts(options.cluster, { logger, ...(options.processTimings ? { timings: options.processTimings } : {}) }) : undefined;
  const makeLimiter = shared?.makeLimiter ?? memoryLimiter;
  const limiters = options.limiters ?? createAccountLimiters(makeLimiter);
  // With several processes, chat is stored under per-party locks and notified to every process.
  const stored = {
    parties: createPrismaPartyRepository(database.prisma),
    // One process on a PostgreSQL server: several chat batches at once, on the connection pool's connections.
    rooms: createPrismaRoomRepository(
      database,
      options.cluster ? { commit: { notifyChannel: CHAT_CHANNEL } } : database.kind === "postgres" ? { chatBatchesInFlight: CHAT_BATCHES_IN_FLIGHT } : {},
    ),
  };
  // The only writer of its database keeps what every join reads until the party's next write.
  const { parties, rooms } = options.cluster ? stored : cachePartyReads(stored);
  // Sign-out also closes the user's sockets, through the realtime controls set once Socket.IO runs.
  const onSignOut = (userId: string) => signOutEverywhere({ users, realtime: context.realtime, userId });
  const context: AppContext = createAppContext({
    database,
    ...(options.cluster && shared ? { cluster: options.cluster, processes: shared.processes } : {}),
    users,
    parties,
    rooms,
    roomState: shared?.roomState ?? createMemoryRoomState(),
    trivia: createPrismaTriviaRepository(database.prisma),
    extensionLinks: { authSecret: env.authSecret, users, parties, rooms, revocations: shared?.linkRevocations ?? createMemoryLinkRevocations(LINK_TOKEN_TTL_MS) },
    limiters,
    drafting: {
      generator: options.drafting?.generator ?? createGeneratorPool(),
      limiter: options.drafting?.limiter ?? makeLimiter("drafts", { points: DRAFT_RATE.points, duration: DRAFT_RATE.durationSeconds }),
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
export async function startServer(options: {
  env: Env;
  logger: Logger;
  dev: boolean;
  /** What the HTTP edge hands requests on to instead of Next.js (the OS-process tests serve the API routes alone, with no build). */
  serve?: NodeHandler;
}): Promise<RunningServer> {
  const { env, dev } = options;
  // Every log line names the process, so one party can be followed across processes.
  const processId = env.redis ? newProcessId() : String(process.pid);
  const logger = options.logger.child({ processId });
  const database = await openDatabase({
    target: env.database,
    onMigrationWait: () => logger.info("another process is applying the migrations: waiting for it"),
  });
  const cluster = env.redis ? await openRedis({ ...env.redis, logger, processId }) : undefined;
  const context = composeApp({ database, env, logger, ...(cluster ? { cluster } : {}) });
  // REDIS_URL needs DATABASE_URL (env.ts): the database is a PostgreSQL server.
  const clustered = cluster && env.database.kind === "postgres" ? await startClusterRealtime({ cluster, databaseUrl: env.database.url, logger }) : undefined;
  setAppContext(context);
  const metrics = createMetrics({ processId, pingDatabase: () => database.ping(), ...(cluster ? { pingRedis: () => cluster.ping() } : {}) });

  const app = options.serve ? undefined : next({ dev, dir: ROOT, hostname: env.host, port: env.port });
  await app?.prepare();
  const handle: NodeHandler = options.serve ?? app!.getRequestHandler();
  const origins = createOriginPolicy(env);
  const httpServer = createServer(
    createHttpEdge(
      {
        origins,
        trustProxyHops: env.trustProxyHops,
        dev,
        oauthProviders: context.oauthProviders,
        renewSession: context.renewSession,
        logger,
        metrics: { render: () => metrics.render(), token: env.metricsToken },
      },
      (req, res) => handle(req, res),
    ),
  );
  if (dev && app) {
    // Next's hot reload uses WebSockets too; Socket.IO keeps /socket.io/ for itself.
    const upgrade = app.getUpgradeHandler();
    httpServer.on("upgrade", (req, socket, head) => {
      if (!req.url?.startsWith("/socket.io/")) void upgrade(req, socket, head);
    });
  }
  const realtime = createRealtimeServer(httpServer, {
    authenticate: context.getSessionUser,
    origins,
    logger,
    room: metrics.timeChatStore(roomDeps(context)),
    metrics: metrics.realtime,
    trivia: { repository: context.trivia },
    extension: extensionAuth(context.extensionLinks),
    trustProxyHops: env.trustProxyHops,
    ...(context.cluster ? clusterRealtimeDeps(context) : {}),
    ...clustered?.deps,
  });
  const { io } = realtime;
  context.realtime = realtime.controls;

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
    async drain() {
      context.draining = true;
      logger.info({ noticeMs: env.drainNoticeMs }, "draining: reporting unhealthy to the balancer");
      await new Promise((resolve) => setTimeout(resolve, env.drainNoticeMs));
      const connections = await realtime.drain();
      logger.info({ connections }, "drained: connections told to reconnect elsewhere");
    },
    async close() {
      // Trivia timers and the sweep stop first: other processes' sweeps take this one's rounds over.
      realtime.trivia.stop();
      await io.close();
      await clustered?.close();
      await app?.close();
      await context.drafting.generator.close();
      await database.close();
      await context.processes?.stop();
      await cluster?.close();
      setAppContext(undefined);
    },
  };
}
