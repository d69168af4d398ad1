import { AppError } from "../errors";
import type { Party } from "../parties/party";
import { initialClock, type ClockState } from "../../shared/party-clock";
import type { ControlMode } from "./room";
import type { RoomDeps } from "./room-deps";
import { partyCancelled } from "../parties/party-cancelled";

/**
 * The party's saved clock, or a paused one at its first episode before the
 * room's first use (from `loaded`, the party when the caller has read it already).
 */
export async function currentClock(
  deps: RoomDeps,
  partyId: string,
  now: number,
  loaded?: Pick<Party, "episodeFrom">,
): Promise<{ clock: ClockState; controlMode: ControlMode }> {
  const saved = await deps.rooms.loadClock(partyId);
  if (saved) return saved;
  const party = loaded ?? (await deps.parties.findById(partyId));
  if (!party) throw new AppError("NOT_FOUND", "There is no such party.");
  return { clock: initialClock(party.episodeFrom, now), controlMode: "hosts" };
}

/** How often a clock change is computed again after another change came first. */
export const CLOCK_CHANGE_ATTEMPTS = 20;

/**
 * Applies a change to the party's clock, linearisably across processes: the
 * change is computed from the saved clock and saved only if that is still the
 * saved one (compare-and-set on `version`); otherwise it is computed again
 * from the newer clock. `change` must return the next clock with its version
 * one above the one it was given (every change raises the version, the
 * control mode's too); it may throw (say, FORBIDDEN) after reading.
 */
export async function changeClock<T extends { clock: ClockState; controlMode: ControlMode }>(options: {
  deps: RoomDeps;
  partyId: string;
  now: () => number;
  change(current: { clock: ClockState; controlMode: ControlMode }, now: number): Promise<T> | T;
}): Promise<T> {
  const { deps, partyId } = options;
  for (let attempt = 0; attempt < CLOCK_CHANGE_ATTEMPTS; attempt++) {
    const now = options.now();
    const current = await currentClock(deps, partyId, now);
    const next = await options.change(current, now);
    const saved = await deps.rooms.saveClock(partyId, next.clock, next.controlMode, current.clock.version);
    if (saved === "saved") return next;
    if (saved === "party-closed") throw partyCancelled();
  }
  throw new AppError("CONFLICT", "The party's clock is changing too fast. Try again.");
}
