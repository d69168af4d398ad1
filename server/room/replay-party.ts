import type { PartyRepository } from "../parties/party";
import { episodeList } from "../parties/schedule";
import { loadParty } from "../parties/load-party";
import { replayTrivia } from "../trivia/replay-trivia";
import type { TriviaRepository } from "../trivia/trivia";
import type { PartyReplay } from "./replay-party.types";
import type { RoomRepository } from "./room";
import { checkRoomAccess } from "./room-access";

/** The most messages, and the most reactions, one replay carries. */
export const REPLAY_LIMIT = 5000;
/** The most trivia rounds one replay carries. */
const REPLAY_ROUNDS = 50;

/**
 * A party's chat and reactions at the episode moments they were sent, for
 * whoever the room's own rule lets read it (room-access.ts: the same
 * function as room:join): not a removed member, and only the party's
 * members unless its host opened the replay to anyone who may see the party.
 * Deleted messages and reactions to them are left out. A cancelled party
 * replays too: what was said before the cancel stays what was said, as its
 * trivia results do.
 */
export async function replayParty(options: {
  parties: PartyRepository;
  rooms: Pick<RoomRepository, "replayMessages" | "replayReactions" | "sanctions">;
  /** With it, the replay carries the trivia rounds played, at their moments. */
  trivia?: Pick<TriviaRepository, "replayRounds">;
  partyId: string;
  viewerId: string | undefined;
  inviteToken: string | null | undefined;
  now: Date;
}): Promise<PartyReplay> {
  const party = await loadParty(options.parties, options.partyId);
  await checkRoomAccess({ parties: options.parties, rooms: options.rooms, party, userId: options.viewerId, invite: options.inviteToken, purpose: "replay" });
  const [stored, reactions, rounds] = await Promise.all([
    options.rooms.replayMessages(party.id, REPLAY_LIMIT + 1),
    options.rooms.replayReactions(party.id, REPLAY_LIMIT + 1),
    options.trivia ? options.trivia.replayRounds(party.id, REPLAY_ROUNDS) : Promise.resolve([]),
  ]);
  const messages = stored.slice(0, REPLAY_LIMIT).map(({ id, senderName, text, episode, positionMs, reactions: counts }) => ({
    id,
    senderName,
    text,
    episode,
    positionMs,
    reactions: counts,
  }));
  const kept = reactions.slice(0, REPLAY_LIMIT).map(({ id, emoji, episode, positionMs }) => ({ id, emoji, episode, positionMs }));
  const episodes = new Set([...episodeList(party), ...messages.map((m) => m.episode), ...kept.map((r) => r.episode)]);
  return {
    partyId: party.id,
    title: party.title,
    cancelled: party.cancelledAt !== null,
    replayVisibility: party.replayVisibility,
    episodeMinutes: party.episodeMinutes,
    episodes: [...episodes].sort((a, b) => a - b),
    messages,
    reactions: kept,
    trivia: replayTrivia(rounds, party.episodeFrom),
    truncated: stored.length > REPLAY_LIMIT || reactions.length > REPLAY_LIMIT,
  };
}
