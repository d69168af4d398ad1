import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import { createAuthConfig, oauthProviderIds } from "./auth/auth-config";
import { createAppContext, setAppContext, getAppContextIfSet, type AppContext } from "./context";
import type { Database } from "./db/client";
import type { Env } from "./env";
import { extensionAuth } from "./extension/authenticate-extension";
import { EXTENSION_LINK_RATE } from "./extension/extension-links";
import { createHttpEdge, type NodeHandler } from "./http/http-edge";
import { createOriginPolicy } from "./http/origin-policy";
import { createMetrics, type AppMetrics } from "./metrics/metrics";
import { createRealtimeServer, type RealtimeServer } from "./realtime/create-realtime-server";
import type { SocketLimiters } from "./socket-limits";
import type { RoomDeps } from "./room/room-deps";
import type { Topology } from "./topology/topology";
import { DRAFT_RATE, type DraftingDeps } from "./trivia/draft-deck";
import { createGeneratorPool } from "./trivia/draft-deck-pool";
import { createPrismaTriviaRepository } from "./trivia/prisma-trivia-repository";
import type { TriviaRepository } from "./trivia/trivia";
import type { TriviaRunner, TriviaTimings } from "./trivia/trivia-runner";
import { createAccountLimiters, type AccountLimiters } from "./users/account-limits";
import { signOutEverywhere } from "./users/sign-out-everywhere";
import { createPrismaReminderRepository } from "./reminders/prisma-reminder-repository";
import { startReminderSweeper } from "./reminders/reminder-sweeper";
import { createSmtpMailer } from "./reminders/smtp-mailer";
import { JANUS_WS_PATH, JanusGateway } from "./voice/janus-gateway";
import { proxyJanusUpgrade } from "./voice/janus-proxy";

/** What the assembly reads of the environment (env.ts validates it at start-up). */
export type AssemblyEnv = Pick<Env, "authSecret" | "authUrl" | "oauth" | "allowedOrigins" | "trustProxyHops" | "metricsToken" | "drainNoticeMs"> &
  Partial<Pick<Env, "mail" | "turn" | "janus">>;

