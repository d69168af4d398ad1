import { keepUntilWrite } from "../db/keep-until-write";
import type { PartyRepository } from "../parties/party";
import type { RoomRepository } from "./room";

/** How many parties' reads are kept (the oldest party goes first). */
export const CACHED_PARTIES = 1000;

/**
 * The party and room repositories with the reads every join of a party makes
 * (the party, its clock, its recent history, its moments and its sanctions)
 * kept per party until the next write to that party through these same
 * repositories (keep-until-write.ts): an edit, a cancel, a co-host, a clock
 * change, a message, a deletion, a reaction, a mute or removal. Users are
 * never renamed, so the senders' names in the history do not change.
 *
 * Only for a process that is the only writer of its database: the embedded
 * one, or PostgreSQL with one app process. With several processes (Redis) a
 * write elsewhere would not reach this cache, so composeApp does not use it
 * there (joins share their reads instead, share-join-reads.ts).
 */
export function cachePartyReads(repositories: { parties: PartyRepository; rooms: RoomRepository }): { parties: PartyRepository; rooms: RoomRepository } {
  const { parties, rooms } = repositories;
  const cache = keepUntilWrite(CACHED_PARTIES);
  return {
    parties: {
      ...parties,
      findById: (id) => cache.read(id, "party", () => parties.findById(id)),
      update: (id, fields) => cache.write(id, () => parties.update(id, fields)),
      cancel: (id, at) => cache.write(id, () => parties.cancel(id, at)),
      addCohost: (partyId, userId) => cache.write(partyId, () => parties.addCohost(partyId, userId)),
    },
    rooms: {
      ...rooms,
      loadClock: (partyId) => cache.read(partyId, "clock", () => rooms.loadClock(partyId)),
      recentMessages: (partyId, limit) => cache.read(partyId, `recent ${limit}`, () => rooms.recentMessages(partyId, limit)),
      moments: (partyId) => cache.read(partyId, "moments", () => rooms.moments(partyId)),
      // One read of the party's few sanctions answers every member's.
      async sanctions(partyId, userId) {
        const all = await cache.read(partyId, "sanctions", () => rooms.sanctionsIn(partyId));
        return all.get(userId) ?? { muted: false, removed: false };
      },
      sanctionsIn: (partyId) => cache.read(partyId, "sanctions", () => rooms.sanctionsIn(partyId)),
      saveClock: (partyId, ...rest) => cache.write(partyId, () => rooms.saveClock(partyId, ...rest)),
      appendMessage: (input) => cache.write(input.partyId, () => rooms.appendMessage(input)),
      deleteMessage: (partyId, messageId) => cache.write(partyId, () => rooms.deleteMessage(partyId, messageId)),
      addReaction: (input) => cache.write(input.partyId, () => rooms.addReaction(input)),
      setSanction: (partyId, ...rest) => cache.write(partyId, () => rooms.setSanction(partyId, ...rest)),
    },
  };
}
