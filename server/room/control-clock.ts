import { AppError } from "../errors";
import type { PartyRole } from "../parties/party";
import { changeClock } from "./current-clock";
import { applyCommand, type ClockCommand, type ClockState } from "../../shared/party-clock";
import type { ControlMode } from "./room";
import type { RoomDeps } from "./room-deps";

export function mayControl(role: PartyRole, mode: ControlMode): boolean {
  return role !== "guest" || mode === "everyone";
}

/** Applies a clock command for someone in the room and saves the result (computed again if another change came first). */
export async function controlClock(options: {
  deps: RoomDeps;
  partyId: string;
  role: PartyRole;
  command: ClockCommand;
  now: () => number;
}): Promise<{ clock: ClockState; controlMode: ControlMode }> {
  return changeClock({
    deps: options.deps,
    partyId: options.partyId,
    now: options.now,
    change({ clock, controlMode }, now) {
      if (!mayControl(options.role, controlMode)) {
        throw new AppError("FORBIDDEN", "Only the host and co-hosts control playback in this party.");
      }
      return { clock: applyCommand(clock, options.command, now), controlMode };
    },
  });
}

/** The host lets everyone control playback, or takes it back for the hosts: a change of the clock's version too. */
export async function setControlMode(options: {
  deps: RoomDeps;
  partyId: string;
  role: PartyRole;
  mode: ControlMode;
  now: () => number;
}): Promise<{ clock: ClockState; controlMode: ControlMode }> {
  if (options.role !== "host") throw new AppError("FORBIDDEN", "Only the host decides who controls playback.");
  return changeClock({
    deps: options.deps,
    partyId: options.partyId,
    now: options.now,
    change: ({ clock }) => ({ clock: { ...clock, version: clock.version + 1 }, controlMode: options.mode }),
  });
}
