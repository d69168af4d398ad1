import { randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pino, type Logger } from "pino";
import { io as connectSocket, type Socket } from "socket.io-client";
import { deleteKeysWithPrefix } from "@/server/cluster/delete-keys";
import { clusterRealtimeDeps } from "@/server/cluster/cluster-parts";
import { startClusterRealtime } from "@/server/cluster/cluster-realtime";
import { openRedis, type ClusterRedis } from "@/server/cluster/open-redis";
import type { ProcessTimings } from "@/server/cluster/process-registry";
import { setAppContext, type AppContext } from "@/server/context";
import type { Database } from "@/server/db/client";
import { extensionAuth } from "@/server/extension/authenticate-extension";
import { CLIENT_ADDRESS_HEADER } from "@/server/http/forwarded";
import { createHttpEdge } from "@/server/http/http-edge";
import { createOriginPolicy } from "@/server/http/origin-policy";
import { createRealtimeServer, type RealtimeDeps } from "@/server/realtime/create-realtime-server";
import type { ClientEvents, ServerEvents } from "@/server/realtime/protocol";
import type { RoomDeps } from "@/server/room/room-deps";
import { composeApp, roomDeps } from "@/server/start-server";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { createGeneratorPool, DEFAULT_GENERATOR_POOL, type GeneratorPoolOptions } from "@/server/trivia/draft-deck-pool";
import { createAccount } from "@/server/users/create-account";
import type { TriviaTimings } from "@/server/trivia/trivia-runner";
import { serveApiRoutes } from "./route-server";
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from "./test-database";
import { testPartyInput } from "./test-party";

export const TEST_AUTH_SECRET = "test-secret-that-is-at-least-32-characters-long";
const ORIGIN = "http://localhost";

export type TestClient = Socket<ServerEvents, ClientEvents>;

function cookiePairs(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");
}

/**
 * The app's real parts on a fresh database, with Socket.IO on a real HTTP
 * server on a free port. Pages are not served (the browser tests do that).
 */
