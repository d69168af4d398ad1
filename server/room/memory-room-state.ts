import type { PresenceEntry, RoomStateStore } from "./room";

interface Room {
  entries: Map<string, PresenceEntry>;
  sockets: Map<string, string>; // socketId → userId
}

/** The one-process room state: presence, readiness and reported drift in memory. */
export function createMemoryRoomState(): RoomStateStore {
  const rooms = new Map<string, Room>();
  const room = (partyId: string): Room => {
    let r = rooms.get(partyId);
    if (!r) rooms.set(partyId, (r = { entries: new Map(), sockets: new Map() }));
    return r;
  };
  const socketsOf = (r: Room, userId: string) => [...r.sockets.values()].filter((u) => u === userId).length;

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
      if (gone && entry) r.entries.set(userId, { ...entry, connected: false, ready: false });
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
  };
}
