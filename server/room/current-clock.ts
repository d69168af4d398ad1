import { AppError } from "../errors";
import { initialClock, type ClockState } from "./party-clock";
import type { ControlMode } from "./room";
import type { RoomDeps } from "./room-deps";

/** The party's saved clock, or a paused one at its first episode before the room's first use. */
export async function currentClock(deps: RoomDeps, partyId: string, now: number): Promise<{ clock: ClockState; controlMode: ControlMode }> {
  const saved = await deps.rooms.loadClock(partyId);
  if (saved) return saved;
  const party = await deps.parties.findById(partyId);
  if (!party) throw new AppError("NOT_FOUND", "There is no such party.");
  return { clock: initialClock(party.episodeFrom, now), controlMode: "hosts" };
}
