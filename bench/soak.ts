/**
 * soak: BENCH_SOAK_GUESTS guests (default 200, in rooms of 20) churn against
 * one app server for BENCH_SOAK_SECONDS (default 60): BENCH_SOAK_IN_FLIGHT
 * (default 40) cycles at once, each a new connection that joins its room,
 * sends a chat message and a reaction (refusals by the limits count as
 * traffic too) and disconnects. The server's heap is read after full
 * collections before the churn (after a warm-up of one cycle per guest) and
 * again after it, once every connection is gone and BENCH_SOAK_IDLE_SECONDS
 * (default 15: longer than the 10 s limit windows) have passed.
 * `heapAfterIdleUncollectedMb` is the heap after the idle wait before any
 * forced collection (V8 collects under allocation pressure, so an idle
 * server can show garbage it has not yet collected). `heapGrowthMb` is the
 * difference of the collected heaps; the target is within 10 % of the heap
 * before (`withinTarget`). BENCH_SOAK_SNAPSHOTS=<dir> writes a heap
 * snapshot of the server before and after, to compare in Chrome's DevTools.
 */
import { io as connect } from "socket.io-client";
import { call, sleep } from "./clients";
import { startBenchServer } from "./server-process";

const GUESTS = Number(process.env.BENCH_SOAK_GUESTS ?? 200);
const PER_ROOM = 20;
const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 60);
const IN_FLIGHT = Number(process.env.BENCH_SOAK_IN_FLIGHT ?? 40);
const IDLE_SECONDS = Number(process.env.BENCH_SOAK_IDLE_SECONDS ?? 15);

/** One viewer's visit: connect, join, say something, react, leave. */
async function cycle(url: string, cookie: string, partyId: string, n: number): Promise<boolean> {
  const socket = connect(url, { transports: ["websocket"], extraHeaders: { cookie }, forceNew: true, reconnection: false });
  socket.on("clock:ping", (_payload: unknown, ack: () => void) => ack());
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    const joined = await call(socket, "room:join", { partyId });
    if (!joined?.ok) return false;
    await call(socket, "chat:send", { partyId, clientId: crypto.randomUUID(), text: `soak ${n}`, episode: 1, positionMs: (n % 3000) * 1000 });
    await call(socket, "chat:react", { partyId, messageId: null, emoji: "🔥", episode: 1, positionMs: (n % 3000) * 1000 });
    return true;
  } catch {
    return false;
  } finally {
    socket.disconnect();
  }
}

/** Runs cycles, IN_FLIGHT at once, until `until` (ms, performance.now()) or `count` cycles. */
async function churn(url: string, viewers: Array<{ cookie: string; partyId: string }>, limit: { until?: number; count?: number }) {
  let started = 0;
  let completed = 0;
  let failed = 0;
  const more = () => (limit.count !== undefined ? started < limit.count : performance.now() < limit.until!);
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (more()) {
        const n = started++;
        const viewer = viewers[n % viewers.length]!;
        if (await cycle(url, viewer.cookie, viewer.partyId, n)) completed++;
        else failed++;
      }
    }),
  );
  return { completed, failed };
}

export async function runSoakBench() {
  const rooms = Math.ceil(GUESTS / PER_ROOM);
  const server = await startBenchServer("app", rooms, PER_ROOM, 0, { BENCH_SIGN_IN: "bulk" });
  try {
    const viewers = server.cookies.slice(0, GUESTS).map((cookie, i) => ({ cookie, partyId: server.partyIds[Math.floor(i / PER_ROOM)]! }));
    // The heap after the idle wait but before any forced collection (what a dashboard sees), then after collections.
    let idleUncollectedMb = 0;
    const settled = async (label: string) => {
      await sleep(IDLE_SECONDS * 1000);
      idleUncollectedMb = (await server.stats()).heapUsedMb;
      for (let i = 0; i < 4; i++) {
        server.collectGarbage();
        await sleep(100);
      }
      if (process.env.BENCH_SOAK_SNAPSHOTS) await server.heapSnapshot(`${process.env.BENCH_SOAK_SNAPSHOTS}/soak-${label}.heapsnapshot`);
      return server.stats();
    };
    // Warm-up: every guest once, so code, caches of every party and first-use structures exist before the baseline.
    await churn(server.url, viewers, { count: GUESTS });
    const before = await settled("before");
    server.resetStats();
    const startedAt = performance.now();
    const { completed, failed } = await churn(server.url, viewers, { until: startedAt + SECONDS * 1000 });
    const seconds = (performance.now() - startedAt) / 1000;
    const during = await server.stats();
    const after = await settled("after");
    const heapAfterIdleUncollectedMb = idleUncollectedMb;
    const heapGrowthMb = Number((after.heapUsedMb - before.heapUsedMb).toFixed(1));
    return {
      bench: "soak",
      guests: GUESTS,
      rooms,
      seconds: Number(seconds.toFixed(1)),
      cycles: completed,
      failedCycles: failed,
      cyclesPerSecond: Number((completed / seconds).toFixed(1)),
      idleSecondsBeforeReading: IDLE_SECONDS,
      heapBeforeMb: before.heapUsedMb,
      heapAfterChurnMb: during.heapUsedMb,
      heapAfterIdleUncollectedMb,
      heapAfterMb: after.heapUsedMb,
      rssBeforeMb: before.rssMb,
      rssAfterMb: after.rssMb,
      withinTarget: heapGrowthMb <= before.heapUsedMb * 0.1,
      heapGrowthMb,
    };
  } finally {
    server.stop();
  }
}
