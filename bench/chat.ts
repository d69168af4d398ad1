/**
 * chat: 50 rooms × 40 clients on one server process, each client sending a
 * message every 10 s for BENCH_SECONDS (default 60); then the same traffic
 * through a bare Socket.IO server that only broadcasts. Latency is from send
 * to receipt at every member of the room, in fractions of a millisecond
 * (`performance.now()`: sender and receivers share this process's clock).
 * Each server also reports its event-loop delay and, for the app, how long
 * each message waited to be stored (bench/serve.ts).
 */
import { call, joinAll, percentile, sleep } from "./clients";
import { startBenchServer } from "./server-process";

const round2 = (n: number) => Number(n.toFixed(2));

const ROOMS = Number(process.env.BENCH_ROOMS ?? 50);
const PER_ROOM = Number(process.env.BENCH_PER_ROOM ?? 40);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const INTERVAL_MS = 10_000;
const DRAIN_MS = 5_000;
type Incoming = { message: { text: string } };

async function runTraffic(mode: "app" | "baseline") {
  const server = await startBenchServer(mode, ROOMS, PER_ROOM);
  try {
    const sockets = await joinAll(server, PER_ROOM);

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

    server.resetStats();
    const endAt = Date.now() + SECONDS * 1000;
    await Promise.all(
      sockets.map(async ({ socket, partyId }, index) => {
        await sleep(Math.random() * INTERVAL_MS);
        let n = 0;
        while (Date.now() < endAt) {
          const text = `m ${performance.now()} ${index} ${n++}`;
          const started = Date.now();
          const result = await call(socket, "chat:send", { partyId, clientId: `bench-${index}-${n}`, text, episode: 1, positionMs: n * 1000 });
          if (result?.ok) sent++;
          else refused++;
          await sleep(Math.max(0, INTERVAL_MS - (Date.now() - started)));
        }
      }),
    );
    await sleep(DRAIN_MS);
    const serverStats = await server.stats();
    for (const { socket } of sockets) socket.close();
    latencies.sort((a, b) => a - b);
    return { sent, refused, expected: sent * PER_ROOM, delivered, p50: round2(percentile(latencies, 50)), p99: round2(percentile(latencies, 99)), server: serverStats };
  } finally {
    server.stop();
  }
}

export async function runChatBench() {
  const app = await runTraffic("app");
  console.error(`app: ${JSON.stringify(app)}`);
  const baseline = await runTraffic("baseline");
  console.error(`baseline: ${JSON.stringify(baseline)}`);
  return {
    bench: "chat",
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
    ...(process.env.BENCH_CHAT_STORE === "none" ? { store: "none (diagnostic: messages kept in memory)" } : {}),
    storeP50Ms: app.server.storeP50Ms,
    storeP99Ms: app.server.storeP99Ms,
    loopDelayP99Ms: app.server.loopDelayP99Ms,
    baselineLoopDelayP99Ms: baseline.server.loopDelayP99Ms,
  };
}
