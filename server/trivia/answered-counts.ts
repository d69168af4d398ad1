/**
 * The open question's answered count, paced per room: each `trivia:answered`
 * goes to every socket in the room (5,000 players: one frame to each, most of
 * what the server's thread does while answers pour in), so a room hears at
 * most one count every `everyMs`. The first count goes at once, later ones
 * wait for the interval and only the newest of them is sent. A count is sent
 * only while `stillOpen` says its question is the open one here, so none
 * follows the reveal that this process published.
 */
export interface AnsweredCount {
  roundId: string;
  index: number;
  answeredCount: number;
}

/** At most one answered count per room this often (ms): docs/realtime-protocol.md, `trivia:answered`. */
export const ANSWERED_COUNT_EVERY_MS = 1000;

export function createAnsweredCounts(deps: {
  send(partyId: string, count: AnsweredCount): void;
  stillOpen(partyId: string, count: AnsweredCount): boolean;
  everyMs?: number;
  now?: () => number;
}) {
  const everyMs = deps.everyMs ?? ANSWERED_COUNT_EVERY_MS;
  const now = deps.now ?? (() => performance.now());
  const rooms = new Map<string, { sentAt: number; waiting: AnsweredCount | null; timer: NodeJS.Timeout | null }>();

  function sendIfOpen(partyId: string, count: AnsweredCount): boolean {
    if (!deps.stillOpen(partyId, count)) return false;
    deps.send(partyId, count);
    return true;
  }

  function sendWaiting(partyId: string): void {
    const room = rooms.get(partyId);
    if (!room) return;
    room.timer = null;
    const count = room.waiting;
    room.waiting = null;
    if (count && sendIfOpen(partyId, count)) room.sentAt = now();
    else rooms.delete(partyId);
  }

  return {
    /** A check counted the answers stored so far: sent now, or the newest one after the interval. */
    tell(partyId: string, count: AnsweredCount): void {
      const room = rooms.get(partyId);
      if (room && room.waiting && room.waiting.roundId === count.roundId && room.waiting.index === count.index && room.waiting.answeredCount > count.answeredCount) return;
      const at = now();
      if (!room || (room.timer === null && at - room.sentAt >= everyMs)) {
        if (sendIfOpen(partyId, count)) rooms.set(partyId, { sentAt: at, waiting: null, timer: null });
        return;
      }
      room.waiting = count;
      room.timer ??= setTimeout(() => sendWaiting(partyId), Math.max(0, room.sentAt + everyMs - at));
    },
    /** The question closed (or the round moved on) here: a count still waiting is dropped. */
    forget(partyId: string): void {
      const room = rooms.get(partyId);
      if (room?.timer) clearTimeout(room.timer);
      rooms.delete(partyId);
    },
    stop(): void {
      for (const room of rooms.values()) if (room.timer) clearTimeout(room.timer);
      rooms.clear();
    },
  };
}
