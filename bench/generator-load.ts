/**
 * generator-load: BENCH_VIEWERS (default 30) socket clients each send
 * `clock:sync` every 250 ms and time its round trip, first with nothing else
 * going on, then while BENCH_DRAFTERS (default 4) hosts keep two requests each
 * in flight to `POST /api/parties/{id}/trivia/draft` with a 20,000-character
 * article (the fixtures repeated). The figure is how much the round trip's p99
 * grows under that load: the question generator must not hold up the event loop.
 * Drafters do not wait out Retry-After: a refused request is tried again after
 * 250 ms, so the limit and the queue are pressed all the time.
 * The server runs in its own process (bench/serve.ts); BENCH_GENERATOR=inline
 * runs its generator on the event loop instead of the worker pool, for the
 * figures before the pool.
 */
import type { Socket } from "socket.io-client";
import { longestArticle } from "../tests/support/long-article";
import { call, joinAll, percentile, sleep } from "./clients";
import { startBenchServer, type DrafterSession } from "./server-process";

const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 30);
const DRAFTERS = Number(process.env.BENCH_DRAFTERS ?? 4);
const IN_FLIGHT_PER_DRAFTER = 2;
const SYNC_EVERY_MS = 250;
const PHASE_MS = 12_000;
const RETRY_AFTER_REFUSAL_MS = 250;

/** Every viewer syncs until `until`; returns each round trip (ms). */
async function syncRoundTrips(sockets: Socket[], until: number): Promise<number[]> {
  const samples: number[] = [];
  await Promise.all(
    sockets.map(async (socket, i) => {
      // Spread the viewers over the interval instead of sending all at once.
      await sleep((i * SYNC_EVERY_MS) / sockets.length);
      while (Date.now() < until) {
        const sent = performance.now();
        const ack = await call(socket, "clock:sync", { clientSentAt: Date.now() });
        if (!ack?.ok) throw new Error(ack ? ack.error.message : "clock:sync was not answered");
        samples.push(performance.now() - sent);
        await sleep(SYNC_EVERY_MS);
      }
    }),
  );
  return samples.sort((a, b) => a - b);
}

/** Drafters keep their requests in flight until `until`; returns the count of each answer's status. */
async function draftLoad(url: string, drafters: DrafterSession[], until: number): Promise<Record<number, number>> {
  const body = JSON.stringify({ title: "Long read", text: longestArticle() });
  const statuses: Record<number, number> = {};
  const loops = drafters.flatMap((drafter) =>
    Array.from({ length: IN_FLIGHT_PER_DRAFTER }, async () => {
      while (Date.now() < until) {
        const response = await fetch(`${url}/api/parties/${drafter.partyId}/trivia/draft`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie: drafter.cookie },
          body,
        });
        await response.arrayBuffer();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        if (response.status !== 200) await sleep(RETRY_AFTER_REFUSAL_MS);
      }
    }),
  );
  await Promise.all(loops);
  return statuses;
}

const round2 = (n: number) => Number(n.toFixed(2));
const summary = (sorted: number[]) => ({ samples: sorted.length, p50Ms: round2(percentile(sorted, 50)), p99Ms: round2(percentile(sorted, 99)), maxMs: round2(sorted.at(-1) ?? NaN) });

export async function runGeneratorLoadBench() {
  const server = await startBenchServer("app", 1, VIEWERS, DRAFTERS);
  try {
    const sockets = (await joinAll(server, VIEWERS)).map((v) => v.socket);

    server.resetStats();
    const idle = summary(await syncRoundTrips(sockets, Date.now() + PHASE_MS));
    const idleServer = await server.stats();

    server.resetStats();
    const cpuBefore = process.cpuUsage();
    const until = Date.now() + PHASE_MS;
    const [loadedSamples, statuses] = await Promise.all([syncRoundTrips(sockets, until), draftLoad(server.url, server.drafters, until)]);
    const cpu = process.cpuUsage(cpuBefore);
    const loadedServer = await server.stats();
    const loaded = summary(loadedSamples);
    for (const socket of sockets) socket.close();

    const loadGeneratorCpuMs = Math.round((cpu.user + cpu.system) / 1000);
    const known = new Set([200, 429, 503]);
    return {
      bench: "generator-load",
      generator: process.env.BENCH_GENERATOR === "inline" ? "inline (diagnostic: on the event loop)" : "worker pool",
      viewers: VIEWERS,
      drafters: DRAFTERS,
      inFlightPerDrafter: IN_FLIGHT_PER_DRAFTER,
      phaseMs: PHASE_MS,
      idle,
      loaded,
      idleP99Ms: idle.p99Ms,
      loadedP99Ms: loaded.p99Ms,
      ratioP99: round2(loaded.p99Ms / idle.p99Ms),
      draftsAnswered: statuses[200] ?? 0,
      drafts429: statuses[429] ?? 0,
      drafts503: statuses[503] ?? 0,
      draftsOther: Object.entries(statuses).reduce((n, [status, count]) => (known.has(Number(status)) ? n : n + count), 0),
      server: { idle: idleServer, loaded: loadedServer },
      loadGeneratorCpuMs,
      loadGeneratorCpuPercentOfOneCore: Math.round((loadGeneratorCpuMs / PHASE_MS) * 100),
    };
  } finally {
    server.stop();
  }
}
