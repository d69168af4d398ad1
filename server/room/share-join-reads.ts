import { coalesceReads } from "./coalesce-reads";
import type { RoomDeps } from "./room-deps";

/**
 * The room's dependencies with the reads every join of a party makes (the
 * party, its clock, its recent history and moments) shared by the joins of
 * that party that come together (coalesce-reads.ts): a room filling before its
 * start reads them about twice per burst instead of once per viewer. Each join
 * still gets a read that started after it asked, so the history is exactly the
 * one its own read would give (it starts after the connection joined the
 * Socket.IO room, join-room.ts).
 */
export function shareJoinReads(deps: RoomDeps): RoomDeps {
  const { parties, rooms } = deps;
  return {
    ...deps,
    parties: { ...parties, findById: coalesceReads(parties.findById, (id) => id) },
    rooms: {
      ...rooms,
      loadClock: coalesceReads(rooms.loadClock, (partyId) => partyId),
      recentMessages: coalesceReads(rooms.recentMessages, (partyId, limit) => `${partyId} ${limit}`),
      moments: coalesceReads(rooms.moments, (partyId) => partyId),
    },
  };
}
