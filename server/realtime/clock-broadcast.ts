import type { ServerEvents } from "./protocol";
import { partyChannel, type AppServer } from "./handler";

type ClockStatePayload = Parameters<ServerEvents["clock:state"]>[0];

/** A party's clock state goes out at most once per this many ms from one process (the first of a burst at once). */
export const CLOCK_BROADCAST_MS = 50;

/**
 * Coalesces a party's `clock:state` broadcasts: the first change goes out at
 * once, and changes within the next window are folded into one broadcast of
 * the newest state (the highest clock version) when it closes. A burst of
 * commands (a seek bar dragged) sends viewers the latest state, not every
 * intermediate one; clients drop a state not newer than theirs anyway. An
 * entry lives only for its window, so the map holds no idle party.
 */
export function createClockBroadcaster(windowMs = CLOCK_BROADCAST_MS) {
  const windows = new Map<string, { io: AppServer; latest: ClockStatePayload | null }>();
  function open(io: AppServer, partyId: string): void {
    windows.set(partyId, { io, latest: null });
    setTimeout(() => {
      const window = windows.get(partyId);
      windows.delete(partyId);
      if (!window?.latest) return;
      window.io.to(partyChannel(partyId)).emit("clock:state", window.latest);
      open(window.io, partyId);
    }, windowMs);
  }
  return {
    send(io: AppServer, payload: ClockStatePayload): void {
      const window = windows.get(payload.partyId);
      if (!window) {
        io.to(partyChannel(payload.partyId)).emit("clock:state", payload);
        return open(io, payload.partyId);
      }
      if (!window.latest || payload.clock.version >= window.latest.clock.version) window.latest = payload;
    },
    /** Parties with a window open right now (for tests and the soak bench). */
    size: () => windows.size,
  };
}
