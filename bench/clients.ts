/** What the load-generating benchmarks share: joining many clients to their rooms, and percentiles. */
import { io as connect, type Socket } from "socket.io-client";
import type { AckResult } from "../server/realtime/protocol";
import type { BenchServer } from "./server-process";

export type Loose = { emitWithAck(event: string, payload: unknown): Promise<AckResult<unknown>> };

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The value at percentile `p` of an ascending list (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Sends an event and waits for its acknowledgement (null when it never came). */
export const call = (socket: Socket, event: string, payload: unknown) =>
  (socket.timeout(30_000) as unknown as Loose).emitWithAck(event, payload).catch(() => null);

/** The load generator's own CPU from now until the returned function is called (ms, and % of one core). */
export function loadGeneratorCpu(): () => { loadGeneratorCpuMs: number; loadGeneratorCpuPercentOfOneCore: number } {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  return () => {
    const cpu = process.cpuUsage(cpuBefore);
    const loadGeneratorCpuMs = Math.round((cpu.user + cpu.system) / 1000);
    return { loadGeneratorCpuMs, loadGeneratorCpuPercentOfOneCore: Math.round((loadGeneratorCpuMs / (performance.now() - started)) * 100) };
  };
}

/**
 * Connects one client per session cookie, 100 at a time, each joined to its
 * room: the first `perRoom` cookies to the first party, and so on. With
 * several `urls` (app processes) the clients go to them in turn, so each
 * room has members on every process.
 */
export async function joinAll(
  server: Pick<BenchServer, "cookies" | "partyIds">,
  perRoom: number,
  urls: readonly string[],
): Promise<Array<{ socket: Socket; partyId: string }>> {
  const sockets: Array<{ socket: Socket; partyId: string }> = [];
  for (let batch = 0; batch < server.cookies.length; batch += 100) {
    const made = await Promise.all(
      server.cookies.slice(batch, batch + 100).map(async (cookie, k) => {
        const partyId = server.partyIds[Math.floor((batch + k) / perRoom)]!;
        const socket = connect(urls[(batch + k) % urls.length]!, { transports: ["websocket"], extraHeaders: cookie ? { cookie } : {}, forceNew: true });
        // Like the room page: answer the server's round-trip pings at once.
        socket.on("clock:ping", (_payload: unknown, ack: () => void) => ack());
        await new Promise<void>((resolve, reject) => {
          socket.once("connect", () => resolve());
          socket.once("connect_error", reject);
        });
        const joined = await call(socket, "room:join", { partyId });
        if (!joined?.ok) throw new Error(joined ? joined.error.message : "room:join was not answered");
        return { socket, partyId };
      }),
    );
    sockets.push(...made);
  }
  return sockets;
}
