/**
 * A server for the benchmarks, in its own process so the load generator does
 * not share its event loop. `app`: the real app's Socket.IO server over a fresh
 * embedded database, with parties and signed-in guests made ready; `baseline`:
 * a bare Socket.IO server that only joins rooms and broadcasts; `durable`: the
 * bare server that first stores each chat message with one plain INSERT …
 * RETURNING into a table shaped like the app's (startDurable).
 * Prints one JSON line with the port, party ids and session cookies, then
 * answers the parent's "reset" and "stats" messages with what it measured.
 *
 * BENCH_CHAT_STORE=none (a diagnostic, app mode): chat messages are kept in
 * memory instead of the database, to measure what the rest of the app's path
 * costs over the bare server.
 *
 * A fourth argument, `drafters`, adds that many members who each host a party
 * of their own, for the generator benchmark; in app mode the server also
 * answers `POST /api/parties/{id}/trivia/draft` through the real route handler
 * (without Next.js), and `POST /api/parties/{id}/extension-token` for the
 * players benchmark's extension links.
 * BENCH_HISTORY=<n> (app mode): each party starts with n chat messages from its
 * members, a minute of the show apart every ten, for the joins benchmark.
 * BENCH_GENERATOR=inline (a diagnostic): the question generator runs on the
 * event loop, as it did before the worker pool, to measure what the pool buys;
 * BENCH_GENERATOR=warm starts the pool's thread at once (as before it started on
 * the first article), to measure what that thread holds.
 *
 * BENCH_SIGN_IN=bulk: the guests are created and their session cookies minted
 * in bulk (bench/seed-guests.ts) instead of one Auth.js sign-in each.
 * The "gc" message runs a full garbage collection (before a "stats" that reads the memory);
 * `{ heapSnapshot: file }` writes a heap snapshot there (the soak benchmark's).
 *
 * Several processes (BENCH_PROCESSES, bench/server-process.ts): BENCH_JOIN_DATABASE_URL
 * names a database another process made (used as it is; with no rooms asked
 * for, nothing is made), and BENCH_REDIS_URL with BENCH_REDIS_KEY_PREFIX puts
 * the process in the cluster topology, exactly as REDIS_URL does in `npm run cluster`
 * (server/topology/cluster.ts: Redis adapter, limiters and registry, chat through
 * PostgreSQL notifications, one time base, resync).
 */
import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import v8 from "node:v8";
import vm from "node:vm";
import { pino } from "pino";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { Server } from "socket.io";
import pg from "pg";
import { GET as healthRoute } from "../app/api/health/route";
import { POST as extensionTokenRoute } from "../app/api/parties/[id]/extension-token/route";
import { POST as draftRoute } from "../app/api/parties/[id]/trivia/draft/route";
import { openDatabase } from "../server/db/client";
import { newId } from "../server/db/new-id";
import type { DatabaseTarget } from "../server/db/database-target";
import { CLIENT_ADDRESS_HEADER } from "../server/http/forwarded";
import { assembleApp } from "../server/assemble-app";
import { openClusterTopology } from "../server/topology/cluster";
import { openSingleProcessTopology } from "../server/topology/single-process";
import type { RoomRepository } from "../server/room/room";
import { createGeneratorPool, DEFAULT_GENERATOR_POOL, type QuestionGenerator } from "../server/trivia/draft-deck-pool";
import { createAccount } from "../server/users/create-account";
import { percentile } from "./clients";
import { seedGuests } from "./seed-guests";
import type { DrafterSession, ServerStats } from "./server-process";

const [mode = "app", roomsArg = "1", perRoomArg = "1", draftersArg = "0"] = process.argv.slice(2);
const rooms = Number(roomsArg);
const perRoom = Number(perRoomArg);
const drafters = Number(draftersArg);
const ORIGIN = "http://localhost";
const AUTH_SECRET = "bench-secret-that-is-at-least-32-characters";
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
/** The trivia benchmark times one question: the reveal and leaderboard wait for it. */
const triviaTimings = { readMs: 1000, revealMs: 60_000, leaderboardMs: 60_000 };

const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
/** How long each stored chat message waited for the database (ms), since the last reset. */
let storeTimes: number[] = [];
/** The process's CPU (every thread, the generator's worker included) at the last reset. */
let cpuAtReset = process.cpuUsage();
/** The main thread's busy time at the last reset. */
let eluAtReset = performance.eventLoopUtilization();
/** When the last reset came. */
let resetAt = performance.now();

