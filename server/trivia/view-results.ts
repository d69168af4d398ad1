import type { PartyRepository } from "../parties/party";
import { viewParty } from "../parties/view-party";
import type { LeaderboardEntry, RoundSummary, TriviaRepository } from "./trivia";

export interface TriviaResults {
  partyId: string;
  title: string;
  party: LeaderboardEntry[];
  rounds: RoundSummary[];
}

/** The stored leaderboards, for anyone who may see the party. */
export async function viewResults(options: {
  parties: PartyRepository;
  trivia: TriviaRepository;
  partyId: string;
  viewerId: string | undefined;
  inviteToken: string | null | undefined;
}): Promise<TriviaResults> {
  const { party } = await viewParty({ ...options, now: new Date() });
  const [leaderboard, rounds] = await Promise.all([options.trivia.partyLeaderboard(party.id), options.trivia.rounds(party.id)]);
  return { partyId: party.id, title: party.title, party: leaderboard, rounds };
}
