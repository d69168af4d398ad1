// `npm run cluster -- 3`: a local cluster on one port. Builds the app once,
// starts N server processes (each `tsx server/main.ts` on its own port) on
// PostgreSQL and Redis, and Debian's HAProxy in front of them with
// deploy/haproxy.cfg. Ctrl-C or SIGTERM stops everything. README "More than one process".
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import pg from "pg";
import { deleteKeysWithPrefix } from "../server/cluster/delete-keys";
import { keptSecret } from "../server/env";
import { SERVER_PROCESS_ENV } from "../server/process-settings";
import { startCoturn, turnEnv, type RunningCoturn } from "./coturn";
import { haproxyBinary, writeHaproxyConfig } from "./haproxy";
import { startJanus, type RunningJanus } from "./janus";

const ROOT = path.resolve(import.meta.dirname, "..");
const DATA_DIR = path.join(ROOT, ".data");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    // For tests: a database and a Redis key prefix of this run's own, removed when it stops.
    ephemeral: { type: "boolean", default: false },
  },
});
const count = Number(positionals[0] ?? 2);
if (!Number.isInteger(count) || count < 1 || count > 16) {
  console.error("Usage: npm run cluster -- <number of processes, 1 to 16> [--ephemeral]");
  process.exit(2);
}

const env = process.env;
const balancerPort = Number(env.PORT ?? 3000);
const firstPort = Number(env.CLUSTER_FIRST_PORT ?? balancerPort + 1);
const runTag = randomBytes(4).toString("hex");
const databaseUrl = new URL(env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/bwp_cluster");
if (values.ephemeral) databaseUrl.pathname = `/bwp_cluster_${runTag}`;
const databaseName = decodeURIComponent(databaseUrl.pathname.slice(1));
const redisUrl = env.REDIS_URL ?? "redis://127.0.0.1:6379";
const keyPrefix = values.ephemeral ? `bwp-cluster-${runTag}:` : (env.REDIS_KEY_PREFIX ?? "bwp:");

const say = (line: string) => process.stdout.write(`[cluster] ${line}\n`);

/** The one secret every process signs sessions with: AUTH_SECRET, else one generated once for this local cluster. */
function authSecret(): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  const file = path.join(DATA_DIR, "cluster-auth-secret");
  if (!existsSync(file)) say(`generating a session secret for the local cluster into ${path.relative(ROOT, file)}`);
  return keptSecret(file);
}

async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const admin = new URL(databaseUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function createDatabaseIfMissing(): Promise<void> {
  await onServer(async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [databaseName]);
    if (rowCount) return;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(databaseName)}`);
    say(`created the database ${databaseName}`);
  });
}

/** Lines of a child's output, each prefixed with its name. */
function relay(child: ChildProcess, name: string): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) readline.createInterface({ input: stream }).on("line", (line) => process.stdout.write(`[${name}] ${line}\n`));
  }
}

const children = new Map<string, ChildProcess>();
/** The call's TURN relay (coturn on free 127.0.0.1 ports), unless TURN_URLS names one already. */
let coturn: RunningCoturn | undefined;
/** The media server for large calls (Janus on free 127.0.0.1 ports), unless JANUS_URL names one already. */
let janus: RunningJanus | undefined;
/** Processes being replaced one at a time (SIGHUP): their exit is expected. */
const replacing = new Set<string>();
let stopping = false;
const pidFile = path.join(DATA_DIR, "cluster", `cluster-${balancerPort}.pid`);

function start(name: string, command: string, args: string[], childEnv: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: ROOT, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  children.set(name, child);
  relay(child, name);
  child.on("exit", (code, signal) => {
    if (children.get(name) === child) children.delete(name);
    if (stopping || replacing.has(name)) return;
    say(`${name} exited (${signal ?? `code ${code}`}); the balancer sends its viewers to the others`);
    if (name === "haproxy" || ![...children.keys()].some((n) => n !== "haproxy")) void stop(1);
  });
  return child;
}

async function healthy(port: number, timeoutMs: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    const status = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.status, () => 0);
    if (status === 200) return;
    if (Date.now() - started > timeoutMs) throw new Error(`the process on port ${port} did not become healthy in ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say("stopping: every process drains (SIGTERM), then the balancer");
  const ended = (child: ChildProcess, signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill(signal);
    });
  const { haproxy, ...apps } = Object.fromEntries(children);
  await Promise.all(Object.values(apps).map((child) => ended(child, "SIGTERM")));
  // The balancer goes last, once the processes have sent their connections away.
  if (haproxy) await ended(haproxy, "SIGTERM");
  await coturn?.stop();
  await janus?.stop();
  rmSync(pidFile, { force: true });
  if (values.ephemeral) await removeEphemeral();
  process.exit(code);
}

