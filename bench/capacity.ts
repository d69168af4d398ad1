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
 * kbPerViewer = (server RSS with the first step's viewers joined and idle −
 * server RSS before any connection) ÷ those viewers, each RSS read after a
 * full garbage collection (two, 3 s apart); heapKbPerViewer is the same for
 * the V8 heap (heapUsed), the steadier figure on a busy machine.
 */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { percentile, sleep } from "./clients";
import type { CapacityViewer, FromViewers, Measured, ToViewers } from "./capacity-viewers";
import { startBenchServer, startSeededServer, type BenchServer } from "./server-process";
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

/** The server's stats after two full collections 3 s apart (V8 gives freed pages back to the system lazily). */
async function settledMemory(server: BenchServer) {
  for (let i = 0; i < 2; i++) {
    await sleep(3000);
    server.collectGarbage();
  }
  return server.stats();
}

async function startServer(rooms: number): Promise<{ server: BenchServer; database: string; drop(): Promise<void> }> {
  const env = { BENCH_SIGN_IN: "bulk" };
  if (!process.env.BENCH_DATABASE_URL) return { server: await startBenchServer("app", rooms, PER_ROOM, 0, env), database: "embedded", drop: async () => {} };
  const seeded = await startSeededServer(rooms, PER_ROOM, env);
  return { ...seeded, database: "postgres" };
}

export async function runCapacityBench() {
  const rooms = Math.ceil(MAX / PER_ROOM);
  const seedStarted = performance.now();
  const { server, database, drop } = await startServer(rooms);
  const seedSeconds = round1((performance.now() - seedStarted) / 1000);
  console.error(`capacity: ${rooms * PER_ROOM} guests seeded in ${seedSeconds} s (${database})`);
  const generators = Array.from({ length: GENERATORS }, startGenerator);
  try {
    const idle = await settledMemory(server);
    const steps = [];
    let memory: { kbPerViewer: number; heapKbPerViewer: number; viewers: number } | undefined;
    let joinFailures = 0;
    let roomsJoined = 0;
    for (let target = Math.min(STEP, MAX); ; target = Math.min(target + STEP, MAX)) {
      const upTo = Math.ceil(target / PER_ROOM);
      const share: CapacityViewer[][] = generators.map(() => []);
      for (let r = roomsJoined; r < upTo; r++) {
        const partyId = server.partyIds[r]!;
        const viewers = server.cookies.slice(r * PER_ROOM, (r + 1) * PER_ROOM).map((cookie, k) => ({ cookie, partyId, host: k === 0 }));
        share[r % GENERATORS]!.push(...viewers);
      }
      const joinStarted = performance.now();
      const grown = await Promise.all(
        generators.map((g, i) => {
          const answer = g.next("grown");
          g.send({ type: "grow", url: server.url, viewers: share[i]! });
          return answer;
        }),
      );
      const joinSeconds = round1((performance.now() - joinStarted) / 1000);
      roomsJoined = upTo;
      const failedJoins = grown.reduce((sum, g) => sum + (g.type === "grown" ? g.failed : 0), 0);
      joinFailures += failedJoins;
      const viewers = upTo * PER_ROOM;
      if (!memory) {
        // The first step's viewers, joined and idle: what each one holds.
        const held = await settledMemory(server);
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
      server.resetStats();
      for (const g of generators) g.send({ type: "measure-start" });
      await sleep(HOLD_SECONDS * 1000);
      const measured = (await Promise.all(
        generators.map((g) => {
          const answer = g.next("measured");
          g.send({ type: "measure" });
          return answer;
        }),
      )) as Measured[];
      const stats = await server.stats();
      const chat = measured.flatMap((m) => m.chatLatencies).sort((a, b) => a - b);
      const reports = measured.flatMap((m) => m.reportAcks).sort((a, b) => a - b);
      const requests = measured.reduce((sum, m) => sum + m.requests, 0) + share.flat().length;
      const failures = measured.reduce((sum, m) => sum + m.failures, 0) + failedJoins;
      const step = {
        viewers,
        joinSeconds,
        chatP95Ms: round1(percentile(chat, 95)),
        reportAckP95Ms: round1(percentile(reports, 95)),
        chatDelivered: chat.length,
        reportsAcked: reports.length,
        requests,
        failures,
        joinFailures: failedJoins,
        serverCpuPercent: Math.round((stats.cpuMs / (HOLD_SECONDS * 1000)) * 100),
        serverRssMb: stats.rssMb,
        loopDelayP99Ms: stats.loopDelayP99Ms,
        loopUtilization: stats.loopUtilization,
        generatorCpuPercent: measured.reduce((sum, m) => sum + Math.round((m.cpuMs / m.wallMs) * 100), 0),
        busiestGeneratorCpuPercent: Math.max(...measured.map((m) => Math.round((m.cpuMs / m.wallMs) * 100))),
        // The generators' CPU per viewer and minute of traffic: what BENCH_CLIENT costs.
        generatorCpuMsPerViewerMinute: round1(measured.reduce((sum, m) => sum + (m.cpuMs / m.wallMs) * 60_000, 0) / viewers),
      };
      console.error(`capacity step: ${JSON.stringify(step)}`);
      steps.push(step);
      const within = step.chatP95Ms <= LIMIT_P95_MS && step.reportAckP95Ms <= LIMIT_P95_MS && failures <= LIMIT_FAILURE_SHARE * requests;
      if (!within || target >= MAX) break;
    }
    const passed = steps.filter((s) => s.chatP95Ms <= LIMIT_P95_MS && s.reportAckP95Ms <= LIMIT_P95_MS && s.failures <= LIMIT_FAILURE_SHARE * s.requests);
    const last = steps.at(-1)!;
    const limitedBy =
      passed.length === steps.length
        ? `not reached: BENCH_MAX ${MAX}`
        : last.busiestGeneratorCpuPercent >= BUSY_PERCENT
          ? "load generator CPU"
          : last.serverCpuPercent >= BUSY_PERCENT
            ? "server CPU"
            : `neither process's CPU (server ${last.serverCpuPercent} %, busiest generator ${last.busiestGeneratorCpuPercent} %, loop delay p99 ${last.loopDelayP99Ms} ms): the shared machine`;
    return {
      bench: "capacity",
      database,
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
      steps,
    };
  } finally {
    for (const g of generators) g.stop();
    server.stop();
    await drop();
  }
}
