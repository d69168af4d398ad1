/**
 * clock: 50 clients on loopback, each with its own clock off by up to ±150 ms
 * and a jittery link (each leg delayed independently), estimate the server
 * clock with clock:sync as the browser does, then compute the party position
 * at one instant after the host presses play.
 */
import { io as connect, type Socket } from "socket.io-client";
import { estimateOffset, type SyncSample } from "../shared/clock-estimator";
import { positionAt, type ClockState } from "../shared/party-clock";
import type { AckResult, ClientEvents, RoomSnapshot, ServerEvents } from "../server/realtime/protocol";
import { startBenchServer } from "./server-process";

const CLIENTS = 50;
const SAMPLES = 10;
const MAX_OFFSET_MS = 150;
type Loose = { emitWithAck(event: string, payload: unknown): Promise<AckResult<unknown>> };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** One leg's delay: mostly a few ms, sometimes tens (queueing), capped at 80 ms. */
const legDelay = () => Math.min(80, 1 + -Math.log(1 - Math.random()) * 10);

export async function runClockBench() {
  const server = await startBenchServer("app", 1, CLIENTS);
  const partyId = server.partyIds[0]!;
  try {
    const clients = await Promise.all(
      server.cookies.map(async (cookie, i) => {
        const socket: Socket<ServerEvents, ClientEvents> = connect(server.url, { transports: ["websocket"], extraHeaders: { cookie }, forceNew: true });
        socket.on("clock:ping", (_payload, ack) => ack());
        await new Promise<void>((resolve, reject) => {
          socket.once("connect", () => resolve());
          socket.once("connect_error", reject);
        });
        const offset = (Math.random() * 2 - 1) * MAX_OFFSET_MS;
        return { socket, offset, localNow: () => Date.now() + offset, host: i === 0, clock: null as ClockState | null };
      }),
    );
    const call = (socket: Socket, event: string, payload: unknown) => (socket as unknown as Loose).emitWithAck(event, payload);

    // 1. Each client estimates the server clock through a jittery link.
    const estimates = await Promise.all(
      clients.map(async (c) => {
        const samples: SyncSample[] = [];
        for (let s = 0; s < SAMPLES; s++) {
          const t0 = c.localNow();
          await sleep(legDelay());
          const result = await call(c.socket, "clock:sync", { clientSentAt: t0 });
          await sleep(legDelay());
          const t3 = c.localNow();
          if (!result.ok) throw new Error(result.error.message);
          const data = result.data as { serverReceivedAt: number; serverSentAt: number };
          samples.push({ t0, t1: data.serverReceivedAt, t2: data.serverSentAt, t3 });
          await sleep(20);
        }
        return estimateOffset(samples)!;
      }),
    );
    // The true correction is −offset: the server runs on the machine's clock.
    const offsetErrors = clients.map((c, i) => Math.abs(estimates[i]!.offsetMs - -c.offset));

    // 2. Everyone joins; the host presses play; each client hears it over its own link.
    for (const c of clients) {
      const joined = await call(c.socket, "room:join", { partyId });
      if (!joined.ok) throw new Error(joined.error.message);
      c.clock = (joined.data as RoomSnapshot).clock;
      c.socket.on("clock:state", (p) => void sleep(legDelay()).then(() => (c.clock = p.clock)));
    }
    const host = clients.find((c) => c.host)!;
    const played = await call(host.socket, "clock:command", { partyId, command: { type: "play" } });
    if (!played.ok) throw new Error(played.error.message);
    const version = (played.data as { clock: ClockState }).clock.version;
    while (clients.some((c) => (c.clock?.version ?? -1) < version)) await sleep(20);
    await sleep(1500);

    // 3. At one instant, each client computes the position from its own clock and estimate.
    const positions = clients.map((c, i) => positionAt(c.clock!, c.localNow() + estimates[i]!.offsetMs));
    for (const c of clients) c.socket.close();
    return {
      bench: "clock",
      clients: CLIENTS,
      maxOffsetErrorMs: Number(Math.max(...offsetErrors).toFixed(2)),
      meanOffsetErrorMs: Number((offsetErrors.reduce((a, b) => a + b, 0) / CLIENTS).toFixed(2)),
      positionSpreadMs: Number((Math.max(...positions) - Math.min(...positions)).toFixed(2)),
      samplesPerClient: SAMPLES,
      maxArtificialOffsetMs: MAX_OFFSET_MS,
    };
  } finally {
    server.stop();
  }
}
