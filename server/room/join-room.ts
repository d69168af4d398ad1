import { AppError } from "../errors";
import type { SessionUser } from "../auth/session-user";
import { canView } from "../parties/access";
import { loadParty, partyNotFound } from "../parties/load-party";
import { roleOf } from "../parties/party";
import { currentClock } from "./current-clock";
import { listPresence } from "./list-presence";
import { partyCancelled } from "./room-closed";
import type { RoomDeps } from "./room-deps";
import type { RoomSnapshot } from "../realtime/protocol";

export const HISTORY_ON_JOIN = 100;

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
  // An answer to the invitation only matters when nothing else lets them in (a public party, a host, the invite link).
  const viewer = { userId: user.id, inviteToken: options.invite };
  const mayView =
    canView(party, { ...viewer, hasAnswered: false }) || canView(party, { ...viewer, hasAnswered: (await deps.parties.rsvpOf(party.id, user.id)) !== null });
  if (!mayView) throw partyNotFound();
  if (party.cancelledAt) throw partyCancelled();
  const sanctions = await deps.rooms.sanctions(party.id, user.id);
  if (sanctions.removed) throw new AppError("FORBIDDEN", "A host removed you from this party's room.");

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
      messages,
      moments,
      serverTime: now,
    },
  };
}
