import { z } from "zod";
import { partyIdSchema } from "../parties/party-id";
import type { ReplayTriviaRound } from "../trivia/replay-trivia";

export type { ReplayTriviaRound };

/** GET /api/parties/{id}/replay: the party id from the path, the invite link's token from `?invite=`. */
export const replayPartyParamsSchema = z.object({
  partyId: partyIdSchema,
  invite: z.string().max(200, "That is not an invite token.").nullable(),
});
export type ReplayPartyParams = z.infer<typeof replayPartyParamsSchema>;

/** A message as a replay shows it: who, what, and the episode moment it was sent at. */
export interface ReplayMessage {
  id: string;
  senderName: string;
  text: string;
  episode: number;
  positionMs: number;
  reactions: Record<string, number>;
}

export interface ReplayReaction {
  id: string;
  emoji: string;
  episode: number;
  positionMs: number;
}

/** Everything needed to watch a party back, in show order (episode, position, arrival). */
export interface PartyReplay {
  partyId: string;
  title: string;
  cancelled: boolean;
  /** Who may read it: the party's members (the default) or anyone who may see the party. */
  replayVisibility: "members" | "anyone";
  episodeMinutes: number;
  /** The party's episodes, and any other episode something was sent in. */
  episodes: number[];
  messages: ReplayMessage[];
  reactions: ReplayReaction[];
  /** The trivia rounds played, each at the moment it started. */
  trivia: ReplayTriviaRound[];
  /** True when there was more than a replay carries (REPLAY_LIMIT each). */
  truncated: boolean;
}
