/**
 * capacity: how many viewers one server process carries. Viewers join in
 * steps of BENCH_STEP (default 2,000; rooms of 20) up to BENCH_MAX (default
 * 12,000); each step's whole audience then runs for BENCH_HOLD_SECONDS
 * (default 30): every viewer a `viewer:report` every 5 s and a chat message
 * every 30 s, each room's host a clock command every 60 s
 * (bench/capacity-viewers.ts). The ramp stops at the first step whose chat
 * delivery p95 or `viewer:report` acknowledgement p95 is over 250 ms, or whose
 * failed requests (refused or unanswered within 10 s; joins included, a join
 * counting as failed when it failed three times) are over 0.1 %; `maxViewers` is the last step within all three.
 *
 * The server runs in its own process (bench/server-process.ts) on a fresh
 * embedded database, or a fresh PostgreSQL one when BENCH_DATABASE_URL is set;
 * its guests are seeded in bulk (bench/seed-guests.ts). The viewers run in
 * BENCH_GENERATORS (default 3) processes of their own, each owning whole rooms,
 * and report their CPU, so `limitedBy` can say whose CPU ran out. They speak
 * through bench/raw-socket.ts (BENCH_CLIENT=raw, the default) or
 * socket.io-client (BENCH_CLIENT=socket.io); each step prints
 * `generatorCpuMsPerViewerMinute`, what the client costs.
 *
 * BENCH_PROCESSES=3 (or any number above 1, on PostgreSQL): the guests are
 * seeded by one process, then that many app processes run the cluster topology
 * on the same database and Redis (BENCH_REDIS_URL, a key prefix of the run's
 * own, deleted afterwards) with HAProxy in front (bench/balancer.ts, from
 * deploy/haproxy.cfg; BENCH_BALANCER_PORT its port, the processes on the next
 * ones); the viewers connect through HAProxy. Each step then also prints what
 * sizing a cluster needs (docs/performance.md "Sizing a release night"):
 * every process's CPU, HAProxy's and Redis's CPU, Redis commands per viewer
 * and second (INFO of the whole Redis server: run it where nothing else uses
 * it), and PostgreSQL row writes (inserted + updated) and commits per chat
 * message and per join on the run's database. On PostgreSQL with one process
 * the PostgreSQL figures are printed too.
 *
 * kbPerViewer = (server RSS with the first step's viewers joined and idle −
 * server RSS before any connection) ÷ those viewers, each RSS read after a
 * full garbage collection (two, 3 s apart); heapKbPerViewer is the same for
 * the V8 heap (heapUsed), the steadier figure on a busy machine.
 */
