import type { PartyRepository } from "../parties/party";
import type { RoomRepository } from "./room";

/** How many parties' reads are kept (the oldest entry goes first). */
export const CACHED_PARTIES = 1000;

/** What is kept of one party: each read as it was answered, while no write to the party came since. */
interface Entry {
  party?: ReturnType<PartyRepository["findById"]>;
  clock?: ReturnType<RoomRepository["loadClock"]>;
  moments?: ReturnType<RoomRepository["moments"]>;
  recent: Map<number, ReturnType<RoomRepository["recentMessages"]>>;
}

/**
 * The party and room repositories with the reads every join of a party makes
 * (the party, its clock, its recent history and moments) kept per party until
 * the next write to that party through these same repositories: an edit, a
 * cancel, a co-host, a clock change, a message, a deletion, a reaction (users
 * are never renamed, so the senders' names do not change). Only for a process
 * that is the only writer of its database: the embedded one, or PostgreSQL
 * with one app process. With several processes (Redis) a write elsewhere would
 * not reach this cache, so composeApp does not use it there (joins share their
 * reads instead, share-join-reads.ts).
 *
 * A read answered after a write to its party began is not kept (the write
 * counter moved while it ran), so what is kept is never older than the last
 * write; and the entry is dropped when the write returns, before its caller
 * broadcasts anything, so a join that comes after a message was delivered
 * reads it.
 */
export function cachePartyReads(repositories: { parties: PartyRepository; rooms: RoomRepository }): { parties: PartyRepository; rooms: RoomRepository } {
  const { parties, rooms } = repositories;
  const entries = new Map<string, Entry>();
  /** Writes begun per party (a counter; kept for every party written to, a few bytes each). */
  const writes = new Map<string, number>();

  function entryOf(partyId: string): Entry {
    let entry = entries.get(partyId);
    if (!entry) {
      if (entries.size >= CACHED_PARTIES) entries.delete(entries.keys().next().value!);
      entries.set(partyId, (entry = { recent: new Map() }));
    }
    return entry;
  }

  /** Answers from the entry, or reads and keeps the answer if no write to the party began meanwhile. */
  function kept<V>(partyId: string, get: (entry: Entry) => Promise<V> | undefined, set: (entry: Entry, value: Promise<V>) => void, read: () => Promise<V>): Promise<V> {
    const found = entries.get(partyId);
    const hit = found && get(found);
    if (hit) return hit;
    const before = writes.get(partyId) ?? 0;
    const reading = read();
    reading.then(
      () => {
        if ((writes.get(partyId) ?? 0) === before) set(entryOf(partyId), reading);
      },
      () => undefined,
    );
    return reading;
  }

  /** Runs a write to the party: nothing read before it ends is kept, and what was kept is dropped. */
  async function writing<V>(partyId: string, write: () => Promise<V>): Promise<V> {
    writes.set(partyId, (writes.get(partyId) ?? 0) + 1);
    entries.delete(partyId);
    try {
      return await write();
    } finally {
      writes.set(partyId, (writes.get(partyId) ?? 0) + 1);
      entries.delete(partyId);
    }
  }

  return {
    parties: {
      ...parties,
      findById: (id) => kept(id, (e) => e.party, (e, v) => (e.party = v), () => parties.findById(id)),
      update: (id, fields) => writing(id, () => parties.update(id, fields)),
      cancel: (id, at) => writing(id, () => parties.cancel(id, at)),
      addCohost: (partyId, userId) => writing(partyId, () => parties.addCohost(partyId, userId)),
    },
    rooms: {
      ...rooms,
      loadClock: (partyId) => kept(partyId, (e) => e.clock, (e, v) => (e.clock = v), () => rooms.loadClock(partyId)),
      recentMessages: (partyId, limit) =>
        kept(partyId, (e) => e.recent.get(limit), (e, v) => e.recent.set(limit, v), () => rooms.recentMessages(partyId, limit)),
      moments: (partyId) => kept(partyId, (e) => e.moments, (e, v) => (e.moments = v), () => rooms.moments(partyId)),
      saveClock: (partyId, ...rest) => writing(partyId, () => rooms.saveClock(partyId, ...rest)),
      appendMessage: (input) => writing(input.partyId, () => rooms.appendMessage(input)),
      deleteMessage: (partyId, messageId) => writing(partyId, () => rooms.deleteMessage(partyId, messageId)),
      addReaction: (input) => writing(input.partyId, () => rooms.addReaction(input)),
    },
  };
}
