/**
 * chat: 50 rooms × 40 clients on one server process, each client sending a
 * message every 10 s for BENCH_SECONDS (default 60); the same traffic
 * through a bare Socket.IO server that only broadcasts (`baseline`), and
 * through a bare one that first stores each message with one single-row
 * INSERT … RETURNING on the same kind of database (`durable`). The three run
 * one after another in a random order (`order` in the result; BENCH_CHAT_ORDER,
 * say `app,durable,baseline`, fixes it): on a shared machine no server is
 * always the one measured first or last. Latency is from send
 * to receipt at every member of the room, in fractions of a millisecond
 * (`performance.now()`: sender and receivers share this process's clock).
 * Each server also reports its event-loop delay and, for the app, how long
 * each message waited to be stored (bench/serve.ts).
 *
 * BENCH_PROCESSES=2 (or more): on PostgreSQL (BENCH_DATABASE_URL, the
 * machine's by default) the traffic runs first through one app process (the
 * single-process mode, no Redis), then through that many app processes on the
 * same database and Redis (BENCH_REDIS_URL), each room's clients spread over
 * them; `ratioP99VsOneProcess` compares the two p99s.
 */
import os from "node:os";
import { call, joinAll, loadGeneratorCpu, percentile, sleep } from "./clients";
import { benchProcesses, dropBenchDatabase, startBenchCluster, startBenchServer, startSeededServer, type BenchServer, type ServerStats } from "./server-process";

const round2 = (n: number) => Number(n.toFixed(2));

const ROOMS = Number(process.env.BENCH_ROOMS ?? 50);
const PER_ROOM = Number(process.env.BENCH_PER_ROOM ?? 40);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const INTERVAL_MS = 10_000;
const DRAIN_MS = 5_000;
type Incoming = { message: { text: string } };

/** The traffic through `servers` (clients spread over them), with the sessions and parties of `seed`. */
async function runTraffic(servers: BenchServer[], seed: Pick<BenchServer, "cookies" | "partyIds">) {
  const sockets = await joinAll(seed, PER_ROOM, servers.map((s) => s.url));

  const latencies: number[] = [];
  let delivered = 0;
  let sent = 0;
  let refused = 0;
  for (const { socket } of sockets) {
    socket.on("chat:message", (payload: Incoming) => {
      const sentAt = Number(payload.message.text.split(" ")[1]);
      latencies.push(performance.now() - sentAt);
      delivered++;
    });
  }

  for (const server of servers) server.resetStats();
  const cpu = loadGeneratorCpu();
  const endAt = Date.now() + SECONDS * 1000;
  await Promise.all(
    sockets.map(async ({ socket, partyId }, index) => {
      await sleep(Math.random() * INTERVAL_MS);
      let n = 0;
      while (Date.now() < endAt) {
        const text = `m ${performance.now()} ${index} ${n++}`;
        const started = Date.now();
        const result = await call(socket, "chat:send", { partyId, clientId: `bench-${index}-${n}-${started}`, text, episode: 1, positionMs: n * 1000 });
        if (result?.ok) sent++;
        else refused++;
        await sleep(Math.max(0, INTERVAL_MS - (Date.now() - started)));
      }
    }),
  );
  await sleep(DRAIN_MS);
  const loadGenerator = cpu();
  const stats = await Promise.all(servers.map((s) => s.stats()));
  for (const { socket } of sockets) socket.close();
  latencies.sort((a, b) => a - b);
  return {
    sent,
    refused,
    expected: sent * PER_ROOM,
    delivered,
    p50: round2(percentile(latencies, 50)),
    p99: round2(percentile(latencies, 99)),
    server: stats[0]!,
    servers: stats,
    ...loadGenerator,
  };
}

type Mode = "app" | "baseline" | "durable";

