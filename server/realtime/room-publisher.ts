import { addNotice, listPresence, PRESENCE_LIST_LIMIT, sendsNotices } from "../room/list-presence";
import type { ClockState } from "../../shared/party-clock";
import type { ChatMessage, ControlMode, PresenceNotice, RoomStateStore } from "../room/room";
import { createClockBroadcaster } from "./clock-broadcast";
import { partyChannel, type AppServer } from "./handler";

/**
 * The one owner of a room's broadcasts of chat messages, presence and clock
 * state (as `TriviaPublisher` is for trivia), in both topologies: the
 * handlers, the chat deliveries, the take-outs and the process registry's
 * sweep say what happened, and this decides how it goes out.
 */
export interface RoomPublisher {
  /**
   * A stored chat message, to this process's members of the room: the chat
   * delivery (an outbox in one process, PostgreSQL notifications to every
   * process in a cluster) makes sure each process is told once, in `seq` order.
   */
  chatMessage(partyId: string, message: ChatMessage): void;
  /**
   * The room's presence list a moment later, with every change made in the
   * meantime (batched per room; one process per window in a cluster).
   * `atLeastMs`: wait at least this long (a drift report waits the longest window).
   */
  presence(partyId: string, atLeastMs?: number): void;
  /** The presence list (and the party's waiting notices) at once, not in a window (the sweep of a dead process: it may be the last thing sent). */
  presenceNow(partyId: string): Promise<void>;
  /**
   * Someone's first connection joined or last one left (only in rooms small
   * enough for notices). Notices wait NOTICE_WINDOW_MS and go out together, so
   * a room of 20 filling at the start is sent a few frames, not 190; a leave
   * and a rejoin (or a join and a leave) inside one window cancel out.
   */
  presenceNotice(partyId: string, notice: PresenceNotice): void;
  /** Sends every waiting notice now, and any later one at once (a process about to stop). */
  noticesAtOnce(): void;
  /**
   * The room's clock changed (`by`: who changed it). Coalesced per party
   * (clock-broadcast.ts): the first of a burst at once, then the newest per window.
   */
  clock(partyId: string, state: { clock: ClockState; controlMode: ControlMode; by: string }): void;
}

/** How long arrivals and departures wait to go out together. */
export const NOTICE_WINDOW_MS = 250;

/** A room's presence goes out at most every this many ms: 1 ms per connection, at most 1 s. */
const presenceDelayMs = (connections: number) => Math.min(1000, Math.max(10, connections));

/**
 * The room publisher over a Socket.IO server. Presence: a burst of joins costs
 * one broadcast, not one per join (a list of n people to n connections per
 * join would grow as n³ in a big room). With several processes one of them
 * sends per window (the room state's claimPresenceBroadcast); it gives the
 * window back before reading the list, so no change is left out.
 */
export function createRoomPublisher(io: AppServer, state: RoomStateStore): RoomPublisher {
  /** The presence lists waiting to go out, per party: true when another change came while asking for the window. */
  const pending = new Map<string, boolean>();
  const clockStates = createClockBroadcaster();
  const connectionsIn = (partyId: string) => io.sockets.adapter.rooms.get(partyChannel(partyId))?.size ?? 0;
  /** Notices waiting for their window, per party. */
  const notices = new Map<string, { people: PresenceNotice[]; timer: NodeJS.Timeout }>();
  let windowMs = NOTICE_WINDOW_MS;

  const sendNotices = (partyId: string, people: PresenceNotice[]) => io.to(partyChannel(partyId)).emit("presence:notice", { partyId, people });

  function flushNotices(partyId: string): void {
    const batch = notices.get(partyId);
    if (!batch) return;
    notices.delete(partyId);
    clearTimeout(batch.timer);
    if (batch.people.length > 0) sendNotices(partyId, batch.people);
  }

  function presenceNotice(partyId: string, notice: PresenceNotice): void {
    if (!sendsNotices(connectionsIn(partyId))) return;
    if (windowMs === 0) return void sendNotices(partyId, [notice]);
    const batch = notices.get(partyId);
    if (!batch) {
      const timer = setTimeout(() => flushNotices(partyId), windowMs);
      timer.unref();
      notices.set(partyId, { people: [notice], timer });
      return;
    }
    batch.people = addNotice(batch.people, notice);
    if (batch.people.length >= PRESENCE_LIST_LIMIT) flushNotices(partyId);
  }

  async function sendPresence(partyId: string): Promise<void> {
    io.to(partyChannel(partyId)).emit("presence:update", { partyId, ...listPresence(await state.presence(partyId)) });
  }

  function presence(partyId: string, atLeastMs = 0): void {
    if (pending.has(partyId)) return void pending.set(partyId, true);
    pending.set(partyId, false);
    const delayMs = Math.max(atLeastMs, presenceDelayMs(connectionsIn(partyId)));
    const send = (release: () => Promise<void>) => {
      pending.delete(partyId);
      release()
        .then(() => sendPresence(partyId))
        // The in-memory store does not fail; a shared store's next change sends the list again.
        .catch(() => undefined);
    };
    state
      .claimPresenceBroadcast(partyId, delayMs)
      .then((release) => {
        if (release) return void setTimeout(() => send(release), delayMs);
        // Another process sends the list, read after this change; one made while asking may not be in it.
        const again = pending.get(partyId);
        pending.delete(partyId);
        if (again) presence(partyId);
      })
      .catch(() => pending.delete(partyId));
  }

  return {
    chatMessage(partyId, message) {
      // Every process is handed each message by the chat delivery: it goes to this process's sockets only.
      io.local.to(partyChannel(partyId)).emit("chat:message", { partyId, message });
    },
    presence,
    async presenceNow(partyId) {
      flushNotices(partyId);
      await sendPresence(partyId);
    },
    presenceNotice,
    noticesAtOnce() {
      windowMs = 0;
      for (const partyId of [...notices.keys()]) flushNotices(partyId);
    },
    clock(partyId, { clock, controlMode, by }) {
      clockStates.send(io, { partyId, clock, controlMode, by });
    },
  };
}
