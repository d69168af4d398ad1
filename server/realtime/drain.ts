import type { AppServer } from "./handler";

/** Connections told to reconnect wait a random part of this, so they do not all arrive elsewhere at one instant. */
export const RECONNECT_SPREAD_MS = 1000;

/**
 * Tells every connection on this process to reconnect (`server:draining`,
 * with how long to wait) and closes it. The room page reconnects and rejoins
 * by itself; the balancer, which no longer sees this process healthy, sends
 * it to another. Returns how many connections were sent away.
 */
export function sendConnectionsElsewhere(io: AppServer, random: () => number = Math.random): number {
  const sockets = [...io.of("/").sockets.values()];
  for (const socket of sockets) {
    socket.emit("server:draining", { reconnectInMs: Math.floor(random() * RECONNECT_SPREAD_MS) });
    socket.disconnect(true);
  }
  return sockets.length;
}

/** Waits for the given work to settle, at most `ms` (a stuck handler must not hold the shutdown). */
export async function settleWithin(work: Iterable<Promise<unknown>>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.allSettled(work),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
