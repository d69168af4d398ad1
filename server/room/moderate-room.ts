import { AppError } from "../errors";
import type { PartyRole } from "../parties/party";
import type { RoomDeps } from "./room-deps";
import { partyCancelled } from "../parties/party-cancelled";

function requireModerator(role: PartyRole): void {
  if (role === "guest") throw new AppError("FORBIDDEN", "Only the host and co-hosts moderate the room.");
}

export async function deleteMessage(options: { deps: RoomDeps; partyId: string; role: PartyRole; messageId: string }): Promise<void> {
  requireModerator(options.role);
  const outcome = await options.deps.rooms.deleteMessage(options.partyId, options.messageId);
  if (outcome === "party-closed") throw partyCancelled();
  if (outcome === "no-message") throw new AppError("NOT_FOUND", "There is no such message in this party.");
}

/** Mutes (or unmutes) or removes a member; the host and co-hosts cannot be sanctioned. */
export async function sanctionMember(options: {
  deps: RoomDeps;
  partyId: string;
  role: PartyRole;
  userId: string;
  kind: "muted" | "removed";
  on: boolean;
}): Promise<void> {
  requireModerator(options.role);
  const party = await options.deps.parties.findById(options.partyId);
  if (!party) throw new AppError("NOT_FOUND", "There is no such party.");
  if (party.cancelledAt) throw partyCancelled();
  if (party.hostId === options.userId || party.cohostIds.includes(options.userId)) {
    throw new AppError("FORBIDDEN", "Hosts and co-hosts cannot be muted or removed.");
  }
  await options.deps.rooms.setSanction(options.partyId, options.userId, options.kind, options.on);
  if (options.kind === "muted") await options.deps.state.update(options.partyId, options.userId, { muted: options.on });
}

/** What removing a member needs of the realtime layer: their connections taken out of the room, on every process. */
export interface MemberTakeOut {
  takeOutMember(partyId: string, userId: string): Promise<void>;
}

/**
 * A host removes a member for good: the removal is stored, then their
 * connections are taken out of the room on every process before the host
 * hears it (so once answered, the member is out everywhere).
 */
export async function removeMember(options: { deps: RoomDeps; realtime: MemberTakeOut; partyId: string; role: PartyRole; userId: string }): Promise<void> {
  await sanctionMember({ deps: options.deps, partyId: options.partyId, role: options.role, userId: options.userId, kind: "removed", on: true });
  await options.realtime.takeOutMember(options.partyId, options.userId);
}