function currentStats(): ServerStats {
  const ms = (ns: number) => Number((ns / 1e6).toFixed(2));
  const cpu = process.cpuUsage(cpuAtReset);
  const stats: ServerStats = {
    loopDelayP50Ms: ms(loopDelay.percentile(50)),
    loopDelayP99Ms: ms(loopDelay.percentile(99)),
    loopDelayMaxMs: ms(loopDelay.max),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    cpuPercentOfOneCore: Math.round(((cpu.user + cpu.system) / 1000 / (performance.now() - resetAt)) * 100),
    loopUtilization: Number(performance.eventLoopUtilization(eluAtReset).utilization.toFixed(3)),
    rssMb: Number((process.memoryUsage.rss() / 2 ** 20).toFixed(1)),
    heapUsedMb: Number((process.memoryUsage().heapUsed / 2 ** 20).toFixed(1)),
    externalMb: Number((process.memoryUsage().external / 2 ** 20).toFixed(1)),
  };
  if (mode === "baseline") return stats;
  const sorted = [...storeTimes].sort((a, b) => a - b);
  const at = (p: number) => Number(percentile(sorted, p).toFixed(2));
  return { ...stats, stored: sorted.length, storeP50Ms: at(50), storeP99Ms: at(99) };
}

/**
 * Where the process's memory is (a diagnostic, the memory benchmark's BENCH_MEMORY_DETAIL):
 * Node's own counters, the main thread's V8 heap spaces, and the resident
 * memory of /proc/self/smaps summed by kind of mapping (anonymous, the
 * native heap, files), with the largest anonymous mappings.
 */
function memoryBreakdown() {
  const mb = (bytes: number) => Number((bytes / 2 ** 20).toFixed(1));
  const usage = Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, mb(v)]));
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, { sizeMb: mb(s.space_size), usedMb: mb(s.space_used_size) }]));
  const byKind: Record<string, number> = {};
  const anonymous: Array<{ range: string; rssMb: number; sizeMb: number }> = [];
  let kind = "";
  let range = "";
  let size = 0;
  for (const line of readFileSync("/proc/self/smaps", "utf8").split("\n")) {
    const header = /^([0-9a-f]+-[0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      range = header[1]!;
      const name = header[2]!;
      kind = !name ? "anonymous" : name.startsWith("[") ? name : name.endsWith(".node") ? "native addons (.node)" : name.includes("/node") && !name.includes("node_modules") ? "node binary" : "other files";
      const [from, to] = range.split("-").map((h) => parseInt(h, 16));
      size = to! - from!;
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (!rss) continue;
    const bytes = Number(rss[1]) * 1024;
    byKind[kind] = (byKind[kind] ?? 0) + bytes;
    if (kind === "anonymous" && bytes > 4 * 2 ** 20) anonymous.push({ range, rssMb: mb(bytes), sizeMb: mb(size) });
  }
  anonymous.sort((a, b) => b.rssMb - a.rssMb);
  return {
    usage,
    spaces,
    smapsRssMb: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, mb(v)])),
    largestAnonymous: anonymous.slice(0, 12),
  };
}

/** Times every chat insert; with BENCH_CHAT_STORE=none, keeps messages in memory instead. */
function measuredChatStore(rooms: RoomRepository): RoomRepository["appendMessage"] {
  let seq = 0;
  const inMemory: RoomRepository["appendMessage"] = async (input) => ({
    created: true,
    message: { ...input, spoiler: input.spoiler ?? false, seq: ++seq, id: `m${seq}`, createdAt: new Date().toISOString(), reactions: {} },
  });
  const store = process.env.BENCH_CHAT_STORE === "none" ? inMemory : rooms.appendMessage;
  return async (input) => {
    const started = performance.now();
    const result = await store(input);
    storeTimes.push(performance.now() - started);
    return result;
  };
}

