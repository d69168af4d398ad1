import { AppError } from "../errors";
import type { SessionUser } from "../auth/session-user";
import { canView } from "../parties/access";
import { loadParty, partyNotFound } from "../parties/load-party";
import { roleOf } from "../parties/party";
import { currentClock } from "./current-clock";
import type { RoomDeps } from "./room-deps";
import type { RoomSnapshot } from "../realtime/protocol";

export const HISTORY_ON_JOIN = 100;

/** Who may enter a party's room, and everything they need to start: clock, people, chat, moments. */
export async function joinRoom(options: {
  deps: RoomDeps;
  partyId: string;
  user: SessionUser;
  socketId: string;
  invite?: string;
  afterSeq?: number;
  now: number;
}): Promise<{ snapshot: RoomSnapshot; firstConnection: boolean }> {
  const { deps, user, now } = options;
  const party = await loadParty(deps.parties, options.partyId);
  const hasAnswered = (await deps.parties.rsvpOf(party.id, user.id)) !== null;
  if (!canView(party, { userId: user.id, hasAnswered, inviteToken: options.invite })) throw partyNotFound();
  if (party.cancelledAt) throw new AppError("CONFLICT", "This party was cancelled: its room is closed.");
  const sanctions = await deps.rooms.sanctions(party.id, user.id);
  if (sanctions.removed) throw new AppError("FORBIDDEN", "A host removed you from this party's room.");

  const role = roleOf(party, user.id);
  const firstConnection = await deps.state.join(party.id, options.socketId, { userId: user.id, name: user.name, role, muted: sanctions.muted });
  const [{ clock, controlMode }, presence, messages, moments] = await Promise.all([
    currentClock(deps, party.id, now),
    deps.state.presence(party.id),
    options.afterSeq === undefined
      ? deps.rooms.recentMessages(party.id, HISTORY_ON_JOIN)
      : deps.rooms.messagesAfter(party.id, options.afterSeq, 1000),
    deps.rooms.moments(party.id),
  ]);
  return {
    firstConnection,
    snapshot: {
      party: { id: party.id, title: party.title, episodeFrom: party.episodeFrom, episodeTo: party.episodeTo },
      you: { userId: user.id, role, muted: sanctions.muted },
      clock,
      controlMode,
      presence,
      messages,
      moments,
      serverTime: now,
    },
  };
}
