/**
 * chat: 50 rooms × 40 clients on one server process, each client sending a
 * message every 10 s for BENCH_SECONDS (default 60); then the same traffic
 * through a bare Socket.IO server that only broadcasts. Latency is from send
 * to receipt at every member of the room (clients share this process's clock).
 */
import { io as connect, type Socket } from "socket.io-client";
import type { AckResult } from "../server/realtime/protocol";
import { startBenchServer } from "./server-process";

const ROOMS = Number(process.env.BENCH_ROOMS ?? 50);
const PER_ROOM = Number(process.env.BENCH_PER_ROOM ?? 40);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const INTERVAL_MS = 10_000;
const DRAIN_MS = 5_000;
type Loose = { emitWithAck(event: string, payload: unknown): Promise<AckResult<unknown>> };
type Incoming = { message: { text: string } };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function runTraffic(mode: "app" | "baseline") {
  const server = await startBenchServer(mode, ROOMS, PER_ROOM);
  try {
    const sockets: Array<{ socket: Socket; partyId: string }> = [];
    for (let batch = 0; batch < server.cookies.length; batch += 100) {
      const made = await Promise.all(
        server.cookies.slice(batch, batch + 100).map(async (cookie, k) => {
          const index = batch + k;
          const partyId = server.partyIds[Math.floor(index / PER_ROOM)]!;
          const socket = connect(server.url, { transports: ["websocket"], extraHeaders: cookie ? { cookie } : {}, forceNew: true });
          await new Promise<void>((resolve, reject) => {
            socket.once("connect", () => resolve());
            socket.once("connect_error", reject);
          });
          const joined = await (socket.timeout(30_000) as unknown as Loose).emitWithAck("room:join", { partyId });
          if (!joined.ok) throw new Error(joined.error.message);
          return { socket, partyId };
        }),
      );
      sockets.push(...made);
    }

    const latencies: number[] = [];
    let delivered = 0;
    let sent = 0;
    let refused = 0;
    for (const { socket } of sockets) {
      socket.on("chat:message", (payload: Incoming) => {
        const sentAt = Number(payload.message.text.split(" ")[1]);
        latencies.push(Date.now() - sentAt);
        delivered++;
      });
    }

    const endAt = Date.now() + SECONDS * 1000;
    await Promise.all(
      sockets.map(async ({ socket, partyId }, index) => {
        await sleep(Math.random() * INTERVAL_MS);
        let n = 0;
        while (Date.now() < endAt) {
          const text = `m ${Date.now()} ${index} ${n++}`;
          const started = Date.now();
          const result = await (socket.timeout(30_000) as unknown as Loose)
            .emitWithAck("chat:send", { partyId, clientId: `bench-${index}-${n}`, text, episode: 1, positionMs: n * 1000 })
            .catch(() => null);
          if (result?.ok) sent++;
          else refused++;
          await sleep(Math.max(0, INTERVAL_MS - (Date.now() - started)));
        }
      }),
    );
    await sleep(DRAIN_MS);
    for (const { socket } of sockets) socket.close();
    latencies.sort((a, b) => a - b);
    return { sent, refused, expected: sent * PER_ROOM, delivered, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
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
    ratioP99: Number((app.p99 / baseline.p99).toFixed(2)),
  };
}
