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
 * machine's by default) the traffic runs through one app process (the
 * single-process topology, no Redis) and through that many app processes in
 * the cluster topology on the same database and Redis (BENCH_REDIS_URL), each
 * room's clients spread over them, alternating BENCH_ROUNDS times (default 2);
 * `ratioP99VsOneProcess` compares the median p99s.
 */
import os from "node:os";
import { call, joinAll, loadGeneratorCpu, percentile, sleep } from "./clients";
import { benchProcesses, dropBenchDatabase, startBenchCluster, startBenchProcess, startBenchServer, startSeededServer, type BenchServer, type ServerStats } from "./server-process";

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
  // BENCH_MEMORY_DETAIL=1 (a diagnostic): where each server's memory is, the viewers still connected (bench/serve.ts).
  if (process.env.BENCH_MEMORY_DETAIL) for (const s of servers) console.error(`memory: ${JSON.stringify(await s.memory())}`);
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
  serverCpuPercent: stats.map((s) => s.cpuPercentOfOneCore),
  serverRssMb: stats.map((s) => s.rssMb),
});

const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return round2(sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2);
};

/**
 * One process and `processes` processes, alternating on one database, BENCH_ROUNDS
 * times each (default 2): round 1 one process first, round 2 the cluster first,
 * and so on, so neither is always measured on a fresher or a busier machine.
 * The cluster processes run the cluster topology exactly as `npm run cluster`
 * starts them (bench/serve.ts); the one process runs the single-process topology.
 */
async function runProcessesBench(processes: number) {
  const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));
  const loadBefore = os.loadavg()[0]!;
  const seeded = await startSeededServer(ROOMS, PER_ROOM);
  const databaseUrl = seeded.server.databaseUrl!;
  type Run = Awaited<ReturnType<typeof runTraffic>>;
  const ones: Run[] = [];
  const manys: Run[] = [];
  const order: string[] = [];
  try {
    // The seeding server is the first round's one process.
    let one: BenchServer | undefined = seeded.server;
    const runOne = async () => {
      const server = one ?? (await startBenchProcess(databaseUrl));
      one = undefined;
      try {
        ones.push(await runTraffic([server], seeded.server));
      } finally {
        await server.stop();
      }
      order.push("1");
      console.error(`one process: ${JSON.stringify(ones.at(-1))}`);
    };
    const runMany = async () => {
      const cluster = await startBenchCluster(processes, databaseUrl);
      try {
        manys.push(await runTraffic(cluster.servers, seeded.server));
      } finally {
        await cluster.stop();
      }
      order.push(String(processes));
      console.error(`${processes} processes: ${JSON.stringify(manys.at(-1))}`);
    };
    for (let round = 0; round < rounds; round++) {
      if (round % 2 === 0) {
        await runOne();
        await runMany();
      } else {
        await runMany();
        await runOne();
      }
    }
    const lost = (run: Run) => run.expected - run.delivered;
    const many = manys.at(-1)!;
    return {
      bench: "chat",
      processes,
      topology: "cluster (as npm run cluster) vs single-process",
      database: "postgres",
      rooms: ROOMS,
      clientsPerRoom: PER_ROOM,
      seconds: SECONDS,
      order,
      sent: manys.map((r) => r.sent),
      refused: manys.map((r) => r.refused),
      lost: manys.map(lost),
      p50Ms: manys.map((r) => r.p50),
      p99Ms: manys.map((r) => r.p99),
      oneProcessP50Ms: ones.map((r) => r.p50),
      oneProcessP99Ms: ones.map((r) => r.p99),
      oneProcessLost: ones.map(lost),
      medianP99Ms: median(manys.map((r) => r.p99)),
      oneProcessMedianP99Ms: median(ones.map((r) => r.p99)),
      ratioP99VsOneProcess: round2(median(manys.map((r) => r.p99)) / median(ones.map((r) => r.p99))),
      ...perProcess(many.servers),
      storeP99MsPerRound: manys.map((r) => Math.max(...r.servers.map((s) => s.storeP99Ms ?? 0))),
      oneProcessStoreP99Ms: ones.map((r) => r.server.storeP99Ms),
      oneProcessLoopDelayP99Ms: ones.map((r) => r.server.loopDelayP99Ms),
      oneProcessServerCpuPercent: ones.map((r) => r.server.cpuPercentOfOneCore),
      oneProcessServerRssMb: ones.map((r) => r.server.rssMb),
      loadGeneratorCpuPercentOfOneCore: manys.map((r) => r.loadGeneratorCpuPercentOfOneCore),
      oneProcessLoadGeneratorCpuPercentOfOneCore: ones.map((r) => r.loadGeneratorCpuPercentOfOneCore),
      loadAverage1m: [round2(loadBefore), round2(os.loadavg()[0]!)],
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
    // The app server's CPU over the traffic and drain (% of one core) and its RSS with every viewer still connected; the two bare servers' beside them.
    serverCpuPercent: app.server.cpuPercentOfOneCore,
    serverRssMb: app.server.rssMb,
    baselineServerCpuPercent: baseline.server.cpuPercentOfOneCore,
    baselineServerRssMb: baseline.server.rssMb,
    durableServerCpuPercent: durable.server.cpuPercentOfOneCore,
    durableServerRssMb: durable.server.rssMb,
    durableServerCpuMs: durable.server.cpuMs,
    loadGeneratorCpuMs: app.loadGeneratorCpuMs,
    loadGeneratorCpuPercentOfOneCore: app.loadGeneratorCpuPercentOfOneCore,
    durableLoadGeneratorCpuPercentOfOneCore: durable.loadGeneratorCpuPercentOfOneCore,
    loadAverage1m: [round2(loadBefore), round2(os.loadavg()[0]!)],
  };
}
