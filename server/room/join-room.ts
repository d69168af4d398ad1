import type { SessionUser } from "../auth/session-user";
import { loadParty } from "../parties/load-party";
import { roleOf, type PartyRole } from "../parties/party";
import { currentClock } from "./current-clock";
import { listPresence, type PresenceList } from "./list-presence";
import { checkRoomAccess } from "./room-access";
import type { RoomDeps } from "./room-deps";
import type { ClockState } from "../../shared/party-clock";
import { historyMessage } from "./chat-message";
import type { ControlMode, HistoryMessage, MomentBucket, PresenceEntry } from "./room";

export const HISTORY_ON_JOIN = 100;

/** What a connection joining the room is given (`room:join`'s acknowledgement). */
export interface RoomSnapshot {
  party: { id: string; title: string; episodeFrom: number; episodeTo: number };
  you: { userId: string; role: PartyRole; muted: boolean };
  clock: ClockState;
  controlMode: ControlMode;
  /** At most PRESENCE_LIST_LIMIT (50) people: a bigger room lists its hosts and co-hosts, then the people here. */
  presence: PresenceEntry[];
  /** How many are connected in the whole room, and how many it lists as here or away. */
  presenceCount: PresenceList["presenceCount"];
  /** The last 100 messages, or every message after `afterSeq` on a reconnect (without what only their sender uses). */
  messages: HistoryMessage[];
  moments: MomentBucket[];
  serverTime: number;
}

/**
 * Who may enter a party's room, and everything they need to start: clock,
 * people, chat, moments. Everything that can fail is read before the
 * connection is counted as present, so a refused or failed join leaves no
 * one "connected" behind; the presence list that follows is undone too if it
 * cannot be read.
 */
export async function joinRoom(options: {
  deps: RoomDeps;
  partyId: string;
  user: SessionUser;
  socketId: string;
  invite?: string;
  afterSeq?: number;
  now: number;
  /**
   * Runs once the person may enter, before the history is read: the handler
   * joins the Socket.IO room there, so a message stored between the read and
   * the join cannot be missed (the client drops one it has twice).
   */
  admitted?(): Promise<void>;
}): Promise<{ snapshot: RoomSnapshot; firstConnection: boolean }> {
  const { deps, user, now } = options;
  const party = await loadParty(deps.parties, options.partyId);
  const sanctions = await checkRoomAccess({ parties: deps.parties, rooms: deps.rooms, party, userId: user.id, invite: options.invite, purpose: "enter" });

  const role = roleOf(party, user.id);
  await options.admitted?.();
  const [{ clock, controlMode }, messages, moments] = await Promise.all([
    currentClock(deps, party.id, now, party),
    options.afterSeq === undefined
      ? deps.rooms.recentMessages(party.id, HISTORY_ON_JOIN)
      : deps.rooms.messagesAfter(party.id, options.afterSeq, 1000),
    deps.rooms.moments(party.id),
  ]);
  const firstConnection = await deps.state.join(party.id, options.socketId, { userId: user.id, name: user.name, role, muted: sanctions.muted });
  let presence;
  try {
    presence = await deps.state.presence(party.id);
  } catch (error) {
    await deps.state.leave(party.id, options.socketId);
    throw error;
  }
  return {
    firstConnection,
    snapshot: {
      party: { id: party.id, title: party.title, episodeFrom: party.episodeFrom, episodeTo: party.episodeTo },
      you: { userId: user.id, role, muted: sanctions.muted },
      clock,
      controlMode,
      ...listPresence(presence),
      messages: messages.map(historyMessage),
      moments,
      serverTime: now,
    },
  };
}