import { fork, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { percentile, sleep } from "./clients";
import type { CapacityViewer, FromViewers, Measured, ToViewers } from "./capacity-viewers";
import { processCpuMs, startBalancedCluster } from "./balancer";
import { backendCpuMs, postgresMeter, redisMeter, topCommands, type PostgresCounters, type RedisCounters } from "./capacity-meters";
import { benchProcesses, benchRedis, startBenchServer, startSeededServer, type BenchServer } from "./server-process";
import { BENCH_CLIENT } from "./raw-socket";

const PER_ROOM = 20;
const STEP = Number(process.env.BENCH_STEP ?? 2000);
const MAX = Number(process.env.BENCH_MAX ?? 12_000);
const HOLD_SECONDS = Number(process.env.BENCH_HOLD_SECONDS ?? 30);
const GENERATORS = Math.max(1, Number(process.env.BENCH_GENERATORS ?? 3));
const LIMIT_P95_MS = 250;
const LIMIT_FAILURE_SHARE = 0.001;
/** A step's traffic runs this long before it is measured, so each viewer has started its timers. */
const WARM_UP_MS = 5_000;
/** CPU share (% of one core) from which a process counts as the limit. */
const BUSY_PERCENT = 85;

const round1 = (n: number) => Number(n.toFixed(1));

interface Generator {
  send(message: ToViewers): void;
  next(type: FromViewers["type"]): Promise<FromViewers>;
  stop(): void;
}

function startGenerator(): Generator {
  const child: ChildProcess = fork(path.join(import.meta.dirname, "capacity-viewers.ts"), [], { execArgv: ["--import", "tsx", ...(process.env.BENCH_GENERATOR_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_GENERATOR_PROFILE}`] : [])], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return {
    send: (message) => child.send(message),
    next: (type) =>
      new Promise((resolve) => {
        const listener = (message: FromViewers) => {
          if (message.type !== type) return;
          child.off("message", listener);
          resolve(message);
        };
        child.on("message", listener);
      }),
    stop: () => child.kill("SIGTERM"),
  };
}

/** The servers' memory summed, after two full collections 3 s apart (V8 gives freed pages back to the system lazily). */
async function settledMemory(servers: BenchServer[]) {
  for (let i = 0; i < 2; i++) {
    await sleep(3000);
    for (const server of servers) server.collectGarbage();
  }
  const stats = await Promise.all(servers.map((server) => server.stats()));
  return { rssMb: round1(stats.reduce((sum, s) => sum + s.rssMb, 0)), heapUsedMb: round1(stats.reduce((sum, s) => sum + s.heapUsedMb, 0)) };
}

interface Serving {
  /** Where the viewers connect: the one process, or HAProxy. */
  url: string;
  servers: BenchServer[];
  seeded: Pick<BenchServer, "partyIds" | "cookies">;
  database: string;
  databaseUrl?: string;
  haproxyPid?: number;
  stop(): Promise<void>;
}

async function startServing(rooms: number, processes: number): Promise<Serving> {
  const env = { BENCH_SIGN_IN: "bulk" };
  if (!process.env.BENCH_DATABASE_URL) {
    if (processes > 1) throw new Error("BENCH_PROCESSES > 1 runs on PostgreSQL: set BENCH_DATABASE_URL");
    const server = await startBenchServer("app", rooms, PER_ROOM, 0, env);
    return { url: server.url, servers: [server], seeded: server, database: "embedded", stop: () => server.stop() };
  }
  const { server, drop } = await startSeededServer(rooms, PER_ROOM, env);
  const databaseUrl = server.databaseUrl!;
  if (processes === 1) return { url: server.url, servers: [server], seeded: server, database: "postgres", databaseUrl, stop: async () => (await server.stop(), await drop()) };
  // The seeding process runs the single-process topology: the cluster's processes replace it.
  await server.stop();
  try {
    const cluster = await startBalancedCluster(processes, databaseUrl);
    return { ...cluster, seeded: server, database: "postgres", databaseUrl, stop: async () => (await cluster.stop(), await drop()) };
  } catch (error) {
    await drop();
    throw error;
  }
}

/** The counters read around a window: Redis (cluster runs), PostgreSQL (its runs), HAProxy's CPU. */
function meters(serving: Serving) {
  const redis = serving.servers.length > 1 ? redisMeter(benchRedis()) : undefined;
  const postgres = serving.databaseUrl ? postgresMeter(serving.databaseUrl) : undefined;
  const read = async () => ({
    at: performance.now(),
    redis: await redis?.read(),
    postgres: await postgres?.read(),
    haproxyCpuMs: serving.haproxyPid ? processCpuMs(serving.haproxyPid) : undefined,
  });
  type Reading = Awaited<ReturnType<typeof read>>;
  const delta = <T extends RedisCounters | PostgresCounters>(a: T | undefined, b: T | undefined, key: keyof T) =>
    a && b ? (b[key] as number) - (a[key] as number) : undefined;
  return {
    read,
    /** From `a` to `b`: each counter's growth and the window's length (ms). */
    between: (a: Reading, b: Reading) => ({
      ms: b.at - a.at,
      redisCommands: delta(a.redis, b.redis, "commands"),
      redisCpuMs: delta(a.redis, b.redis, "cpuMs"),
      rowWrites: delta(a.postgres, b.postgres, "rowWrites"),
      commits: delta(a.postgres, b.postgres, "commits"),
      postgresCpuMs: a.postgres && b.postgres ? backendCpuMs(a.postgres, b.postgres) : undefined,
      redisTopCommandsPerSecond: a.redis && b.redis ? topCommands(a.redis, b.redis, (b.at - a.at) / 1000) : undefined,
      haproxyCpuMs: a.haproxyCpuMs !== undefined && b.haproxyCpuMs !== undefined ? b.haproxyCpuMs - a.haproxyCpuMs : undefined,
    }),
    close: async () => {
      redis?.close();
      await postgres?.close();
    },
  };
}

/** `n` ÷ `d` to two decimals, or undefined when there is no `n`. */
const per = (n: number | undefined, d: number, digits = 2) => (n === undefined || !d ? undefined : Number((n / d).toFixed(digits)));
/** PostgreSQL publishes a backend's counts about a second after its transactions: wait that long before reading them. */
const STATS_LAG_MS = 1500;

export async function runCapacityBench() {
  const loadBefore = os.loadavg()[0]!;
  const rooms = Math.ceil(MAX / PER_ROOM);
  const processes = benchProcesses();
  const seedStarted = performance.now();
  const serving = await startServing(rooms, processes);
  const { servers, seeded, database } = serving;
  const seedSeconds = round1((performance.now() - seedStarted) / 1000);
  console.error(`capacity: ${rooms * PER_ROOM} guests seeded in ${seedSeconds} s (${database}; ${processes} process(es), viewers connect to ${serving.url})`);
  const generators = Array.from({ length: GENERATORS }, startGenerator);
  const meter = meters(serving);
  try {
    const idle = await settledMemory(servers);
    const steps = [];
    let memory: { kbPerViewer: number; heapKbPerViewer: number; viewers: number } | undefined;
    let joinFailures = 0;
    let roomsJoined = 0;
    for (let target = Math.min(STEP, MAX); ; target = Math.min(target + STEP, MAX)) {
      const upTo = Math.ceil(target / PER_ROOM);
      const share: CapacityViewer[][] = generators.map(() => []);
      for (let r = roomsJoined; r < upTo; r++) {
        const partyId = seeded.partyIds[r]!;
        const viewers = seeded.cookies.slice(r * PER_ROOM, (r + 1) * PER_ROOM).map((cookie, k) => ({ cookie, partyId, host: k === 0 }));
        share[r % GENERATORS]!.push(...viewers);
      }
      const beforeJoins = await meter.read();
      const joinStarted = performance.now();
      const grown = await Promise.all(
        generators.map((g, i) => {
          const answer = g.next("grown");
          g.send({ type: "grow", url: serving.url, viewers: share[i]! });
          return answer;
        }),
      );
      const joinSeconds = round1((performance.now() - joinStarted) / 1000);
      roomsJoined = upTo;
      const failedJoins = grown.reduce((sum, g) => sum + (g.type === "grown" ? g.failed : 0), 0);
      joinFailures += failedJoins;
      const viewers = upTo * PER_ROOM;
      if (serving.databaseUrl) await sleep(STATS_LAG_MS);
      const joins = meter.between(beforeJoins, await meter.read());
      const joinedThisStep = share.flat().length - failedJoins;
      if (!memory) {
        // The first step's viewers, joined and idle: what each one holds.
        const held = await settledMemory(servers);
        const joinedNow = viewers - failedJoins;
        memory = {
          viewers: joinedNow,
          kbPerViewer: round1(((held.rssMb - idle.rssMb) * 1024) / joinedNow),
          heapKbPerViewer: round1(((held.heapUsedMb - idle.heapUsedMb) * 1024) / joinedNow),
        };
        console.error(`capacity: idle RSS ${idle.rssMb} MB, with ${joinedNow} idle viewers ${held.rssMb} MB: ${JSON.stringify(memory)}`);
      }
      for (const g of generators) g.send({ type: "start" });
      await sleep(WARM_UP_MS);
      for (const server of servers) server.resetStats();
      for (const g of generators) g.send({ type: "measure-start" });
      const beforeHold = await meter.read();
      await sleep(HOLD_SECONDS * 1000);
      const afterHold = await meter.read();
      const measured = (await Promise.all(
        generators.map((g) => {
          const answer = g.next("measured");
          g.send({ type: "measure" });
          return answer;
        }),
      )) as Measured[];
      const stats = await Promise.all(servers.map((server) => server.stats()));
      const hold = meter.between(beforeHold, afterHold);
      const chat = measured.flatMap((m) => m.chatLatencies).sort((a, b) => a - b);
      const reports = measured.flatMap((m) => m.reportAcks).sort((a, b) => a - b);
      const requests = measured.reduce((sum, m) => sum + m.requests, 0) + share.flat().length;
      const failures = measured.reduce((sum, m) => sum + m.failures, 0) + failedJoins;
      const chatsSent = measured.reduce((sum, m) => sum + m.chatsSent, 0);
      const processCpuPercent = stats.map((s) => Math.round((s.cpuMs / (HOLD_SECONDS * 1000)) * 100));
      const percentOfCore = (ms: number | undefined) => (ms === undefined ? undefined : Math.round((ms / hold.ms) * 100));
      const generatorCpuPercent = measured.reduce((sum, m) => sum + Math.round((m.cpuMs / m.wallMs) * 100), 0);
      const haproxyCpuPercent = percentOfCore(hold.haproxyCpuMs);
      const redisCpuPercent = percentOfCore(hold.redisCpuMs);
      const postgresCpuPercent = percentOfCore(hold.postgresCpuMs);
      const step = {
        viewers,
        joinSeconds,
        chatP95Ms: round1(percentile(chat, 95)),
        reportAckP95Ms: round1(percentile(reports, 95)),
        chatDelivered: chat.length,
        reportsAcked: reports.length,
        chatsSent,
        requests,
        failures,
        joinFailures: failedJoins,
        // The busiest process (the only one without BENCH_PROCESSES); every process's in processCpuPercent.
        serverCpuPercent: Math.max(...processCpuPercent),
        processCpuPercent,
        // All the app processes' CPU for each 1,000 viewers (% of one core): what sizes the processes.
        cpuPercentPer1000Viewers: round1((processCpuPercent.reduce((a, b) => a + b, 0) / viewers) * 1000),
        serverRssMb: round1(stats.reduce((sum, s) => sum + s.rssMb, 0)),
        loopDelayP99Ms: Math.max(...stats.map((s) => s.loopDelayP99Ms)),
        loopUtilization: Math.max(...stats.map((s) => s.loopUtilization)),
        haproxyCpuPercent,
        redisCpuPercent,
        redisCommandsPerViewerSecond: per(hold.redisCommands, (viewers * hold.ms) / 1000),
        redisCommandsPerSecond: per(hold.redisCommands, hold.ms / 1000),
        // The most called commands (calls a second): what the commands per viewer are made of.
        redisTopCommandsPerSecond: hold.redisTopCommandsPerSecond,
        // The PostgreSQL processes serving the run's database (its connections).
        postgresCpuPercent,
        postgresRowWritesPerMessage: per(hold.rowWrites, chatsSent),
        postgresCommitsPerMessage: per(hold.commits, chatsSent),
        // Everything written in the hold (chat, reactions, the processes' own bookkeeping), per viewer and second.
        postgresRowWritesPerViewerSecond: per(hold.rowWrites, (viewers * hold.ms) / 1000, 4),
        postgresCommitsPerViewerSecond: per(hold.commits, (viewers * hold.ms) / 1000, 4),
        postgresRowWritesPerJoin: per(joins.rowWrites, joinedThisStep),
        postgresCommitsPerJoin: per(joins.commits, joinedThisStep),
        generatorCpuPercent,
        busiestGeneratorCpuPercent: Math.max(...measured.map((m) => Math.round((m.cpuMs / m.wallMs) * 100))),
        // The generators' CPU per viewer and minute of traffic: what BENCH_CLIENT costs.
        generatorCpuMsPerViewerMinute: round1(measured.reduce((sum, m) => sum + (m.cpuMs / m.wallMs) * 60_000, 0) / viewers),
        // Everything measured on the machine's cores (% of one core; PostgreSQL's background processes not included).
        machineCpuPercent: processCpuPercent.reduce((a, b) => a + b, 0) + generatorCpuPercent + (haproxyCpuPercent ?? 0) + (redisCpuPercent ?? 0) + (postgresCpuPercent ?? 0),
      };
      console.error(`capacity step: ${JSON.stringify(step)}`);
      steps.push(step);
      const within = step.chatP95Ms <= LIMIT_P95_MS && step.reportAckP95Ms <= LIMIT_P95_MS && failures <= LIMIT_FAILURE_SHARE * requests;
      if (!within || target >= MAX) break;
    }
    const passed = steps.filter((s) => s.chatP95Ms <= LIMIT_P95_MS && s.reportAckP95Ms <= LIMIT_P95_MS && s.failures <= LIMIT_FAILURE_SHARE * s.requests);
    const last = steps.at(-1)!;
    const cores = os.cpus().length;
    const limitedBy =
      passed.length === steps.length
        ? `not reached: BENCH_MAX ${MAX}`
        : last.busiestGeneratorCpuPercent >= BUSY_PERCENT
          ? "load generator CPU"
          : last.serverCpuPercent >= BUSY_PERCENT
            ? "server CPU"
            : last.machineCpuPercent >= BUSY_PERCENT * cores
              ? `the machine's ${cores} cores (${last.machineCpuPercent} % of one core used by the processes measured; none alone at ${BUSY_PERCENT} %)`
              : `neither process's CPU (server ${last.serverCpuPercent} %, busiest generator ${last.busiestGeneratorCpuPercent} %, loop delay p99 ${last.loopDelayP99Ms} ms): the shared machine`;
    return {
      bench: "capacity",
      database,
      processes,
      perRoom: PER_ROOM,
      step: STEP,
      max: MAX,
      holdSeconds: HOLD_SECONDS,
      generators: GENERATORS,
      client: BENCH_CLIENT,
      seedSeconds,
      maxViewers: passed.at(-1)?.viewers ?? 0,
      limitedBy,
      kbPerViewer: memory?.kbPerViewer,
      heapKbPerViewer: memory?.heapKbPerViewer,
      kbPerViewerAt: memory?.viewers,
      idleRssMb: idle.rssMb,
      joinFailures,
      loadBefore: round1(loadBefore),
      loadAfter: round1(os.loadavg()[0]!),
      steps,
    };
  } finally {
    for (const g of generators) g.stop();
    await meter.close();
    await serving.stop();
  }
}