/** What the HTTP edge hands requests on to: Next.js in production, the API routes alone in tests and benchmarks. */
export interface PagesHandler {
  handle: NodeHandler;
  /** WebSocket upgrades that are not Socket.IO's (Next's hot reload in development). */
  upgrade?(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close?(): Promise<void>;
  /** Development: Next's dev mode (looser CSP for its hot reload). */
  dev?: boolean;
}

/**
 * What tests and benchmarks change of the same assembly, and nothing else:
 * timings, generous limits, a failing dependency injected.
 */
export interface AssemblyOverrides {
  /** Trivia's read/reveal/leaderboard times. */
  triviaTimings?: Partial<TriviaTimings>;
  /** Socket limiters in place of the topology's (a benchmark's clients all come from one address). */
  socketLimiters?: Partial<SocketLimiters>;
  /** Sign-in, sign-up and guest limiters in place of the topology's. */
  accountLimiters?: AccountLimiters;
  /** The question generator's pool or the draft limiter. */
  drafting?: Partial<DraftingDeps>;
  /** Wraps what the realtime server's room handlers use (to inject a failure, or time the chat store). */
  wrapRoom?(deps: RoomDeps): RoomDeps;
  /** Wraps the trivia repository the realtime server (its trivia runner and handlers) uses (to count or hold its reads). */
  wrapTrivia?(repository: TriviaRepository): TriviaRepository;
  /** The realtime server's clock in place of the topology's. */
  now?(): number;
  /** The wall clock sessions end by (a test moves it past a session's end). */
  wallClock?(): number;
  /** How often open connections are checked against their session's end (ms). */
  sessionSweepMs?: number;
}

export interface AssembledApp {
  context: AppContext;
  httpServer: HttpServer;
  io: RealtimeServer;
  metrics: AppMetrics;
  trivia: Pick<TriviaRunner, "roundsHeld" | "stop">;
  topology: Topology;
  /** Starts listening; resolves with the port (0 asks for a free one). */
  listen(port: number, host: string): Promise<number>;
  /**
   * Shutting down gently (SIGTERM): health answers 503 for DRAIN_NOTICE_MS so
   * the balancer stops sending new connections, then the trivia timers stop
   * and every connection is told to reconnect elsewhere (how many: the result). Then close().
   */
  drain(): Promise<number>;
  /** Stops everything it runs, the topology and the database included. */
  close(): Promise<void>;
  /** As `kill -9` would (tests): heartbeats stop, Redis goes, then the sockets close with nothing cleaned up. */
  halt(): Promise<void>;
}

/**
 * The one composition root: the app over an open database (migrated) and a
 * topology (server/topology), with its HTTP edge, Socket.IO server, metrics
 * and context. `server/main.ts` (through start-server.ts), every test tier and
 * every benchmark build the server with this; what differs between them is
 * the topology and typed `overrides`. It owns the database and the topology
 * from here on: `close()` closes them.
 */
export function assembleApp(options: {
  database: Database;
  env: AssemblyEnv;
  topology: Topology;
  logger: Logger;
  pages: PagesHandler;
  overrides?: AssemblyOverrides;
}): AssembledApp {
  const { database, env, topology, logger, pages } = options;
  const overrides = options.overrides ?? {};
  const { users, parties, rooms } = topology.repositories(database);
  const limiters = overrides.accountLimiters ?? createAccountLimiters(topology.makeLimiter);
  const trivia = createPrismaTriviaRepository(database.prisma);
  const extensionLinks = {
    authSecret: env.authSecret,
    users,
    parties,
    rooms,
    revocations: topology.linkRevocations,
    mintLimiter: topology.makeLimiter("extension-links", EXTENSION_LINK_RATE),
  };
  const metrics = createMetrics({
    processId: topology.processId,
    pingDatabase: () => database.ping(),
    ...(topology.pingRedis ? { pingRedis: topology.pingRedis } : {}),
  });
  const origins = createOriginPolicy(env);

  // The HTTP edge reads the context's session renewal, the realtime server its sessions: both only once requests come.
  const httpServer = createServer(
    createHttpEdge(
      {
        origins,
        trustProxyHops: env.trustProxyHops,
        dev: pages.dev ?? false,
        oauthProviders: oauthProviderIds(env),
        renewSession: (cookie) => context.renewSession(cookie),
        logger,
        metrics: {
          render: () => metrics.render(),
          get token() {
            return env.metricsToken;
          },
        },
      },
      (req, res) => pages.handle(req, res),
    ),
  );
  // Large calls: Janus, reached by browsers through this origin (server/voice/janus-proxy.ts).
  const janus = env.janus ? new JanusGateway(env.janus) : undefined;
  // Its session with Janus opened now: the first large call does not wait for it.
  janus?.warm();
  const janusUpgrade = env.janus
    ? proxyJanusUpgrade({ wsUrl: env.janus.wsUrl, allowedOrigin: (origin, req) => origin !== undefined && origins.refusal(req.headers) === null })
    : undefined;
  // Every upgrade that is not Socket.IO's (it keeps /socket.io/ for itself): the call's media path to Janus, Next's hot
  // reload in development, and any other closed at once. Socket.IO leaves them alone (destroyUpgrade: false): its
  // default ends an upgrade that has had no answer after 1 s, which cut off pages whose Janus answered later on a busy machine.
  httpServer.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = req.url ?? "";
    if (url.startsWith("/socket.io/") || janusUpgrade?.(req, socket, head)) return;
    if (pages.upgrade && !url.startsWith(JANUS_WS_PATH)) return pages.upgrade(req, socket, head);
    socket.destroy();
  });
  const roomDeps: RoomDeps = { parties, rooms, state: topology.roomState };
  const timed = metrics.timeChatStore(roomDeps);
  const { now: nowOverride } = overrides;
  const realtime = createRealtimeServer(httpServer, {
    authenticate: (cookie) => context.getSocketSession(cookie),
    ...(overrides.wallClock ? { wallClock: overrides.wallClock } : {}),
    ...(overrides.sessionSweepMs !== undefined ? { sessionSweepMs: overrides.sessionSweepMs } : {}),
    origins,
    logger,
    room: overrides.wrapRoom ? overrides.wrapRoom(timed) : timed,
    metrics: metrics.realtime,
    trivia: { repository: overrides.wrapTrivia ? overrides.wrapTrivia(trivia) : trivia, ...(overrides.triviaTimings ? { timings: overrides.triviaTimings } : {}) },
    extension: extensionAuth(extensionLinks),
    trustProxyHops: env.trustProxyHops,
    ...(env.turn ? { turn: env.turn } : {}),
    ...(janus ? { janus } : {}),
    limiters: { ...topology.realtime.socketLimiters, ...overrides.socketLimiters },
    topology: nowOverride ? { ...topology.realtime, now: () => nowOverride() } : topology.realtime,
  });
  const drafting: DraftingDeps = {
    generator: overrides.drafting?.generator ?? createGeneratorPool(),
    limiter: overrides.drafting?.limiter ?? topology.makeLimiter("drafts", { points: DRAFT_RATE.points, duration: DRAFT_RATE.durationSeconds }),
  };
  const reminders = createPrismaReminderRepository(database.prisma);
  let reminderSweeper: ReturnType<typeof startReminderSweeper> | undefined;
  const context = createAppContext({
    database,
    ...(topology.cluster ? { cluster: topology.cluster } : {}),
    ...(topology.processes ? { processes: topology.processes } : {}),
    users,
    parties,
    rooms,
    roomState: topology.roomState,
    trivia,
    extensionLinks,
    limiters,
    drafting,
    // Sign-out also closes the user's sockets.
    authConfig: createAuthConfig({ env, users, limiters, logger, onSignOut: (userId) => signOutEverywhere({ users, realtime: realtime.controls, userId }) }),
    reminders: { repository: reminders, mailEnabled: Boolean(env.mail) },
    authUrl: env.authUrl,
    oauthProviders: oauthProviderIds(env),
    logger,
    realtime: realtime.controls,
  });
  const app = context;
  setAppContext(app);
  const unset = () => {
    if (getAppContextIfSet() === app) setAppContext(undefined);
  };

  return {
    context: app,
    httpServer,
    io: realtime.io,
    metrics,
    trivia: realtime.trivia,
    topology,
    async listen(port, host) {
      await new Promise<void>((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          httpServer.off("error", reject);
          resolve();
        });
      });
      const listening = (httpServer.address() as AddressInfo).port;
      // Every process sweeps for due reminders; the database decides which one sends each (docs/reminders.md).
      if (env.mail && !reminderSweeper) {
        reminderSweeper = startReminderSweeper({
          reminders,
          mailer: createSmtpMailer(env.mail),
          origin: env.authUrl ? new URL(env.authUrl).origin : `http://localhost:${listening}`,
          // Unique per start: a restarted process never mistakes an old claim for its own.
          processId: `${topology.processId}:${randomUUID().slice(0, 8)}`,
          now: () => new Date(),
          logger,
        });
      }
      return listening;
    },
    async drain() {
      app.draining = true;
      logger.info({ noticeMs: env.drainNoticeMs }, "draining: reporting unhealthy to the balancer");
      await new Promise((resolve) => setTimeout(resolve, env.drainNoticeMs));
      const connections = await realtime.drain();
      logger.info({ connections }, "drained: connections told to reconnect elsewhere");
      return connections;
    },
    async close() {
      // Trivia timers and the sweep stop first: other processes' sweeps take this one's rounds over.
      realtime.trivia.stop();
      // The sends under way are recorded; claims not yet sent go back to the other processes.
      await reminderSweeper?.stop();
      realtime.noticesAtOnce();
      await realtime.io.close();
      janus?.stop();
      await pages.close?.();
      await drafting.generator.close();
      await topology.close();
      await database.close();
      unset();
    },
    async halt() {
      void reminderSweeper?.stop();
      await topology.halt();
      await realtime.io.close();
      await drafting.generator.close();
      unset();
    },
  };
}
