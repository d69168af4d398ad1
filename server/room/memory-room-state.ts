import type { PresenceEntry, RoomStateStore } from "./room";

interface Room {
  entries: Map<string, PresenceEntry>;
  sockets: Map<string, string>; // socketId → userId
}

/**
 * People who left a room are kept as "away" while it stays open (the list
 * shows them), at most this many per room: past it, the one who came first
 * of those away is forgotten. A room everyone left is forgotten whole.
 */
export const MAX_AWAY_PER_ROOM = 1000;

/** The one-process room state: presence, readiness and reported drift in memory. */
export function createMemoryRoomState(maxAway = MAX_AWAY_PER_ROOM): RoomStateStore & { rooms(): number } {
  const rooms = new Map<string, Room>();
  const room = (partyId: string): Room => {
    let r = rooms.get(partyId);
    if (!r) rooms.set(partyId, (r = { entries: new Map(), sockets: new Map() }));
    return r;
  };
  const socketsOf = (r: Room, userId: string) => [...r.sockets.values()].filter((u) => u === userId).length;
  function forgetOldestAway(r: Room): void {
    let away = 0;
    for (const entry of r.entries.values()) if (!entry.connected) away++;
    for (const [userId, entry] of r.entries) {
      if (away <= maxAway) return;
      if (!entry.connected) {
        r.entries.delete(userId);
        away--;
      }
    }
  }

  return {
    async join(partyId, socketId, member) {
      const r = room(partyId);
      const first = socketsOf(r, member.userId) === 0;
      r.sockets.set(socketId, member.userId);
      const existing = r.entries.get(member.userId);
      r.entries.set(member.userId, {
        ready: false,
        inSync: false,
        driftMs: null,
        roundTripMs: null,
        ...existing,
        ...member,
        connected: true,
      });
      return first;
    },
    async leave(partyId, socketId) {
      const r = rooms.get(partyId);
      const userId = r?.sockets.get(socketId);
      if (!r || !userId) return null;
      r.sockets.delete(socketId);
      const gone = socketsOf(r, userId) === 0;
      const entry = r.entries.get(userId);
      if (gone && entry) {
        r.entries.set(userId, { ...entry, connected: false, ready: false });
        forgetOldestAway(r);
      }
      if (r.sockets.size === 0) rooms.delete(partyId);
      return { userId, gone };
    },
    async update(partyId, userId, patch) {
      const entry = rooms.get(partyId)?.entries.get(userId);
      if (entry) rooms.get(partyId)!.entries.set(userId, { ...entry, ...patch });
    },
    async presence(partyId) {
      return [...(rooms.get(partyId)?.entries.values() ?? [])];
    },
    async member(partyId, userId) {
      return rooms.get(partyId)?.entries.get(userId) ?? null;
    },
    async claimPresenceBroadcast() {
      // One process: the realtime server's own timer is the only window.
      return async () => undefined;
    },
    /** Rooms with someone in them (for tests and the soak bench). */
    rooms: () => rooms.size,
  };
}
