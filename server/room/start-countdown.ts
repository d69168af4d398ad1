import { AppError } from "../errors";
import type { PartyRole } from "../parties/party";
import { changeClock } from "./current-clock";
import { applyCommand, type ClockState } from "../../shared/party-clock";
import type { ControlMode } from "./room";
import type { RoomDeps } from "./room-deps";

/** Slack for processing on top of the slowest member's one-way delay. */
export const COUNTDOWN_MARGIN_MS = 250;

/**
 * "3, 2, 1, press play": playback starts at a server instant chosen so that
 * even the member with the slowest link hears of it in time to see the whole
 * countdown. The round trips are the server's own measurements (clock:ping,
 * at most 1 s each), so no member can stretch everyone's countdown.
 */
/** A round trip counts for at most this much (ms): a slower link or a client that answers late changes nothing more. */
export const MAX_ROUND_TRIP_MS = 1000;

export function countdownStart(now: number, seconds: number, roundTrips: Array<number | null>): number {
  const slowestOneWay = Math.max(0, ...roundTrips.map((r) => Math.min(MAX_ROUND_TRIP_MS, Math.max(0, r ?? 0)) / 2));
  return now + slowestOneWay + COUNTDOWN_MARGIN_MS + seconds * 1000;
}

export async function startCountdown(options: {
  deps: RoomDeps;
  partyId: string;
  role: PartyRole;
  seconds: number;
  now: () => number;
}): Promise<{ startAtServerMs: number; clock: ClockState; controlMode: ControlMode }> {
  const { deps, partyId } = options;
  if (options.role === "guest") throw new AppError("FORBIDDEN", "Only the host and co-hosts start the countdown.");
  const presence = await deps.state.presence(partyId);
  const roundTrips = presence.filter((p) => p.connected).map((p) => p.roundTripMs);
  return changeClock({
    deps,
    partyId,
    now: options.now,
    change(current, now) {
      const startAtServerMs = countdownStart(now, options.seconds, roundTrips);
      return { startAtServerMs, clock: applyCommand(current.clock, { type: "playAt", startAtServerMs }, now), controlMode: current.controlMode };
    },
  });
}
