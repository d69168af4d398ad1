/**
 * Several real server processes (tests/support/realtime-process.ts, one OS
 * process each) on one private PostgreSQL database and one Redis under a
 * private key prefix, as production runs them behind a balancer. A test can
 * kill a process (`kill -9`), stop it with SIGTERM, start it again on its port,
 * and open viewers that a client-side balancer spreads over the processes
 * (tests/support/balanced-viewer.ts). `close()` stops every process, drops the
 * database and deletes the run's Redis keys, and only those.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { pino } from "pino";
import { assembleApp } from "@/server/assemble-app";
import { openClusterTopology } from "@/server/topology/cluster";
import { openDatabase, type Database } from "@/server/db/client";
import { CLIENT_ADDRESS_HEADER } from "@/server/http/forwarded";
import { createGeneratorPool, DEFAULT_GENERATOR_POOL } from "@/server/trivia/draft-deck-pool";
import { createAccount } from "@/server/users/create-account";
import { createBalancer, openViewer, type Balancer, type Viewer } from "./balanced-viewer";
import { serveApiRoutes } from "./route-server";
import { deleteKeys, TEST_ENV } from "./test-app";
import { testPartyInput } from "./test-party";

const ENTRY = path.join(import.meta.dirname, "realtime-process.ts");
const AUTH_SECRET = "process-cluster-secret-at-least-32-characters";
const ORIGIN = "http://localhost";
const READY_TIMEOUT_MS = 60_000;

/** A free TCP port on loopback (bound and released: a process started later takes it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/**
 * A Redis server of the test's own (`redis-server`, nothing kept on disk), so a
 * test can stop and restart Redis without touching the machine's shared one.
 */