export async function startTestApp(options: {
  kind: TestDatabaseKind;
  realtime?: Partial<Omit<RealtimeDeps, "room" | "trivia">>;
  triviaTimings?: Partial<TriviaTimings>;
  /** Wraps the room's dependencies the realtime server gets (to inject a failure). */
  wrapRoom?: (deps: RoomDeps) => RoomDeps;
  /** The app's logger (silent by default); a test can record what is logged. */
  logger?: Logger;
  /** ALLOWED_ORIGINS and TRUST_PROXY as the environment would give them. */
  http?: { allowedOrigins?: string[]; trustProxyHops?: number };
  /** The question generator's pool size and the draft limiter, instead of the production ones. */
  drafting?: { pool?: GeneratorPoolOptions; limiter?: RateLimiterAbstract };
  /**
   * Several processes' worth: every instance (`startInstance`) shares Redis
   * (TEST_REDIS_URL) under a key prefix of this run's own, deleted at close.
   */
  redis?: boolean;
  /** With `redis`: the process registry's heartbeat and death time (short ones let a test see a dead process swept). */
  processTimings?: Partial<ProcessTimings>;
}) {
  const testDatabase: TestDatabase = await createTestDatabase(options.kind);
  const logger = options.logger ?? pino({ level: "silent" });
  const clients: TestClient[] = [];
  const keyPrefix = options.redis ? `bwp-test-${randomBytes(6).toString("hex")}:` : undefined;

  interface Instance {
    database: Database;
    context: AppContext;
    io: ReturnType<typeof createRealtimeServer>["io"];
    trivia: ReturnType<typeof createRealtimeServer>["trivia"];
    cluster: ClusterRedis | undefined;
    clustered: Awaited<ReturnType<typeof startClusterRealtime>> | undefined;
    port: number;
  }
  const instances: Instance[] = [];

  /** One server process's worth: database client, context, HTTP and Socket.IO on a free port. */
  async function boot(port = 0, clockSkewMs = 0): Promise<Instance> {
    const database: Database = await testDatabase.open();
    const cluster: ClusterRedis | undefined = keyPrefix ? await openRedis({ url: testRedisUrl(), keyPrefix, logger }) : undefined;
    const { target } = testDatabase;
    // Several processes' realtime parts; a skewed instance's own clock is wrong by clockSkewMs (its time base corrects it).
    const clustered =
      cluster && target.kind === "postgres"
        ? await startClusterRealtime({ cluster, databaseUrl: target.url, logger, ...(clockSkewMs ? { localNow: () => Date.now() + clockSkewMs } : {}) })
        : undefined;
    const context: AppContext = composeApp({
      database,
      ...(cluster ? { cluster } : {}),
      ...(options.processTimings ? { processTimings: options.processTimings } : {}),
      env: { authSecret: TEST_AUTH_SECRET, authUrl: undefined, oauth: {} },
      logger,
      drafting: {
        // A thread only when a test drafts (most suites never do). Its first article waits for the
        // thread to load the generator, which on a busy machine can pass the production timeout.
        generator: createGeneratorPool(options.drafting?.pool ?? { ...DEFAULT_GENERATOR_POOL, warm: false, timeoutMs: 60_000 }),
        ...(options.drafting?.limiter ? { limiter: options.drafting.limiter } : {}),
      },
    });
    setAppContext(context);
    const trustProxyHops = options.http?.trustProxyHops ?? 0;
    const origins = createOriginPolicy({ authUrl: undefined, allowedOrigins: options.http?.allowedOrigins ?? [], trustProxyHops });
    // The HTTP edge in front of the API route handlers, as in the real server (Next.js serves pages there).
    const edge = { origins, trustProxyHops, dev: false, oauthProviders: [], renewSession: context.renewSession, logger };
    const httpServer = createServer(createHttpEdge(edge, serveApiRoutes()));
    const { io, controls, trivia } = createRealtimeServer(httpServer, {
      authenticate: context.getSessionUser,
      origins,
      logger,
      room: options.wrapRoom ? options.wrapRoom(roomDeps(context)) : roomDeps(context),
      trivia: { repository: context.trivia, ...(options.triviaTimings ? { timings: options.triviaTimings } : {}) },
      ...(context.cluster ? clusterRealtimeDeps(context) : {}),
      ...clustered?.deps,
      extension: extensionAuth(context.extensionLinks),
      ...options.realtime,
    });
    context.realtime = controls;
    await new Promise<void>((resolve) => httpServer.listen(port, "127.0.0.1", resolve));
    const instance: Instance = { database, context, io, trivia, cluster, clustered, port: (httpServer.address() as AddressInfo).port };
    instances.push(instance);
    return instance;
  }

  async function stop(instance: Instance) {
    instances.splice(instances.indexOf(instance), 1);
    // Its trivia timers and sweep stop first (as on SIGTERM): other instances take its rounds over.
    instance.trivia.stop();
    await instance.io.close();
    await instance.clustered?.close();
    await instance.context.drafting.generator.close();
    await instance.context.processes?.stop();
    await instance.cluster?.close();
  }

  /** As `kill -9` would: no more heartbeats, Redis gone, then the sockets close with nothing cleaned up. */
  async function kill(instance: Instance) {
    instances.splice(instances.indexOf(instance), 1);
    instance.context.processes?.halt();
    await instance.cluster?.close();
    await instance.io.close();
    await instance.context.drafting.generator.close();
  }

  let running = await boot();
  const url = `http://127.0.0.1:${running.port}`;

  /** A Socket.IO client to one instance; it answers round-trip pings as the room page does. */
  function connectTo(
    instanceUrl: string,
    cookie?: string,
    extra: { autoConnect?: boolean; reconnection?: boolean; localAddress?: string; headers?: Record<string, string>; auth?: Record<string, string> } = {},
  ): TestClient {
    const { headers, ...rest } = extra;
    const client: TestClient = connectSocket(instanceUrl, {
      transports: ["websocket"],
      reconnection: false,
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
      forceNew: true,
      extraHeaders: { ...headers, ...(cookie ? { cookie } : {}) },
      ...rest,
    });
    client.on("clock:ping", (_payload, ack) => ack());
    clients.push(client);
    return client;
  }

  /**
   * Calls Auth.js as the browser's form would; returns the response and the
   * cookies it leaves. Each call comes from its own client address unless one is given.
   */
  async function postToAuth(path: string, fields: Record<string, string>, address = `test client ${randomUUID()}`) {
    const csrf = await running.context.handleAuth(new Request(`${ORIGIN}/api/auth/csrf`));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const jar = cookiePairs(csrf);
    const response = await running.context.handleAuth(
      new Request(`${ORIGIN}${path}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), [CLIENT_ADDRESS_HEADER]: address },
        body: new URLSearchParams({ ...fields, csrfToken }),
      }),
    );
    return { response, cookie: [...jar, ...cookiePairs(response)].join("; ") };
  }

  return {
    url,
    /** Where this run's private database is. */
    databaseTarget: testDatabase.target,
    /** The running server's context (a new one after `restart`). */
    get context(): AppContext {
      return running.context;
    },
    postToAuth,
    /** A party an hour from now, hosted by `hostId`. */
    newParty(hostId: string, visibility: "public" | "unlisted" = "public") {
      return running.context.parties.create(testPartyInput(hostId, "Test party", visibility));
    },
    async signInAsGuest(displayName: string, address?: string): Promise<string> {
      return (await postToAuth("/api/auth/callback/guest", { displayName }, address)).cookie;
    },
    /** Creates a member account (a new email each time) and signs in with its password: only members host. */
    async signInAsMember(name: string): Promise<string> {
      const email = `member-${randomUUID()}@example.com`;
      const password = "a test password, long enough";
      // Each one from its own address: sign-ups are limited per address.
      await createAccount({ users: running.context.users, limiters: running.context.limiters, clientAddress: `test ${randomUUID()}`, input: { name, email, password } });
      return (await postToAuth("/api/auth/callback/password", { email, password })).cookie;
    },
    /**
     * Opens a Socket.IO client; it is closed with the app. Like the room page,
     * it answers the server's round-trip pings (clock:ping) at once.
     */
    connect(cookie?: string, extra?: Parameters<typeof connectTo>[2]): TestClient {
      return connectTo(url, cookie, extra);
    },
    /**
     * Another server process's worth on the same database and Redis prefix
     * (with `redis: true`): its own Socket.IO server, context and port.
     * `clockSkewMs` makes its own wall clock wrong by that much.
     */
    async startInstance(instanceOptions: { clockSkewMs?: number } = {}) {
      const instance = await boot(0, instanceOptions.clockSkewMs);
      const instanceUrl = `http://127.0.0.1:${instance.port}`;
      return {
        url: instanceUrl,
        io: instance.io,
        context: instance.context,
        connect: (cookie?: string, extra?: Parameters<typeof connectTo>[2]) => connectTo(instanceUrl, cookie, extra),
        stop: () => stop(instance),
        kill: () => kill(instance),
      };
    },
    /** Stops the server (Socket.IO, database client) and starts a new one on the same port and database. */
    async restart() {
      await stop(running);
      await running.database.close();
      running = await boot(running.port);
    },
    async close() {
      for (const client of clients) client.close();
      for (const instance of [...instances]) await stop(instance);
      setAppContext(undefined);
      if (keyPrefix) await deleteKeys(keyPrefix);
      await testDatabase.destroy();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** Resolves with the first `connect` or rejects with the `connect_error`. */
export function connected(client: TestClient): Promise<void> {
  return new Promise((resolve, reject) => {
    client.once("connect", () => resolve());
    client.once("connect_error", reject);
  });
}

/** The Redis the multi-process suites use (TEST_REDIS_URL); they are skipped without it. */
export function testRedisUrl(): string {
  const url = process.env.TEST_REDIS_URL;
  if (!url) throw new Error("TEST_REDIS_URL is not set");
  return url;
}

/** Deletes this run's keys (and only them). */
export async function deleteKeys(keyPrefix: string, url = testRedisUrl()): Promise<void> {
  const { Redis } = await import("ioredis");
  const redis = new Redis(url);
  try {
    await deleteKeysWithPrefix(redis, keyPrefix);
  } finally {
    redis.disconnect();
  }
}
