import type { Logger } from "pino";
import type { RoomStateStore } from "../room/room";
import { MAX_ROUND_TRIP_MS } from "../room/start-countdown";
import type { AppSocket } from "./handler";

/** How often a connection in a room has its round trip measured again. */
export const ROUND_TRIP_EVERY_MS = 30_000;

/**
 * The server measures each connection's round trip itself: it sends
 * `clock:ping` and times the acknowledgement, when the connection joins a
 * room and every 30 s while it is in one. No answer within 1 s counts as
 * 1 s, the most any round trip counts for, so a client that answers late (or
 * never) can lengthen everyone's countdown by half a second at most. The
 * measurement goes to the connection's presence in each of its rooms, which
 * the "3, 2, 1" countdown is sized by.
 */
export function createRoundTripMeter(deps: { state: RoomStateStore; now: () => number; logger: Logger }) {
  const timers = new WeakMap<AppSocket, NodeJS.Timeout>();

  async function measure(socket: AppSocket): Promise<void> {
    const sentAt = deps.now();
    let roundTripMs = MAX_ROUND_TRIP_MS;
    try {
      await socket.timeout(MAX_ROUND_TRIP_MS).emitWithAck("clock:ping", { serverTime: sentAt });
      roundTripMs = Math.min(MAX_ROUND_TRIP_MS, Math.max(0, deps.now() - sentAt));
    } catch {
      // No answer in time: the link counts as slow as any may.
    }
    for (const partyId of socket.data.parties.keys()) await deps.state.update(partyId, socket.data.user.id, { roundTripMs });
  }

  function stop(socket: AppSocket): void {
    clearInterval(timers.get(socket));
    timers.delete(socket);
  }

  const measureLogged = (socket: AppSocket) =>
    measure(socket).catch((err: unknown) => deps.logger.error({ err, socket: socket.id }, "measuring a round trip failed"));

  /** Every 30 s (one timer per connection, sharing this function): measure again while the connection is in a room. */
  function again(socket: AppSocket): void {
    if (socket.disconnected || socket.data.parties.size === 0) stop(socket);
    else void measureLogged(socket);
  }
  function stopOnDisconnect(this: AppSocket): void {
    stop(this);
  }

  return {
    /** The connection joined a room: measure now, then every 30 s while it is in a room. */
    joined(socket: AppSocket): void {
      void measureLogged(socket);
      if (timers.has(socket)) return;
      const timer = setInterval(again, ROUND_TRIP_EVERY_MS, socket);
      timer.unref();
      timers.set(socket, timer);
      socket.once("disconnect", stopOnDisconnect);
    },
  };
}