export async function startPrivateRedis() {
  const port = await freePort();
  let child: ChildProcess | undefined;
  async function start() {
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    // Ready when it answers.
    const { Redis } = await import("ioredis");
    for (let i = 0; i < 100; i++) {
      const probe = new Redis({ port, host: "127.0.0.1", lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on("error", () => undefined);
      const ok = await probe.connect().then(() => probe.ping()).then(() => true, () => false);
      probe.disconnect();
      if (ok) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("the private redis-server did not start");
  }
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    /** Kills Redis at once (what it held is gone: nothing is kept on disk). */
    async kill() {
      const running = child!;
      running.kill("SIGKILL");
      await exited(running);
    },
    /** Starts it again, empty, on the same port. */
    start,
    async stop() {
      if (child && child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await exited(child);
      }
    },
  };
}

export interface ServerProcess {
  readonly index: number;
  readonly url: string;
  readonly port: number;
  /** The OS process id of the running process (undefined while stopped). */
  readonly pid: number | undefined;
  readonly alive: boolean;
}

/**
 * Starts `processes` server processes on a fresh database (created on
 * `databaseServerUrl`, default TEST_DATABASE_URL) and Redis (`redisUrl`,
 * default TEST_REDIS_URL) under a private key prefix. The database is migrated
 * once before they start.
 */
export async function startProcessCluster(options: {
  processes: number;
  databaseServerUrl?: string;
  redisUrl?: string;
  /** Log level of the processes (their logs go to a file each; `logs(i)` reads it). */
  logLevel?: string;
}) {
  const serverUrl = options.databaseServerUrl ?? process.env.TEST_DATABASE_URL;
  const redisUrl = options.redisUrl ?? process.env.TEST_REDIS_URL;
  if (!serverUrl || !redisUrl) throw new Error("a PostgreSQL server (TEST_DATABASE_URL) and Redis (TEST_REDIS_URL) are needed");
  const name = `bwp_test_${randomBytes(6).toString("hex")}`;
  const keyPrefix = `bwp-test-${randomBytes(6).toString("hex")}:`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${name}`;
  const databaseUrl = dbUrl.toString();
  const logDir = await mkdtemp(path.join(os.tmpdir(), "bwp-processes-"));

  // The test's own view of the database (sign-ins, parties, reading what the processes stored): one more
  // process of the cluster, assembled as they are, that serves no port.
  const database: Database = await openDatabase({ target: { kind: "postgres", url: databaseUrl } });
  const logger = pino({ level: "silent" });
  const view = assembleApp({
    database,
    env: { ...TEST_ENV, authSecret: AUTH_SECRET },
    topology: await openClusterTopology({ redis: { url: redisUrl, keyPrefix }, databaseUrl, logger }),
    logger,
    pages: { handle: serveApiRoutes() },
    overrides: { drafting: { generator: createGeneratorPool({ ...DEFAULT_GENERATOR_POOL, warm: false }) } },
  });
  const { context } = view;
  const sql = new pg.Pool({ connectionString: databaseUrl, max: 2 });

  interface Slot {
    index: number;
    port: number;
    child: ChildProcess | undefined;
    starts: number;
  }
  const slots: Slot[] = [];
  for (let index = 0; index < options.processes; index++) slots.push({ index, port: await freePort(), child: undefined, starts: 0 });
  const urlOf = (slot: Slot) => `http://127.0.0.1:${slot.port}`;

  async function launch(slot: Slot, extraEnv: Record<string, string> = {}): Promise<void> {
    slot.starts++;
    const log = createWriteStream(path.join(logDir, `process-${slot.index}.log`), { flags: "a" });
    const child = spawn(process.execPath, ["--import", "tsx", ENTRY], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(slot.port),
        HOST: "127.0.0.1",
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl!,
        REDIS_KEY_PREFIX: keyPrefix,
        AUTH_SECRET,
        // The viewers' balancer says who each one is (X-Forwarded-For), as HAProxy does.
        TRUST_PROXY: "1",
        LOG_LEVEL: options.logLevel ?? "info",
        ...extraEnv,
      },
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    slot.child = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`process ${slot.index} was not ready in ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
      child.once("message", () => {
        clearTimeout(timer);
        resolve();
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`process ${slot.index} exited before it was ready (${code ?? signal}); log: ${path.join(logDir, `process-${slot.index}.log`)}`));
      });
    });
  }

  async function signal(index: number, name: NodeJS.Signals): Promise<void> {
    const child = slots[index]!.child;
    if (!child) return;
    child.kill(name);
    await exited(child);
    slots[index]!.child = undefined;
  }

  const viewers: Viewer[] = [];
  let nextAddress = 1;

  async function postToAuth(authPath: string, fields: Record<string, string>) {
    const pairs = (r: Response) => r.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");
    const csrf = await context.handleAuth(new Request(`${ORIGIN}/api/auth/csrf`));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const jar = pairs(csrf);
    const response = await context.handleAuth(
      new Request(`${ORIGIN}${authPath}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), [CLIENT_ADDRESS_HEADER]: `process test ${randomUUID()}` },
        body: new URLSearchParams({ ...fields, csrfToken }),
      }),
    );
    const cookie = [...jar, ...pairs(response)].join("; ");
    const user = await context.getSessionUser(cookie);
    if (!user) throw new Error(`signing in at ${authPath} failed (${response.status})`);
    return { cookie, userId: user.id };
  }

  try {
    // All at once, as a deployment starts them (the migrations are applied once: the others wait for it).
    await Promise.all(slots.map((slot) => launch(slot)));
  } catch (error) {
    for (const slot of slots) slot.child?.kill("SIGKILL");
    throw error;
  }

  const handles: ServerProcess[] = slots.map((slot) => ({
    index: slot.index,
    url: urlOf(slot),
    port: slot.port,
    get pid() {
      return slot.child?.pid;
    },
    get alive() {
      return slot.child !== undefined && slot.child.exitCode === null && slot.child.signalCode === null;
    },
  }));

  return {
    processes: handles,
    urls: slots.map(urlOf),
    databaseUrl,
    keyPrefix,
    /** Which process a URL belongs to. */
    indexOf(url: string): number {
      return slots.findIndex((slot) => urlOf(slot) === url);
    },
    /** `kill -9`: the process dies at once, nothing of it runs again. */
    kill: (index: number) => signal(index, "SIGKILL"),
    /** SIGTERM: the process closes as the server does on a rolling restart; resolves when it has exited. */
    terminate: (index: number) => signal(index, "SIGTERM"),
    /** Starts a stopped process again on its port (a new OS process). */
    async restart(index: number, extraEnv?: Record<string, string>) {
      const slot = slots[index]!;
      if (slot.child) throw new Error(`process ${index} is still running`);
      await launch(slot, extraEnv);
    },
    /** What process `index` logged (all its runs). */
    logs: (index: number) => readFile(path.join(logDir, `process-${index}.log`), "utf8").catch(() => ""),
    /** A query on the processes' database (what they stored). */
    async query<Row extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<Row[]> {
      return (await sql.query<Row>(text, values)).rows;
    },
    async signInAsGuest(displayName: string) {
      return postToAuth("/api/auth/callback/guest", { displayName });
    },
    /** A member account (only members host trivia with their own deck; any member may host). */
    async signInAsMember(memberName: string) {
      const email = `member-${randomUUID()}@example.com`;
      const password = "a test password, long enough";
      await createAccount({ users: context.users, limiters: context.limiters, clientAddress: `process test ${randomUUID()}`, input: { name: memberName, email, password } });
      return postToAuth("/api/auth/callback/password", { email, password });
    },
    newParty(hostId: string) {
      return context.parties.create(testPartyInput(hostId, "Process test party"));
    },
    /** Round-robin over every process's URL (dead ones included: a balancer finds out by trying). */
    balancer(): Balancer {
      return createBalancer(slots.map(urlOf));
    },
    /** A viewer of `partyId` behind `balancer`, from an address of its own; closed with the cluster. */
    viewer(balancer: Balancer, partyId: string, session: { cookie: string }, viewerName: string): Viewer {
      const address = nextAddress++;
      const viewer = openViewer({
        balancer,
        partyId,
        cookie: session.cookie,
        name: viewerName,
        headers: { "x-forwarded-for": `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}` },
      });
      viewers.push(viewer);
      return viewer;
    },
    async close() {
      for (const viewer of viewers) viewer.close();
      await Promise.all(slots.map((slot) => (slot.child ? signal(slot.index, "SIGKILL") : undefined)));
      await sql.end();
      await view.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
      await deleteKeys(keyPrefix, redisUrl).catch(() => undefined);
      await rm(logDir, { recursive: true, force: true });
    },
  };
}

export type ProcessCluster = Awaited<ReturnType<typeof startProcessCluster>>;
