import { AppError } from "../errors";
import type { PartyRole } from "../parties/party";
import { currentClock } from "./current-clock";
import { applyCommand, type ClockCommand, type ClockState } from "./party-clock";
import type { ControlMode } from "./room";
import type { RoomDeps } from "./room-deps";
import { partyCancelled } from "./room-closed";

export function mayControl(role: PartyRole, mode: ControlMode): boolean {
  return role !== "guest" || mode === "everyone";
}

/** Applies a clock command for someone in the room and saves the result. */
export async function controlClock(options: {
  deps: RoomDeps;
  partyId: string;
  role: PartyRole;
  command: ClockCommand;
  now: number;
}): Promise<{ clock: ClockState; controlMode: ControlMode }> {
  const { deps, partyId, now } = options;
  const current = await currentClock(deps, partyId, now);
  const { controlMode } = current;
  if (!mayControl(options.role, controlMode)) {
    throw new AppError("FORBIDDEN", "Only the host and co-hosts control playback in this party.");
  }
  const clock = applyCommand(current.clock, options.command, now);
  if (!(await deps.rooms.saveClock(partyId, clock, controlMode))) throw partyCancelled();
  return { clock, controlMode };
}

/** The host lets everyone control playback, or takes it back for the hosts. */
export async function setControlMode(options: {
  deps: RoomDeps;
  partyId: string;
  role: PartyRole;
  mode: ControlMode;
  now: number;
}): Promise<{ clock: ClockState; controlMode: ControlMode }> {
  if (options.role !== "host") throw new AppError("FORBIDDEN", "Only the host decides who controls playback.");
  const { clock } = await currentClock(options.deps, options.partyId, options.now);
  if (!(await options.deps.rooms.saveClock(options.partyId, clock, options.mode))) throw partyCancelled();
  return { clock, controlMode: options.mode };
}
