import { randomBytes, randomUUID } from "node:crypto";
import { pino, type Logger } from "pino";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { io as connectSocket, type Socket } from "socket.io-client";
import { assembleApp, type AssembledApp, type AssemblyEnv, type AssemblyOverrides } from "@/server/assemble-app";
import { deleteKeysWithPrefix } from "@/server/cluster/delete-keys";
import type { ProcessTimings } from "@/server/cluster/process-registry";
import type { AppContext } from "@/server/context";
import type { Database } from "@/server/db/client";
import { CLIENT_ADDRESS_HEADER } from "@/server/http/forwarded";
import type { ClientEvents, ServerEvents } from "@/server/realtime/protocol";
import type { RoomDeps } from "@/server/room/room-deps";
import { openClusterTopology } from "@/server/topology/cluster";
import { openSingleProcessTopology } from "@/server/topology/single-process";
import { createGeneratorPool, DEFAULT_GENERATOR_POOL, type GeneratorPoolOptions } from "@/server/trivia/draft-deck-pool";
import type { TriviaRepository } from "@/server/trivia/trivia";
import type { TriviaTimings } from "@/server/trivia/trivia-runner";
import { createAccount } from "@/server/users/create-account";
import { serveApiRoutes } from "./route-server";
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from "./test-database";
import { testPartyInput } from "./test-party";

export const TEST_AUTH_SECRET = "test-secret-that-is-at-least-32-characters-long";
/** The environment the test tiers assemble the app with (env.ts's defaults for the rest). */
export const TEST_ENV: AssemblyEnv = {
  authSecret: TEST_AUTH_SECRET,
  authUrl: undefined,
  oauth: {},
  allowedOrigins: [],
  trustProxyHops: 0,
  metricsToken: undefined,
  drainNoticeMs: 0,
};
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
  /** What the test changes of the real assembly (timings, limits, the realtime clock). */
  overrides?: Omit<AssemblyOverrides, "triviaTimings" | "wrapRoom" | "wrapTrivia" | "drafting">;
  triviaTimings?: Partial<TriviaTimings>;
  /** Wraps the room's dependencies the realtime server gets (to inject a failure). */
  wrapRoom?: (deps: RoomDeps) => RoomDeps;
  /** Wraps the trivia repository the realtime server uses, on every instance (to count or hold its reads). */
  wrapTrivia?: (repository: TriviaRepository) => TriviaRepository;
  /** The app's logger (silent by default); a test can record what is logged. */
  logger?: Logger;
  /** ALLOWED_ORIGINS and TRUST_PROXY as the environment would give them. */
  http?: { allowedOrigins?: string[]; trustProxyHops?: number };
  /** The question generator's pool size and the draft limiter, instead of the production ones. */
  drafting?: { pool?: GeneratorPoolOptions; limiter?: RateLimiterAbstract };
  /**
   * Several processes' worth (the cluster topology): every instance
   * (`startInstance`) shares Redis (TEST_REDIS_URL) under a key prefix of this
   * run's own, deleted at close. TEST_TOPOLOGY=cluster runs every suite on a
   * PostgreSQL database this way (the suites written for one process too).
   */
  redis?: boolean;
  /** With `redis`: the process registry's heartbeat and death time (short ones let a test see a dead process swept). */
  processTimings?: Partial<ProcessTimings>;
  /** METRICS_TOKEN, read at each request (a test changes it). */
  metricsToken?: () => string | undefined;
  /** The call's TURN relay the app mints credentials for (no relay runs: the credentials are only checked). */
  turn?: AssemblyEnv["turn"];
  /** Janus for large calls (a real one: scripts/janus.ts startJanus). */
  janus?: AssemblyEnv["janus"];
}) {
  const testDatabase: TestDatabase = await createTestDatabase(options.kind);
  const logger = options.logger ?? pino({ level: "silent" });
  const clients: TestClient[] = [];
  const clustered = options.redis === true || (process.env.TEST_TOPOLOGY === "cluster" && options.kind === "postgres");
  const keyPrefix = clustered ? `bwp-test-${randomBytes(6).toString("hex")}:` : undefined;

  type Instance = AssembledApp & { port: number };
  const instances: Instance[] = [];

  /** One server process's worth: database client, topology, and the assembled app on a free port. */
  async function boot(port = 0, clockSkewMs = 0): Promise<Instance> {
    const database: Database = await testDatabase.open();
    const { target } = testDatabase;
    // Several processes' topology; a skewed instance's own clock is wrong by clockSkewMs (its time base corrects it).
    const topology =
      keyPrefix && target.kind === "postgres"
        ? await openClusterTopology({
            redis: { url: testRedisUrl(), keyPrefix },
            databaseUrl: target.url,
            logger,
            ...(options.processTimings ? { processTimings: options.processTimings } : {}),
            ...(clockSkewMs ? { localNow: () => Date.now() + clockSkewMs } : {}),
          })
        : await openSingleProcessTopology({ database: target, logger });
    const env: AssemblyEnv = { ...TEST_ENV, allowedOrigins: options.http?.allowedOrigins ?? [], trustProxyHops: options.http?.trustProxyHops ?? 0, ...(options.turn ? { turn: options.turn } : {}), ...(options.janus ? { janus: options.janus } : {}) };
    if (options.metricsToken) Object.defineProperty(env, "metricsToken", { get: options.metricsToken });
    const app = assembleApp({
      database,
      topology,
      logger,
      env,
      // The API route handlers behind the real HTTP edge (Next.js serves pages there: the browser tests do that).
      pages: { handle: serveApiRoutes() },
      overrides: {
        ...options.overrides,
        ...(options.triviaTimings ? { triviaTimings: options.triviaTimings } : {}),
        ...(options.wrapRoom ? { wrapRoom: options.wrapRoom } : {}),
        ...(options.wrapTrivia ? { wrapTrivia: options.wrapTrivia } : {}),
        drafting: {
          // A thread only when a test drafts (most suites never do). Its first article waits for the
          // thread to load the generator, which on a busy machine can pass the production timeout.
          generator: createGeneratorPool(options.drafting?.pool ?? { ...DEFAULT_GENERATOR_POOL, warm: false, timeoutMs: 60_000 }),
          ...(options.drafting?.limiter ? { limiter: options.drafting.limiter } : {}),
        },
      },
    });
    const instance: Instance = Object.assign(app, { port: await app.listen(port, "127.0.0.1") });
    instances.push(instance);
    return instance;
  }

  /** Stops an instance as SIGTERM's close does: its trivia timers and sweep first (other instances take its rounds over). */
  async function stop(instance: Instance) {
    instances.splice(instances.indexOf(instance), 1);
    await instance.close();
  }

  /** As `kill -9` would: no more heartbeats, Redis gone, then the sockets close with nothing cleaned up. */
  async function kill(instance: Instance) {
    instances.splice(instances.indexOf(instance), 1);
    await instance.halt();
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
    /** The running server's name in logs and /metrics. */
    get processId(): string {
      return running.topology.processId;
    },
    /** Drains the running server as SIGTERM does (the test environment gives no notice time); how many connections were sent away. */
    drain: () => running.drain(),
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
      running = await boot(running.port);
    },
    async close() {
      for (const client of clients) client.close();
      for (const instance of [...instances]) await stop(instance);
      if (keyPrefix) await deleteKeys(keyPrefix);
      await testDatabase.destroy();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** Resolves with the first `connect` or rejects with the `connect_error`. */
export function connected(client: TestClient): Promise<void> {
  return new Promise((resolve, reject) => {
    // A client made before an await may have connected already: its "connect" is not heard again.
    if (client.connected) return resolve();
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
