import type { PartyRepository } from "../parties/party";
import { episodeList } from "../parties/schedule";
import { viewParty } from "../parties/view-party";
import type { PartyReplay } from "./replay-party.types";
import type { RoomRepository } from "./room";

/** The most messages, and the most reactions, one replay carries. */
export const REPLAY_LIMIT = 5000;

/**
 * A party's chat and reactions at the episode moments they were sent, for
 * anyone who may see the party (the same check as its page: NOT_FOUND
 * otherwise). Deleted messages and reactions to them are left out. A
 * cancelled party replays too: what was said before the cancel stays what
 * was said, as its trivia results do.
 */
export async function replayParty(options: {
  parties: PartyRepository;
  rooms: Pick<RoomRepository, "replayMessages" | "replayReactions">;
  partyId: string;
  viewerId: string | undefined;
  inviteToken: string | null | undefined;
  now: Date;
}): Promise<PartyReplay> {
  const { party } = await viewParty(options);
  const [stored, reactions] = await Promise.all([
    options.rooms.replayMessages(party.id, REPLAY_LIMIT + 1),
    options.rooms.replayReactions(party.id, REPLAY_LIMIT + 1),
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
    episodeMinutes: party.episodeMinutes,
    episodes: [...episodes].sort((a, b) => a - b),
    messages,
    reactions: kept,
    truncated: stored.length > REPLAY_LIMIT || reactions.length > REPLAY_LIMIT,
  };
}