async function removeEphemeral(): Promise<void> {
  await onServer((client) => client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(databaseName)} WITH (FORCE)`)).catch((err: Error) =>
    say(`could not drop ${databaseName}: ${err.message}`),
  );
  const redis = new Redis(redisUrl);
  try {
    await deleteKeysWithPrefix(redis, keyPrefix);
  } finally {
    redis.disconnect();
  }
}

process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

/** One app process: Node itself with tsx's loader (not the tsx wrapper), so a signal sent to its pid reaches the server's own handler. */
function startApp(index: number, port: number, secret: string): ChildProcess {
  return start(`app${index + 1}`, process.execPath, ["--import", "tsx", "server/main.ts"], {
    ...env,
    ...SERVER_PROCESS_ENV,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    DATA_DIR: path.join(DATA_DIR, "cluster"),
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: keyPrefix,
    AUTH_SECRET: secret,
    // One proxy in front: the client address is the one HAProxy saw.
    TRUST_PROXY: "1",
    // HAProxy checks every second and takes a process out after one failed check.
    DRAIN_NOTICE_MS: env.DRAIN_NOTICE_MS ?? "1500",
    LOG_LEVEL: env.LOG_LEVEL ?? "info",
    ...(coturn ? turnEnv(coturn) : {}),
    ...(janus ? janus.env : {}),
  });
}

/**
 * A rolling restart (`kill -HUP <pid in .data/cluster/cluster-<PORT>.pid>`):
 * each process in turn drains (SIGTERM), exits and is started again on its
 * port from the same build; the next one goes once it answers /api/health.
 */
let rolling = false;
async function rollingRestart(ports: number[], secret: string): Promise<void> {
  if (rolling || stopping) return;
  rolling = true;
  try {
    for (const [index, port] of ports.entries()) {
      const name = `app${index + 1}`;
      const old = children.get(name);
      replacing.add(name);
      say(`rolling restart: ${name} drains`);
      if (old && old.exitCode === null && old.signalCode === null) {
        await new Promise<void>((resolve) => {
          old.once("exit", () => resolve());
          old.kill("SIGTERM");
        });
      }
      if (stopping) return;
      startApp(index, port, secret);
      replacing.delete(name);
      await healthy(port, 120_000);
      // HAProxy puts it back after two good checks a second apart (`rise 2`): only then may the next one go.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      say(`rolling restart: ${name} is back`);
    }
  } finally {
    rolling = false;
  }
}

async function main(): Promise<void> {
  for (const [script, what] of [["ensure-haproxy.sh", "HAProxy"]] as const) {
    if (spawnSync("bash", [path.join(ROOT, "scripts", script)], { stdio: "inherit" }).status !== 0) throw new Error(`${what} is needed`);
  }
  // Built once here; every process serves the same build.
  if (spawnSync(TSX, [path.join(ROOT, "scripts", "build-if-needed.ts")], { cwd: ROOT, stdio: "inherit" }).status !== 0) throw new Error("the build failed");
  await createDatabaseIfMissing();
  const secret = authSecret();
  if (!env.TURN_URLS) {
    coturn = await startCoturn();
    say(`the call's TURN relay (coturn) listens on 127.0.0.1:${coturn.port}`);
  }
  if (!env.JANUS_URL) {
    janus = await startJanus();
    say(`the media server for large calls (Janus) listens on ${janus.env.JANUS_URL}`);
  }

  const ports = Array.from({ length: count }, (_, i) => firstPort + i);
  say(`starting ${count} processes on ports ${ports.join(", ")} (database ${databaseName}, Redis ${redisUrl}, key prefix ${keyPrefix})`);
  ports.forEach((port, i) => startApp(i, port, secret));
  // All at once: the first applies the migrations, the others wait for its lock.
  await Promise.all(ports.map((port) => healthy(port, 300_000)));

  const configFile = path.join(DATA_DIR, "cluster", "haproxy.cfg");
  mkdirSync(path.dirname(configFile), { recursive: true });
  const haproxyEnv = writeHaproxyConfig(configFile, ports, { bind: env.HOST ?? "0.0.0.0", port: balancerPort });
  start("haproxy", haproxyBinary(), ["-db", "-f", configFile], haproxyEnv);
  await healthy(balancerPort, 30_000);
  writeFileSync(pidFile, `${process.pid}\n`);
  process.on("SIGHUP", () => void rollingRestart(ports, secret).catch((err: Error) => say(`rolling restart failed: ${err.message}`)));
  say(`serving http://localhost:${balancerPort} through HAProxy → ${count} processes; /api/health on each port names its process`);
  say(`rolling restart: kill -HUP $(cat ${path.relative(ROOT, pidFile)})`);
}

main().catch((error: unknown) => {
  say(`could not start: ${error instanceof Error ? error.message : String(error)}`);
  void stop(1);
});
