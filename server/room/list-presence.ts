import type { PresenceEntry, PresenceNotice } from "./room";

/**
 * The most people a presence list names. A room's list goes to every
 * connection in it, so a full list costs n entries × n connections per change:
 * 5,000 players in one party made each list 2.5 GB on the wire and joining
 * could not finish (docs/performance.md, trivia). A room of up to this many
 * people gets its whole list, as before.
 */
export const PRESENCE_LIST_LIMIT = 50;

/** What a room's connections are sent of its presence: who (at most the limit) and how many. */
export interface PresenceList {
  presence: PresenceEntry[];
  /** Connected people in the whole room, and everyone it lists as here or away. */
  presenceCount: { here: number; total: number };
}

/**
 * Pure: the list the room is sent, from the store's entries in their order.
 * A cut list keeps the hosts and co-hosts, then the people here, then those away.
 */
export function listPresence(entries: readonly PresenceEntry[], limit = PRESENCE_LIST_LIMIT): PresenceList {
  const here = entries.filter((e) => e.connected).length;
  const guests = entries.filter((e) => e.role === "guest");
  const presence =
    entries.length <= limit
      ? [...entries]
      : [...entries.filter((e) => e.role !== "guest"), ...guests.filter((e) => e.connected), ...guests.filter((e) => !e.connected)].slice(0, limit);
  return { presence, presenceCount: { here, total: entries.length } };
}

/**
 * Whether a room's connections are told each arrival and departure
 * (`presence:notice`): while this process holds at most the limit of its
 * connections. Beyond it a notice per person to every connection is n² frames
 * (25 million for 5,000 arrivals); the list's counts say how many are here.
 */
export const sendsNotices = (connectionsHere: number) => connectionsHere <= PRESENCE_LIST_LIMIT;

/**
 * Pure: a notice window's people after one more notice. A departure and an
 * arrival of the same person in one window cancel out (a reconnect, or a
 * visit shorter than the window, is nobody else's news); otherwise in order.
 */
export function addNotice(people: readonly PresenceNotice[], notice: PresenceNotice): PresenceNotice[] {
  const opposite = people.findIndex((n) => n.userId === notice.userId && n.kind !== notice.kind);
  return opposite >= 0 ? people.filter((_, i) => i !== opposite) : [...people, notice];
}