/** The order of the three servers: BENCH_CHAT_ORDER, or a random one (Fisher–Yates). */
function phaseOrder(): Mode[] {
  if (process.env.BENCH_CHAT_ORDER) return process.env.BENCH_CHAT_ORDER.split(",") as Mode[];
  const order: Mode[] = ["app", "baseline", "durable"];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

async function runOn(mode: Mode) {
  const server = await startBenchServer(mode, ROOMS, PER_ROOM);
  try {
    return await runTraffic([server], server);
  } finally {
    server.stop();
    if (server.databaseUrl) await dropBenchDatabase(server.databaseUrl);
  }
}

/** The several-process figures of each server: the worst loop delay, and every process's CPU. */
const perProcess = (stats: ServerStats[]) => ({
  storeP99Ms: Math.max(...stats.map((s) => s.storeP99Ms ?? 0)),
  loopDelayP99Ms: Math.max(...stats.map((s) => s.loopDelayP99Ms)),
  serverCpuMs: stats.map((s) => s.cpuMs),
});

async function runProcessesBench(processes: number) {
  const seeded = await startSeededServer(ROOMS, PER_ROOM);
  try {
    let one;
    try {
      one = await runTraffic([seeded.server], seeded.server);
    } finally {
      seeded.server.stop();
    }
    console.error(`one process: ${JSON.stringify(one)}`);
    const cluster = await startBenchCluster(processes, seeded.server.databaseUrl!);
    let many;
    try {
      many = await runTraffic(cluster.servers, seeded.server);
    } finally {
      await cluster.stop();
    }
    console.error(`${processes} processes: ${JSON.stringify(many)}`);
    return {
      bench: "chat",
      processes,
      database: "postgres",
      rooms: ROOMS,
      clientsPerRoom: PER_ROOM,
      seconds: SECONDS,
      sent: many.sent,
      refused: many.refused,
      delivered: many.delivered,
      lost: many.expected - many.delivered,
      p50Ms: many.p50,
      p99Ms: many.p99,
      oneProcessP50Ms: one.p50,
      oneProcessP99Ms: one.p99,
      oneProcessLost: one.expected - one.delivered,
      ratioP99VsOneProcess: round2(many.p99 / one.p99),
      ...perProcess(many.servers),
      oneProcessStoreP99Ms: one.server.storeP99Ms,
      oneProcessLoopDelayP99Ms: one.server.loopDelayP99Ms,
      loadGeneratorCpuMs: many.loadGeneratorCpuMs,
      loadGeneratorCpuPercentOfOneCore: many.loadGeneratorCpuPercentOfOneCore,
      oneProcessLoadGeneratorCpuPercentOfOneCore: one.loadGeneratorCpuPercentOfOneCore,
    };
  } finally {
    await seeded.drop();
  }
}

export async function runChatBench() {
  const processes = benchProcesses();
  if (processes > 1) return runProcessesBench(processes);
  const order = phaseOrder();
  const loadBefore = os.loadavg()[0]!;
  const runs: Partial<Record<Mode, Awaited<ReturnType<typeof runOn>>>> = {};
  for (const mode of order) {
    runs[mode] = await runOn(mode);
    console.error(`${mode}: ${JSON.stringify(runs[mode])}`);
  }
  const { app, baseline, durable } = runs as Required<typeof runs>;
  return {
    bench: "chat",
    database: process.env.BENCH_DATABASE_URL ? "postgres" : "embedded",
    order,
    rooms: ROOMS,
    clientsPerRoom: PER_ROOM,
    seconds: SECONDS,
    sent: app.sent,
    refused: app.refused,
    delivered: app.delivered,
    lost: app.expected - app.delivered,
    p50Ms: app.p50,
    p99Ms: app.p99,
    baselineP50Ms: baseline.p50,
    baselineP99Ms: baseline.p99,
    baselineLost: baseline.expected - baseline.delivered,
    ratioP99: round2(app.p99 / baseline.p99),
    durableP50Ms: durable.p50,
    durableP99Ms: durable.p99,
    durableLost: durable.expected - durable.delivered,
    ratioP99VsDurable: round2(app.p99 / durable.p99),
    ...(process.env.BENCH_CHAT_STORE === "none" ? { store: "none (diagnostic: messages kept in memory)" } : {}),
    storeP50Ms: app.server.storeP50Ms,
    storeP99Ms: app.server.storeP99Ms,
    loopDelayP99Ms: app.server.loopDelayP99Ms,
    baselineLoopDelayP99Ms: baseline.server.loopDelayP99Ms,
    durableStoreP50Ms: durable.server.storeP50Ms,
    durableStoreP99Ms: durable.server.storeP99Ms,
    durableLoopDelayP99Ms: durable.server.loopDelayP99Ms,
    serverCpuMs: app.server.cpuMs,
    durableServerCpuMs: durable.server.cpuMs,
    loadGeneratorCpuMs: app.loadGeneratorCpuMs,
    loadGeneratorCpuPercentOfOneCore: app.loadGeneratorCpuPercentOfOneCore,
    durableLoadGeneratorCpuPercentOfOneCore: durable.loadGeneratorCpuPercentOfOneCore,
    loadAverage1m: [round2(loadBefore), round2(os.loadavg()[0]!)],
  };
}