/** A fresh database: embedded by default, or a new one on the server BENCH_DATABASE_URL names. */
async function freshTarget(): Promise<DatabaseTarget> {
  if (process.env.BENCH_JOIN_DATABASE_URL) return { kind: "postgres", url: process.env.BENCH_JOIN_DATABASE_URL };
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (!serverUrl) return { kind: "embedded", dir: path.join(await mkdtemp(path.join(os.tmpdir(), "bwp-bench-")), "pglite") };
  const name = `bwp_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { kind: "postgres", url: url.toString() };
}

/** The generator on the event loop, as before the worker pool (BENCH_GENERATOR=inline only: it loads compromise here). */
async function inlineGenerator(): Promise<QuestionGenerator> {
  const { generateQuestions } = await import("../server/trivia/generate-questions");
  return { generate: async (input) => generateQuestions(input), close: async () => {} };
}

/** The routes the benchmarks post to, each handed to its real route handler as Next.js would. */
const ROUTES: Array<{ method: string; path: RegExp; handle: typeof draftRoute }> = [
  { method: "POST", path: /^\/api\/parties\/(\w+)\/trivia\/draft$/, handle: draftRoute },
  { method: "POST", path: /^\/api\/parties\/(\w+)\/extension-token$/, handle: extensionTokenRoute },
  // HAProxy's check (deploy/haproxy.cfg) when the capacity benchmark puts it in front.
  { method: "GET", path: /^\/api\/health$/, handle: () => healthRoute() },
];

async function serveRoute(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const found = ROUTES.map((route) => ({ route, match: route.method === req.method ? route.path.exec(req.url ?? "") : null })).find((r) => r.match);
  if (!found?.match) {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : []));
  const body = req.method === "POST" ? Buffer.concat(chunks) : undefined;
  const response = await found.route.handle(new Request(`${ORIGIN}${req.url}`, { method: req.method, headers, body }), {
    params: Promise.resolve({ id: found.match[1]! }),
  });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

async function startApp() {
  const target = await freshTarget();
  const database = await openDatabase({ target });
  // The server's log goes to BENCH_LOG_FILE (bench/server-process.ts names one per process and shows it when a run fails).
  const logger = pino({ level: "warn" }, process.env.BENCH_LOG_FILE ? pino.destination({ dest: process.env.BENCH_LOG_FILE, sync: true }) : pino.destination(2));
  const redisUrl = process.env.BENCH_REDIS_URL;
  // The topology production runs: a cluster process exactly as `npm run cluster` starts one (REDIS_URL), or one process.
  const topology =
    redisUrl && target.kind === "postgres"
      ? await openClusterTopology({ redis: { url: redisUrl, keyPrefix: process.env.BENCH_REDIS_KEY_PREFIX ?? "bwp-bench:" }, databaseUrl: target.url, logger })
      : await openSingleProcessTopology({ database: target, logger });
  const app = assembleApp({
    database,
    env: { authSecret: AUTH_SECRET, authUrl: undefined, oauth: {}, allowedOrigins: [], trustProxyHops: 0, metricsToken: undefined, drainNoticeMs: 0 },
    topology,
    logger,
    pages: {
      handle: (req, res) =>
        serveRoute(req, res).catch((err: unknown) => {
          logger.error({ err }, "bench route failed");
          if (!res.headersSent) res.writeHead(500).end();
        }),
    },
    overrides: {
      triviaTimings,
      // The benchmark's clients send far below each person's limit; that limiter still runs. They all come
      // from one address, though, as no real audience does: the per-address limiter runs with room for them.
      socketLimiters: { chatByAddress: new RateLimiterMemory({ keyPrefix: "chat-address", points: 1_000_000, duration: 10 }) },
      // Each stored chat message is timed (BENCH_CHAT_STORE=none keeps them in memory instead).
      wrapRoom: (deps) => ({ ...deps, rooms: { ...deps.rooms, appendMessage: measuredChatStore(deps.rooms) } }),
      ...(process.env.BENCH_GENERATOR === "inline" ? { drafting: { generator: await inlineGenerator() } } : {}),
      ...(process.env.BENCH_GENERATOR === "warm" ? { drafting: { generator: createGeneratorPool({ ...DEFAULT_GENERATOR_POOL, warm: true }) } } : {}),
    },
  });
  const { context, httpServer } = app;
  const seedMessage = context.rooms.appendMessage;
  const history = Number(process.env.BENCH_HISTORY ?? 0);

  /** Posts a sign-in form to Auth.js; returns the session cookie and who it is. */
  async function signIn(provider: "guest" | "password", fields: Record<string, string>): Promise<{ cookie: string; userId: string }> {
    const pairs = (r: Response) => r.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");
    const csrf = await context.handleAuth(new Request(`${ORIGIN}/api/auth/csrf`));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const jar = pairs(csrf);
    const response = await context.handleAuth(
      new Request(`${ORIGIN}/api/auth/callback/${provider}`, {
        method: "POST",
        // Each simulated viewer is its own client, as the HTTP edge would record it (guests and sign-ins are limited per address).
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), [CLIENT_ADDRESS_HEADER]: `bench ${Object.values(fields)[0] ?? ""}` },
        body: new URLSearchParams({ ...fields, csrfToken }),
      }),
    );
    const cookie = [...jar, ...pairs(response)].join("; ");
    return { cookie, userId: (await context.getSessionUser(cookie))!.id };
  }
  async function signInMember(name: string): Promise<{ cookie: string; userId: string }> {
    const input = { name, email: `${name.replace(/\W+/g, ".").toLowerCase()}.${Date.now()}@example.com`, password: "bench password, long enough" };
    await createAccount({ users: context.users, limiters: context.limiters, clientAddress: `bench ${name}`, input });
    return signIn("password", { email: input.email, password: input.password });
  }
  const createParty = (title: string, hostId: string, inviteToken: string) =>
    context.parties.create({
      title,
      description: "",
      hostId,
      startsAt: new Date(Date.now() + 3_600_000),
      timeZone: "UTC",
      episodePlan: "single",
      episodeFrom: 1,
      episodeTo: 1,
      episodeMinutes: 50,
      capacity: null,
      visibility: "public",
      inviteToken,
    });

  const partyIds: string[] = [];
  const cookies: string[] = [];
  const names = Array.from({ length: rooms * perRoom }, (_, i) => `Viewer ${Math.floor(i / perRoom)}-${i % perRoom}`);
  const bulk =
    process.env.BENCH_SIGN_IN === "bulk" ? await seedGuests({ users: context.users, limiters: context.limiters, logger, authSecret: AUTH_SECRET, names, readSession: context.getSessionUser }) : [];
  for (let r = 0; r < rooms; r++) {
    const members = bulk.slice(r * perRoom, (r + 1) * perRoom);
    for (const displayName of bulk.length ? [] : names.slice(r * perRoom, (r + 1) * perRoom)) members.push(await signIn("guest", { displayName }));
    const party = await createParty(`Bench ${r}`, members[0]!.userId, `bench-${r}-${Date.now()}`);
    partyIds.push(party.id);
    for (let m = 0; m < history; m++) {
      const sender = members[m % members.length]!;
      const text = `History message ${m} of room ${r}, about as long as a chat line usually is.`;
      const message = { partyId: party.id, clientId: `history-${m}`, senderId: sender.userId, senderName: `Viewer ${r}-${m % members.length}`, text };
      await seedMessage({ ...message, episode: 1, positionMs: m * 6000 });
    }
    cookies.push(...members.map((m) => m.cookie));
  }
  const hosts: DrafterSession[] = [];
  for (let d = 0; d < drafters; d++) {
    const member = await signInMember(`Drafter ${d}`);
    const party = await createParty(`Drafts ${d}`, member.userId, `drafts-${d}-${Date.now()}`);
    hosts.push({ cookie: member.cookie, partyId: party.id });
  }
  return { httpServer, partyIds, cookies, drafters: hosts, databaseUrl: target.kind === "postgres" ? target.url : undefined };
}

type ChatSend = { partyId: string; clientId: string; text: string; episode: number; positionMs: number };

/** A bare Socket.IO server: joins rooms; each chat:send is stored by `store` (when given), acknowledged and broadcast. */
function startBare(store?: (payload: ChatSend, senderId: string) => Promise<unknown>) {
  const httpServer = createServer();
  const io = new Server(httpServer);
  io.on("connection", (socket) => {
    socket.on("room:join", (payload: { partyId: string }, ack: (r: unknown) => void) => {
      void socket.join(payload.partyId);
      ack({ ok: true, data: {} });
    });
    socket.on("chat:send", (payload: ChatSend, ack: (r: unknown) => void) => {
      const deliver = (message: unknown) => {
        ack({ ok: true, data: { message } });
        io.to(payload.partyId).emit("chat:message", { partyId: payload.partyId, message });
      };
      if (!store) deliver({ id: payload.clientId, clientId: payload.clientId, text: payload.text });
      else store(payload, socket.id).then(deliver, () => ack({ ok: false, error: { code: "INTERNAL", message: "not stored" } }));
    });
  });
  return {
    httpServer,
    partyIds: Array.from({ length: rooms }, (_, r) => `room${r}`),
    cookies: Array.from({ length: rooms * perRoom }, () => ""),
    drafters: [],
    databaseUrl: undefined,
  };
}

/** The app's chat table (prisma/migrations: its columns, keys and indexes; no foreign keys, there are no parties or users here). */
const DURABLE_TABLE = `
  CREATE TABLE "ChatMessage" (
    "seq" SERIAL PRIMARY KEY, "id" TEXT NOT NULL UNIQUE, "partyId" TEXT NOT NULL, "senderId" TEXT NOT NULL, "clientId" TEXT NOT NULL,
    "text" TEXT NOT NULL, "episode" INTEGER NOT NULL, "positionMs" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, "deletedAt" TIMESTAMP(3));
  CREATE INDEX ON "ChatMessage" ("partyId", "seq");
  CREATE UNIQUE INDEX ON "ChatMessage" ("partyId", "senderId", "clientId");`;
const DURABLE_INSERT = `INSERT INTO "ChatMessage" ("id", "partyId", "senderId", "clientId", "text", "episode", "positionMs")
  VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING "seq", "id", "clientId", "senderId", "text", "episode", "positionMs", "createdAt"`;

/**
 * The bare server that stores first: for each chat:send one single-row INSERT …
 * RETURNING on the same kind of database as the app (a fresh PGlite in this
 * process, or a fresh database on BENCH_DATABASE_URL's server through `pg`),
 * then the ack and the broadcast. No batching, validation, limits or order.
 */
async function startDurable() {
  const target = await freshTarget();
  type Row = Record<string, unknown>;
  let query: (sql: string, params: unknown[]) => Promise<Row[]>;
  if (target.kind === "embedded") {
    // Loaded here only: the app server's main thread never loads PGlite's JavaScript (server/db/schema-engine.ts).
    const { openPGlite } = await import("../server/db/pglite");
    const db = openPGlite(target.dir);
    await db.exec(DURABLE_TABLE);
    query = async (sql, params) => (await db.query<Row>(sql, params)).rows;
  } else {
    const pool = new pg.Pool({ connectionString: target.url });
    await pool.query(DURABLE_TABLE);
    query = async (sql, params) => (await pool.query<Row>(sql, params)).rows;
  }
  const bare = startBare(async ({ partyId, clientId, text, episode, positionMs }, senderId) => {
    const started = performance.now();
    const [message] = await query(DURABLE_INSERT, [newId(), partyId, senderId, clientId, text, episode, Math.round(positionMs)]);
    storeTimes.push(performance.now() - started);
    return message;
  });
  return { ...bare, databaseUrl: target.kind === "postgres" ? target.url : undefined };
}

const start = { baseline: async () => startBare(), durable: startDurable, app: startApp }[mode] ?? startApp;
const { httpServer, partyIds, cookies, drafters: drafterSessions, databaseUrl } = await start();
// BENCH_PORT: a fixed port (the cluster capacity benchmark's processes behind HAProxy); a free one by default.
httpServer.listen(Number(process.env.BENCH_PORT ?? 0), "127.0.0.1", () => {
  const ready = { port: (httpServer.address() as AddressInfo).port, partyIds, cookies, drafters: drafterSessions, databaseUrl };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
});
process.on("message", (request) => {
  if (request === "reset") {
    loopDelay.reset();
    storeTimes = [];
    cpuAtReset = process.cpuUsage();
    resetAt = performance.now();
    eluAtReset = performance.eventLoopUtilization();
  } else if (request === "gc") {
    gc();
  } else if (request === "stats") {
    process.send?.(currentStats());
  } else if (request === "memory") {
    process.send?.(memoryBreakdown());
  } else if (typeof (request as { heapSnapshot?: unknown })?.heapSnapshot === "string") {
    v8.writeHeapSnapshot((request as { heapSnapshot: string }).heapSnapshot);
    process.send?.({ written: true });
  }
});
process.on("SIGTERM", () => process.exit(0));
