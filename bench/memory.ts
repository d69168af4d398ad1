/**
 * memory: where an idle server's memory goes. Starts the app server (the
 * single-process topology, embedded database by default, BENCH_DATABASE_URL
 * for PostgreSQL) with BENCH_ROOMS × BENCH_PER_ROOM signed-in guests (default
 * 1 × 1) joined to their rooms, and the bare Socket.IO server with the same
 * clients in the same run; after a full collection each reports its RSS, V8
 * heap and memory outside the heap (the embedded database's WebAssembly
 * memory is counted there: `externalMb`).
 * BENCH_MEMORY_DETAIL=1 (a diagnostic) adds where each server's memory is
 * (Node's counters, V8's heap spaces, /proc/self/smaps by kind) with the
 * viewers connected, before and after the collection; BENCH_HEAP_SNAPSHOT=<dir>
 * writes a heap snapshot of each server there after the collection.
 */
import os from "node:os";
import path from "node:path";
import { joinAll, sleep } from "./clients";
import { dropBenchDatabase, startBenchServer } from "./server-process";

const ROOMS = Number(process.env.BENCH_ROOMS ?? 1);
const PER_ROOM = Number(process.env.BENCH_PER_ROOM ?? 1);

async function measure(mode: "app" | "baseline") {
  const server = await startBenchServer(mode, ROOMS, PER_ROOM, 0, { BENCH_SIGN_IN: "bulk" });
  try {
    const sockets = await joinAll(server, PER_ROOM, [server.url]);
    await sleep(1000);
    const detail = process.env.BENCH_MEMORY_DETAIL ? { before: await server.memory() } : undefined;
    server.collectGarbage();
    const stats = await server.stats();
    if (detail) console.error(`${mode}: ${JSON.stringify({ ...detail, afterCollection: await server.memory() })}`);
    if (process.env.BENCH_HEAP_SNAPSHOT) await server.heapSnapshot(path.join(process.env.BENCH_HEAP_SNAPSHOT, `${mode}.heapsnapshot`));
    for (const { socket } of sockets) socket.close();
    return { rssMb: stats.rssMb, heapUsedMb: stats.heapUsedMb, externalMb: stats.externalMb };
  } finally {
    await server.stop();
    if (server.databaseUrl) await dropBenchDatabase(server.databaseUrl);
  }
}

export async function runMemoryBench() {
  const loadBefore = os.loadavg()[0]!;
  const app = await measure("app");
  const baseline = await measure("baseline");
  return {
    bench: "memory",
    database: process.env.BENCH_DATABASE_URL ? "postgres" : "embedded",
    viewers: ROOMS * PER_ROOM,
    ...Object.fromEntries(Object.entries(app).map(([k, v]) => [k, v])),
    ...Object.fromEntries(Object.entries(baseline).map(([k, v]) => [`baseline${k[0]!.toUpperCase()}${k.slice(1)}`, v])),
    loadAverage1m: [Number(loadBefore.toFixed(2)), Number(os.loadavg()[0]!.toFixed(2))],
  };
}
