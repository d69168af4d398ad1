import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import pg from "pg";
import { SERVER_PROCESS_ENV } from "../server/process-settings";
import { deleteKeys } from "../tests/support/test-app";

/** What the server process measured between `resetStats()` and `stats()`. */
export interface ServerStats {
  /** How late the server's event loop ran a 1 ms timer (ms): time every socket event waited behind other work. */
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** CPU the server process used (ms, all its threads: the generator's worker too). */
  cpuMs: number;
  /** That CPU as a share of one core over the time since the reset (%). */
  cpuPercentOfOneCore: number;
  /** The share of the time the main thread's event loop was busy (0–1). */
  loopUtilization: number;
  /** The process's resident memory, V8 heap in use and memory outside the heap that JS objects hold (MB: buffers, the embedded database's WebAssembly memory). */
  rssMb: number;
  heapUsedMb: number;
  externalMb: number;
  /** Chat messages stored, and how long each caller waited for its row (ms); absent on the bare broadcast-only server. */
  stored?: number;
  storeP50Ms?: number;
  storeP99Ms?: number;
}

/** A member who hosts a party of their own, so may have questions drafted for it. */
export interface DrafterSession {
  cookie: string;
  partyId: string;
}

export interface BenchServer {
  url: string;
  /** The PostgreSQL database it serves (undefined: embedded). */
  databaseUrl: string | undefined;
  partyIds: string[];
  cookies: string[];
  drafters: DrafterSession[];
  /** Starts the server's measurements afresh (call it when the traffic starts). */
  resetStats(): void;
  stats(): Promise<ServerStats>;
  /** Runs a full garbage collection in the server (before `stats()` to read the memory it keeps). */
  collectGarbage(): void;
  /** Where the server's memory is (bench/serve.ts `memoryBreakdown`: a diagnostic). */
  memory(): Promise<unknown>;
  /** Writes a heap snapshot of the server to `file` (resolves once written). */
  heapSnapshot(file: string): Promise<void>;
  /** The file the server process logs to (warnings and errors, pino's JSON lines). */
  logFile: string;
  /** SIGTERM; resolves once the process has exited (its database lock and connections gone with it). */
  stop(): Promise<void>;
}

/** Starts bench/serve.ts in a child process (with `env` added to this one's) and waits for its ready line. */
export async function startBenchServer(
  mode: "app" | "baseline" | "durable",
  rooms: number,
  perRoom: number,
  drafters = 0,
  env: Record<string, string> = {},
): Promise<BenchServer> {
  const script = path.join(import.meta.dirname, "serve.ts");
  // BENCH_CPU_PROF=<dir> writes a CPU profile of the server process there.
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  // BENCH_NODE_FLAGS (a diagnostic): Node or V8 flags for the server process, say "--max-semi-space-size=4".
  profile.push(...(process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? []));
  const logFile = path.join(logDirectory(), `server-${++serversStarted}-${mode}.log`);
  const child: ChildProcess = spawn(process.execPath, [...profile, "--import", "tsx", script, mode, String(rooms), String(perRoom), String(drafters)], {
    stdio: ["ignore", "pipe", "inherit", "ipc"],
    // Started as production starts a server (server/process-settings.ts); BENCH_MALLOC_ARENA_MAX overrides it, to measure.
    env: { ...process.env, ...SERVER_PROCESS_ENV, ...(process.env.BENCH_MALLOC_ARENA_MAX ? { MALLOC_ARENA_MAX: process.env.BENCH_MALLOC_ARENA_MAX } : {}), ...env, BENCH_LOG_FILE: logFile },
  });
  startedLogs.push(logFile);
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}; its log: ${logFile}`)));
  });
  const ready = JSON.parse(line) as { port: number; partyIds: string[]; cookies: string[]; drafters: DrafterSession[]; databaseUrl?: string };
  return {
    url: `http://127.0.0.1:${ready.port}`,
    databaseUrl: ready.databaseUrl,
    partyIds: ready.partyIds,
    cookies: ready.cookies,
    drafters: ready.drafters,
    logFile,
    resetStats: () => child.send("reset"),
    collectGarbage: () => child.send("gc"),
    heapSnapshot: (file) =>
      new Promise((resolve) => {
        child.once("message", () => resolve());
        child.send({ heapSnapshot: file });
      }),
    memory: () =>
      new Promise((resolve) => {
        child.once("message", resolve);
        child.send("memory");
      }),
    stats: () =>
      new Promise((resolve) => {
        child.once("message", (stats) => resolve(stats as ServerStats));
        child.send("stats");
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

let serversStarted = 0;
let logs: string | undefined;
const startedLogs: string[] = [];
/** Where this run's bench servers log (BENCH_LOG_DIR, or a fresh temporary folder). */
function logDirectory(): string {
  logs ??= process.env.BENCH_LOG_DIR ?? mkdtempSync(path.join(os.tmpdir(), "bwp-bench-logs-"));
  return logs;
}

/** The last lines each bench server of this run logged (for a failed run's message), and where the logs are. */
export function serverLogTails(lines = 20): string {
  const tails = startedLogs.map((file) => {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      return `${file}: (no log)`;
    }
    const last = text.trimEnd().split("\n").filter(Boolean).slice(-lines);
    return last.length ? `${file}:\n${last.join("\n")}` : `${file}: (empty)`;
  });
  return tails.join("\n");
}

/** The PostgreSQL server and Redis the several-process runs use (the machine's own by default). */
export const benchDatabaseServer = () => process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const benchRedis = () => process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";

/** How many app processes the chat and trivia benchmarks spread their clients over (BENCH_PROCESSES, default 1). */
export const benchProcesses = () => Math.max(1, Number(process.env.BENCH_PROCESSES ?? 1));

/** Removes a database a bench server made on the PostgreSQL server (its connections too). */
export async function dropBenchDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: benchDatabaseServer() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

/**
 * A fresh PostgreSQL database with the parties and sessions made by one app
 * process (in the single-process mode, no Redis); `stop()` ends it. `drop()`
 * removes the database when every run on it is done.
 */
export async function startSeededServer(rooms: number, perRoom: number, env: Record<string, string> = {}) {
  const server = await startBenchServer("app", rooms, perRoom, 0, { ...env, BENCH_DATABASE_URL: benchDatabaseServer() });
  return {
    server,
    drop: () => dropBenchDatabase(server.databaseUrl!),
  };
}

/** One app process in the single-process topology on an existing database (`databaseUrl`), as `npm start` runs without REDIS_URL. */
export function startBenchProcess(databaseUrl: string): Promise<BenchServer> {
  return startBenchServer("app", 0, 0, 0, { BENCH_JOIN_DATABASE_URL: databaseUrl });
}

/**
 * `processes` app processes on an existing database (`databaseUrl`) and Redis,
 * under a key prefix of their own (deleted by `stop()`, and only it); on `ports`
 * when given (one each), else on free ones.
 */
export async function startBenchCluster(processes: number, databaseUrl: string, ports?: number[]) {
  const keyPrefix = `bwp-bench-${randomBytes(6).toString("hex")}:`;
  const env = { BENCH_JOIN_DATABASE_URL: databaseUrl, BENCH_REDIS_URL: benchRedis(), BENCH_REDIS_KEY_PREFIX: keyPrefix };
  const servers: BenchServer[] = [];
  // One after the other: each applies the (already applied) migrations under the engine's lock.
  for (let i = 0; i < processes; i++) servers.push(await startBenchServer("app", 0, 0, 0, ports ? { ...env, BENCH_PORT: String(ports[i]) } : env));
  return {
    servers,
    keyPrefix,
    async stop() {
      await Promise.all(servers.map((server) => server.stop()));
      await deleteKeys(keyPrefix, benchRedis());
    },
  };
}
