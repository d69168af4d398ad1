/**
 * The Redis keys of the shared room state (the state client adds REDIS_KEY_PREFIX
 * to each). A room's keys share the `{partyId}` hash tag; this is one Redis, not
 * Redis Cluster (the scripts touch a room's keys and its process's index together).
 */
export const roomKeys = (partyId: string) => ({
  /** userId → the presence entry (JSON). */
  members: `room:{${partyId}}:members`,
  /** userId → how many of the person's connections are in the room, on every process. */
  conns: `room:{${partyId}}:conns`,
  /** socketId → `userId|processId`. */
  sockets: `room:{${partyId}}:sockets`,
  /** Set while one process's presence broadcast for the room is due (one per window). */
  presencePending: `room:{${partyId}}:presence-pending`,
});

/** The room connections a process holds: `partyId socketId` members, for the janitor. */
export const processSocketsKey = (processId: string) => `process:{${processId}}:sockets`;
/** The connection places a process holds: `userId socketId` members, for the janitor. */
export const processPlacesKey = (processId: string) => `process:{${processId}}:places`;
/** A person's open connections on every process: socketId → processId. */
export const personPlacesKey = (userId: string) => `places:{${userId}}`;
/** Every live process's last heartbeat (Redis time, ms). */
export const PROCESSES_KEY = "processes";
/** Held by the process sweeping a dead one. */
export const sweepKey = (processId: string) => `process:{${processId}}:sweep`;

/**
 * How long a room's keys live without a write. A connection in a room has its
 * round trip measured every 30 s (a write), so only a room nobody is in
 * expires; a process's indexes are renewed by its heartbeat.
 */
export const ROOM_STATE_TTL_MS = 60 * 60 * 1000;
/** A person's connection places: renewed on every connect and disconnect. */
export const PLACES_TTL_MS = 24 * 60 * 60 * 1000;

/** `a b` members of the process indexes: ids never contain a space (party and user ids are checked by shape). */
export const joinPair = (a: string, b: string) => `${a} ${b}`;
export function splitPair(member: string): [string, string] {
  const at = member.indexOf(" ");
  return [member.slice(0, at), member.slice(at + 1)];
}

/** The instant before which a person's extension tokens for a party are void (an unlink), ms; expires with the tokens. */
export const linkRevocationKey = (userId: string, partyId: string) => `extension-unlinked:{${userId}}:${partyId}`;
