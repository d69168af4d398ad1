/**
 * generator-load: BENCH_VIEWERS (default 30) socket clients each send
 * `clock:sync` every 250 ms and time its round trip, in blocks of 3 s that
 * alternate (4 of each): idle, with nothing else going on, and loaded, while
 * BENCH_DRAFTERS (default 4) hosts keep two requests each in flight to
 * `POST /api/parties/{id}/trivia/draft` with a 20,000-character article (the
 * fixtures repeated). Alternating blocks share whatever else the machine is
 * doing. The figure is how much the round trip's p99 grows under that load:
 * the question generator must not hold up the event loop. A refused drafter
 * waits as its answer's Retry-After says, as the page's user would, but never
 * past the end of the block. An idle block starts once the last draft of the
 * loaded block before it is answered. Four drafters at four drafts a minute
 * each keep the pool's one thread busy through the four loaded blocks.
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
const BLOCK_MS = 3_000;
const BLOCKS_OF_EACH = 4;

/** Every viewer syncs until `until`, adding each round trip (ms) to `samples`. */
async function syncRoundTrips(sockets: Socket[], until: number, samples: number[]): Promise<void> {
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
}

/** Drafters keep their requests in flight until `until`, counting each answer's status in `statuses`. */
async function draftLoad(url: string, drafters: DrafterSession[], until: number, statuses: Record<number, number>): Promise<void> {
  const body = JSON.stringify({ title: "Long read", text: longestArticle() });
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
        const retryAfterMs = Number(response.headers.get("retry-after") ?? 0) * 1000;
        if (response.status !== 200) await sleep(Math.min(retryAfterMs, until - Date.now()));
      }
    }),
  );
  await Promise.all(loops);
}

const round2 = (n: number) => Number(n.toFixed(2));
const summary = (samples: number[], sorted = [...samples].sort((a, b) => a - b)) => ({ samples: sorted.length, p50Ms: round2(percentile(sorted, 50)), p99Ms: round2(percentile(sorted, 99)), maxMs: round2(sorted.at(-1) ?? NaN) });

export async function runGeneratorLoadBench() {
  const server = await startBenchServer("app", 1, VIEWERS, DRAFTERS);
  try {
    const sockets = (await joinAll(server, VIEWERS, [server.url])).map((v) => v.socket);
    // One draft first, so the pool's thread has loaded the generator before anything is measured
    // (on a busy machine the first tries may time out while the thread loads).
    const first = server.drafters[0]!;
    for (let tries = 1; ; tries++) {
      const warmUp = await fetch(`${server.url}/api/parties/${first.partyId}/trivia/draft`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: first.cookie },
        body: JSON.stringify({ text: longestArticle() }),
      });
      if (warmUp.status === 200) break;
      if (tries === 3) throw new Error(`the warm-up draft was answered ${warmUp.status} three times`);
    }

    const idleSamples: number[] = [];
    const loadedSamples: number[] = [];
    const statuses: Record<number, number> = {};
    let loadedCpu = { user: 0, system: 0 };
    let loadedMs = 0;
    let idleServer = null;
    let loadedServer = null;
    // Idle blocks and loaded blocks take turns; the server's figures are for the last of each.
    for (let block = 0; block < BLOCKS_OF_EACH; block++) {
      server.resetStats();
      await syncRoundTrips(sockets, Date.now() + BLOCK_MS, idleSamples);
      idleServer = await server.stats();

      server.resetStats();
      const cpuBefore = process.cpuUsage();
      const started = Date.now();
      const until = started + BLOCK_MS;
      await Promise.all([syncRoundTrips(sockets, until, loadedSamples), draftLoad(server.url, server.drafters, until, statuses)]);
      const cpu = process.cpuUsage(cpuBefore);
      loadedCpu = { user: loadedCpu.user + cpu.user, system: loadedCpu.system + cpu.system };
      // Until the last draft in flight is answered, which may be after `until`.
      loadedMs += Date.now() - started;
      loadedServer = await server.stats();
    }
    const idle = summary(idleSamples);
    const loaded = summary(loadedSamples);
    for (const socket of sockets) socket.close();

    // The load generator's CPU while it drives the loaded blocks (viewers and drafters together).
    const loadGeneratorCpuMs = Math.round((loadedCpu.user + loadedCpu.system) / 1000);
    const known = new Set([200, 429, 503]);
    return {
      bench: "generator-load",
      generator: process.env.BENCH_GENERATOR === "inline" ? "inline (diagnostic: on the event loop)" : "worker pool",
      viewers: VIEWERS,
      drafters: DRAFTERS,
      inFlightPerDrafter: IN_FLIGHT_PER_DRAFTER,
      blockMs: BLOCK_MS,
      blocksOfEach: BLOCKS_OF_EACH,
      loadedMs,
      idle,
      loaded,
      idleP99Ms: idle.p99Ms,
      loadedP99Ms: loaded.p99Ms,
      ratioP99: round2(loaded.p99Ms / idle.p99Ms),
      draftsAnswered: statuses[200] ?? 0,
      drafts429: statuses[429] ?? 0,
      drafts503: statuses[503] ?? 0,
      draftsOther: Object.entries(statuses).reduce((n, [status, count]) => (known.has(Number(status)) ? n : n + count), 0),
      serverLastBlock: { idle: idleServer, loaded: loadedServer },
      loadGeneratorCpuMs,
      loadGeneratorCpuPercentOfOneCore: Math.round((loadGeneratorCpuMs / loadedMs) * 100),
    };
  } finally {
    server.stop();
  }
}
